import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ErrorView } from '../i18n/describe-error.ts';

/** A failure shown to the user: the localised sentence, the appliance's detail and field issues. */
@customElement('ec-error-message')
export class EcErrorMessage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .box {
      border: 1px solid color-mix(in srgb, var(--ec-danger, #b3261e) 35%, white);
      background: color-mix(in srgb, var(--ec-danger, #b3261e) 7%, white);
      color: var(--ec-danger, #b3261e);
      border-radius: var(--ec-radius, 8px);
      padding: 0.6rem 0.8rem;
      font-size: 0.92rem;
    }
    p {
      margin: 0;
    }
    .detail {
      color: var(--ec-text, #1d2a30);
      margin-top: 0.2rem;
      font-size: 0.85rem;
    }
    ul {
      margin: 0.3rem 0 0;
      padding-inline-start: 1.2rem;
      color: var(--ec-text, #1d2a30);
      font-size: 0.85rem;
    }
  `;

  @property({ attribute: false }) error: ErrorView | null = null;
  /** Localised names of fields, keyed by the appliance's field path. */
  @property({ attribute: false }) fieldLabels: Record<string, string> = {};

  override render() {
    const e = this.error;
    if (!e) return nothing;
    return html`<div class="box" role="alert">
      <p class="message">${e.message}</p>
      ${e.detail ? html`<p class="detail" lang="en">${e.detail}</p>` : nothing}
      ${e.fields.length
        ? html`<ul>
            ${e.fields.map((f) => html`<li><strong>${this.fieldLabels[f.path] ?? f.path}</strong>: <span lang="en">${f.message}</span></li>`)}
          </ul>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-error-message': EcErrorMessage;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

export interface TemplatePreviewView {
  subject: string;
  body: string;
  length: number;
  smsParts?: number;
}

/**
 * Beside a template being written: the placeholders it may use (with the
 * sample value each shows) and the text as it would be sent.
 */
@customElement('ec-template-preview')
export class EcTemplatePreview extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 1rem;
      }
      h3 {
        margin: 0 0 0.4rem;
        font-size: 0.95rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.15rem 0.6rem;
        font-size: 0.85rem;
      }
      dt code {
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        user-select: all;
      }
      dd {
        margin: 0;
        color: var(--ec-muted, #5b6b73);
      }
      .sent {
        white-space: pre-wrap;
        background: var(--ec-bg, #f4f7f8);
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        padding: 0.6rem 0.8rem;
        margin: 0;
        min-height: 3rem;
      }
      .subject {
        font-weight: 600;
        margin: 0 0 0.3rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  /** Placeholder name → the sample value the preview fills in. */
  @property({ attribute: false }) placeholders: Record<string, string> = {};
  @property({ attribute: false }) preview: TemplatePreviewView | null = null;
  @property({ attribute: false }) error: ErrorView | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const p = this.preview;
    return html`<section>
        <h3>${t.t('admin.tpl.placeholders')}</h3>
        <p class="hint">${t.t('admin.tpl.placeholdersHint')}</p>
        <dl data-field="placeholders">
          ${Object.entries(this.placeholders).map(([name, sample]) => html`<dt><code>{{${name}}}</code></dt><dd>${sample}</dd>`)}
        </dl>
      </section>
      <section aria-live="polite">
        <h3>${t.t('admin.tpl.preview')}</h3>
        ${this.error
          ? html`<ec-error-message .error=${this.error}></ec-error-message>`
          : p
            ? html`${p.subject ? html`<p class="subject" data-field="preview-subject">${p.subject}</p>` : nothing}
                <p class="sent" data-field="preview-body">${p.body}</p>
                <p class="hint" data-field="preview-length">
                  ${t.t('admin.tpl.length', { length: p.length })}${p.smsParts !== undefined ? ` · ${t.t('admin.tpl.smsParts', { parts: p.smsParts })}` : ''}
                </p>`
            : html`<p class="muted">${t.t('admin.tpl.previewEmpty')}</p>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-template-preview': EcTemplatePreview;
  }
}

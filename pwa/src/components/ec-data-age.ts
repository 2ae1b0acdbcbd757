import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';

/** "Last updated: …" with a "saved copy" badge when the data came from the device. */
@customElement('ec-data-age')
export class EcDataAge extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      font-size: 0.85rem;
      color: var(--ec-muted, #5b6b73);
    }
    .badge {
      font-size: 0.75rem;
      font-weight: 600;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: color-mix(in srgb, var(--ec-warn, #9a6200) 15%, white);
      color: var(--ec-warn, #9a6200);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ type: Number }) savedAt: number | null = null;
  @property({ type: Boolean, reflect: true, attribute: 'from-cache' }) fromCache = false;

  override render() {
    if (this.savedAt === null || !this.i18n) return nothing;
    return html`${this.fromCache ? html`<span class="badge">${this.i18n.t('data.savedCopy')}</span>` : nothing}
      <span class="when">${this.i18n.t('data.lastUpdated', { time: this.i18n.dateTime(this.savedAt) })}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-data-age': EcDataAge;
  }
}

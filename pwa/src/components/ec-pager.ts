import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

/** Previous / next over an offset-limit list; fires `ec-page` with `{offset}`. */
@customElement('ec-pager')
export class EcPager extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        gap: 0.75rem;
        font-size: 0.9rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ type: Number }) offset = 0;
  @property({ type: Number }) limit = 20;
  @property({ type: Number }) total = 0;
  @property({ type: Boolean }) disabled = false;

  override render() {
    const t = this.i18n;
    if (!t) return html``;
    const from = this.total === 0 ? 0 : this.offset + 1;
    const to = Math.min(this.offset + this.limit, this.total);
    return html`<span class="muted range">${t.t('common.range', { from, to, total: this.total })}</span>
      <button type="button" class="small" data-page="prev" ?disabled=${this.disabled || this.offset <= 0} @click=${() => this.#go(-1)}>
        ‹ ${t.t('common.previous')}
      </button>
      <button type="button" class="small" data-page="next" ?disabled=${this.disabled || to >= this.total} @click=${() => this.#go(1)}>
        ${t.t('common.next')} ›
      </button>`;
  }

  #go(direction: 1 | -1) {
    const offset = Math.max(0, this.offset + direction * this.limit);
    this.dispatchEvent(new CustomEvent('ec-page', { detail: { offset }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-pager': EcPager;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FaqEntry } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

const SEARCH_DELAY_MS = 250;

/**
 * FAQ (knowledge base) entries with a search box; an entry opens on click.
 * Fires `ec-faq-search` {search} as the user types (debounced).
 */
@customElement('ec-faq-list')
export class EcFaqList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      input {
        width: 100%;
      }
      ul {
        list-style: none;
        margin: 0.6rem 0 0;
        padding: 0;
        display: grid;
        gap: 0.35rem;
        max-height: 28rem;
        overflow-y: auto;
      }
      details {
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        padding: 0.4rem 0.6rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      .body {
        white-space: pre-line;
        margin: 0.4rem 0 0.2rem;
        font-size: 0.92rem;
      }
      .tags {
        font-size: 0.78rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: FaqEntry[] = [];
  @property() search = '';
  @property({ type: Boolean }) loading = false;
  @state() private typed: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<label
        ><span class="visually-hidden">${t.t('common.search')}</span>
        <input type="search" name="faq-search" placeholder=${t.t('faq.searchPlaceholder')} .value=${this.typed ?? this.search} @input=${this.#onInput}
      /></label>
      ${this.items.length === 0
        ? html`<p class="muted" data-field="faq-empty">${this.loading ? t.t('data.loading') : t.t('faq.empty')}</p>`
        : html`<ul data-field="faq-items">
            ${this.items.map(
              (e) => html`<li data-faq-id=${e.id}>
                <details>
                  <summary>${e.title}</summary>
                  <p class="body">${e.body}</p>
                  ${e.tags.length ? html`<p class="tags muted">${e.tags.join(', ')}</p>` : nothing}
                </details>
              </li>`,
            )}
          </ul>`}`;
  }

  #onInput(e: InputEvent) {
    this.typed = (e.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.dispatchEvent(new CustomEvent('ec-faq-search', { detail: { search: this.typed ?? '' }, bubbles: true, composed: true }));
    }, SEARCH_DELAY_MS);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-faq-list': EcFaqList;
  }
}

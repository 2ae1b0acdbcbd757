import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

const SEARCH_DELAY_MS = 300;

/**
 * Above an admin list: the search box, any filters (children), and the
 * new / import / export controls the list offers. Fires `ec-search`
 * {search} (debounced), `ec-new` and `ec-import-open`.
 */
@customElement('ec-list-toolbar')
export class EcListToolbar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: end;
        margin-bottom: 0.8rem;
      }
      label.search {
        flex: 1 1 16rem;
        max-width: 26rem;
      }
      label.search input {
        width: 100%;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-inline-start: auto;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property() search = '';
  @property() placeholder = '';
  @property() newLabel = '';
  @property({ type: Boolean }) importable = false;
  /** The CSV export link; none when the list has no export. */
  @property() exportHref = '';
  @property({ type: Boolean }) disabled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<label class="search">
        <span class="visually-hidden">${t.t('common.search')}</span>
        <input type="search" name="search" placeholder=${this.placeholder || t.t('common.search')} .value=${this.search} @input=${this.#onSearch} />
      </label>
      <slot></slot>
      <div class="tools">
        ${this.exportHref ? html`<a class="button" data-action="export-csv" href=${this.exportHref} download>${t.t('admin.exportCsv')}</a>` : nothing}
        ${this.importable
          ? html`<button type="button" data-action="import-open" ?disabled=${this.disabled} @click=${() => this.#fire('ec-import-open')}>${t.t('admin.importCsv')}</button>`
          : nothing}
        ${this.newLabel
          ? html`<button type="button" class="primary" data-action="new" ?disabled=${this.disabled} @click=${() => this.#fire('ec-new')}>+ ${this.newLabel}</button>`
          : nothing}
      </div>`;
  }

  #onSearch(e: InputEvent) {
    const search = (e.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.dispatchEvent(new CustomEvent('ec-search', { detail: { search }, bubbles: true, composed: true })), SEARCH_DELAY_MS);
  }

  #fire(name: string) {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-list-toolbar': EcListToolbar;
  }
}

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FaqEntry } from '@edgecall/contracts/crm';
import { AppStateController } from '../../state/context.ts';
import { fetchFaq, syncFaq } from '../../data/reference.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import '../../components/ec-faq-list.ts';
import '../../components/ec-error-message.ts';

const LIMIT = 50;

/**
 * The FAQ beside the call-handling window, narrowed to the request type
 * chosen there. Readable offline: the whole FAQ is copied to the device
 * when the panel opens online, and searched there when the appliance
 * cannot be reached.
 */
@customElement('ec-faq-browser')
export class EcFaqBrowser extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.6rem;
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
      }
      .badge {
        font-size: 0.75rem;
        font-weight: 600;
        color: var(--ec-warn, #9a6200);
      }
    `,
  ];

  /** The request type chosen in the window; null shows every entry. */
  @property({ attribute: false }) requestTypeId: string | null = null;
  @state() private items: FaqEntry[] = [];
  @state() private search = '';
  @state() private loading = false;
  @state() private fromCache = false;
  @state() private error: unknown = null;
  #seq = 0;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n]);

  override connectedCallback(): void {
    super.connectedCallback();
    const { api, caches } = this.#ctx.app;
    // The device's copy, for the next time the appliance cannot be reached.
    void syncFaq(api, caches).catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestTypeId') || !this.hasUpdated) void this.#load();
  }

  override render() {
    const t = this.#ctx.app.i18n.t;
    return html`<section class="card" aria-labelledby="faq-title">
      <h2 id="faq-title">${t.t('faq.title')} ${this.fromCache ? html`<span class="badge" data-field="faq-cached">${t.t('data.savedCopy')}</span>` : nothing}</h2>
      <ec-faq-list .i18n=${t} .items=${this.items} .search=${this.search} ?loading=${this.loading} @ec-faq-search=${this.#onSearch}></ec-faq-list>
      <ec-error-message .error=${this.error ? describeError(t, this.error) : null}></ec-error-message>
    </section>`;
  }

  #onSearch(e: CustomEvent<{ search: string }>) {
    this.search = e.detail.search;
    void this.#load();
  }

  async #load() {
    const seq = ++this.#seq;
    const { api, caches } = this.#ctx.app;
    this.loading = true;
    try {
      const page = await fetchFaq(api, caches, { search: this.search, requestTypeId: this.requestTypeId, limit: LIMIT });
      if (seq !== this.#seq) return;
      this.items = page.items;
      this.fromCache = page.fromCache;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = e;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-faq-browser': EcFaqBrowser;
  }
}

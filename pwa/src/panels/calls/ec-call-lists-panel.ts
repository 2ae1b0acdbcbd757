import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { callBackCall, callListExportUrl, fetchCallList, recordingUrl, type CallListFilter, type CallListPage } from '../../data/call-lists.ts';
import { fetchCall, startOfToday, type CallRecord as Journey } from '../../data/calls.ts';
import { fetchReferenceBundle, type CachedBundle } from '../../data/reference.ts';
import type { WindowCall } from '../operator/ec-call-window.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-call-filters.ts';
import '../../components/ec-call-list-table.ts';
import '../../components/ec-call-detail.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';
import '../operator/ec-call-window.ts';

type Tab = 'missed' | 'incoming' | 'outgoing';
const TABS: Tab[] = ['missed', 'incoming', 'outgoing'];
const PAGE_SIZE = 25;
const WEEK_DAYS = 6;

interface ListSnapshot {
  tab: Tab;
  filter: CallListFilter;
  offset: number;
  page: CallListPage;
}

/**
 * Call lists: missed / incoming / outgoing with filters and paging, a
 * detail drawer (journey, record, recording for permitted roles), export
 * of the same selection, and "call back" / "register" on a call.
 */
@customElement('ec-call-lists-panel')
export class EcCallListsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .tabs {
        display: flex;
        gap: 0.4rem;
        margin-bottom: 0.8rem;
      }
      .tabs button[aria-selected='true'] {
        background: var(--ec-primary, #0b5d6b);
        border-color: var(--ec-primary, #0b5d6b);
        color: #fff;
      }
      .exports {
        display: flex;
        gap: 0.5rem;
      }
      ec-pager {
        margin-top: 0.75rem;
      }
      ec-call-filters {
        margin-bottom: 0.8rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.session]);
  @state() private tab: Tab = 'incoming';
  @state() private filter: CallListFilter = { from: startOfToday() - WEEK_DAYS * 86_400_000 };
  @state() private offset = 0;
  @state() private selected: string | null = null;
  @state() private journey: Journey | null = null;
  @state() private registering: WindowCall | null = null;
  @state() private bundle: CachedBundle | null = null;
  @state() private busy = false;
  @state() private actionError: unknown = null;
  @state() private notice = '';

  readonly #list = new ResourceController<ListSnapshot>(this, () => this.#ctx.app, 'calls.lists', async (app) => {
    const { tab, filter, offset } = this;
    return { tab, filter, offset, page: await fetchCallList(app.api, tab, filter, { offset, limit: PAGE_SIZE }) };
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const { api, caches } = this.#ctx.app;
    void fetchReferenceBundle(api, caches).then((b) => (this.bundle = b), () => undefined);
  }

  override render() {
    const { i18n, api } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#list.current;
    return html`<div class="head">
        <h1>${t.t('lists.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <div class="exports">
          <a class="button" data-action="export-csv" href=${callListExportUrl(api, this.tab, this.filter, 'csv')} download>${t.t('lists.exportCsv')}</a>
          <a class="button" data-action="export-xlsx" href=${callListExportUrl(api, this.tab, this.filter, 'xlsx')} download>${t.t('lists.exportXlsx')}</a>
        </div>
      </div>
      <div class="stack">
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
        <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
        ${this.registering
          ? html`<ec-call-window .call=${this.registering} closable @ec-window-close=${() => (this.registering = null)} @ec-record-saved=${() => void this.#list.load()}></ec-call-window>`
          : nothing}
        <section class="card">
          <div class="tabs" role="tablist">
            ${TABS.map(
              (tab) => html`<button role="tab" data-tab=${tab} aria-selected=${this.tab === tab ? 'true' : 'false'} @click=${() => this.#setTab(tab)}>
                ${t.t(`lists.tab.${tab}`)}
              </button>`,
            )}
          </div>
          <ec-call-filters .i18n=${t} .value=${this.filter} .bundle=${this.bundle?.bundle ?? null} @ec-filter=${this.#onFilter}></ec-call-filters>
          ${this.#body()}
        </section>
        ${this.#detail()}
      </div>`;
  }

  #body() {
    const t = this.#ctx.app.i18n.t;
    const current = this.#list.current;
    const error = this.#list.error;
    if (!current) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { page, offset, tab } = current.value;
    return html`${error ? html`<ec-error-message .error=${describeError(t, error)}></ec-error-message>` : nothing}
      <ec-call-list-table data-list=${tab} .i18n=${t} .items=${page.items} .selectedId=${this.selected} @ec-select=${this.#onSelect}></ec-call-list-table>
      <ec-pager .i18n=${t} .offset=${offset} .limit=${PAGE_SIZE} .total=${page.total} .disabled=${this.#list.loading} @ec-page=${this.#onPage}></ec-pager>`;
  }

  #detail() {
    const { i18n, session, api } = this.#ctx.app;
    const item = this.#list.current?.value.page.items.find((c) => c.callId === this.selected);
    if (!item) return nothing;
    const canListen = session.can('recordings:listen') && item.hasRecording;
    const operates = session.can('agent:operate') && !!session.user?.agentNumber;
    return html`<ec-call-detail
      .i18n=${i18n.t}
      .item=${item}
      .events=${this.journey?.id === item.callId ? this.journey.events : null}
      .recordingUrl=${canListen ? recordingUrl(api, item.callId) : null}
      ?canCallBack=${operates && /^\+?[0-9]{2,20}$/.test(item.number)}
      ?canRegister=${operates}
      ?busy=${this.busy}
      @ec-close=${() => (this.selected = null)}
      @ec-call-back=${() => this.#callBack(item.callId)}
      @ec-register=${() =>
        (this.registering = { callId: item.callId, number: item.number, queue: item.queue, did: null, direction: item.direction === 'outbound' ? 'outbound' : 'inbound' })}
    ></ec-call-detail>`;
  }

  #setTab(tab: Tab) {
    this.tab = tab;
    this.offset = 0;
    this.selected = null;
    void this.#list.load();
  }

  #onFilter(e: CustomEvent<{ filter: CallListFilter }>) {
    this.filter = e.detail.filter;
    this.offset = 0;
    void this.#list.load();
  }

  #onPage(e: CustomEvent<{ offset: number }>) {
    this.offset = e.detail.offset;
    void this.#list.load();
  }

  async #onSelect(e: CustomEvent<{ id: string | null }>) {
    this.selected = e.detail.id;
    this.actionError = null;
    if (!e.detail.id) return;
    try {
      const j = await fetchCall(this.#ctx.app.api, e.detail.id);
      if (this.selected === j.id) this.journey = j;
    } catch (err) {
      this.actionError = err;
    }
  }

  async #callBack(callId: string) {
    const t = this.#ctx.app.i18n.t;
    this.busy = true;
    this.actionError = null;
    this.notice = '';
    try {
      const r = await callBackCall(this.#ctx.app.api, callId);
      this.notice = t.t('lists.callingBack', { number: r.number });
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-lists-panel': EcCallListsPanel;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { AppStateController } from '../../state/context.ts';
import { RouterController } from '../../shell/router.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { deleteFilter, fetchFilters, fetchTickets, saveFilter, ticketsExportUrl, type TicketFilter, type TicketList, type TicketQuery } from '../../data/tickets.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import { loadTicketRefs, type TicketRefs } from './ticket-refs.ts';
import '../../components/ec-ticket-table.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';
import './ec-ticket-view.ts';
import './ec-ticket-new.ts';
import './ec-ticket-print.ts';

const BASE = '/tickets';
const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;
const VIEWS = ['all', 'mine', 'my_group', 'unassigned', 'due_soon', 'overdue', 'closed'] as const;

interface Snapshot {
  query: TicketQuery;
  list: TicketList;
}

type Screen = { kind: 'list' } | { kind: 'new' } | { kind: 'view'; id: string } | { kind: 'print'; id: string };

function screenOf(path: string): Screen {
  const rest = path.slice(BASE.length).replace(/^\/+|\/+$/g, '');
  if (!rest) return { kind: 'list' };
  if (rest === 'new') return { kind: 'new' };
  const [id, sub] = rest.split('/');
  return sub === 'print' ? { kind: 'print', id: decodeURIComponent(id) } : { kind: 'view', id: decodeURIComponent(id) };
}

/**
 * Electronic requests: the lists (views: mine, my group, unassigned, due
 * soon, overdue, closed; filters by type, classification, status and place;
 * full-text search; saved filters; CSV/XLSX exports), a request's page,
 * the new-request form and the printable view, each at its own path.
 */
@customElement('ec-tickets-panel')
export class EcTicketsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .views {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        margin-bottom: 0.8rem;
      }
      .views button[aria-pressed='true'] {
        background: var(--ec-primary, #0b5d6b);
        border-color: var(--ec-primary, #0b5d6b);
        color: #fff;
      }
      label.search {
        flex: 1 1 16rem;
      }
      label.search input {
        width: 100%;
      }
      ec-pager {
        margin-top: 0.75rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.session]);
  readonly #router = new RouterController(this);
  @state() private query: TicketQuery = { view: 'all', offset: 0, limit: PAGE_SIZE };
  @state() private refs: TicketRefs | null = null;
  @state() private filters: TicketFilter[] = [];
  @state() private savedId = '';
  @state() private notice: MessageKey | null = null;
  @state() private actionError: unknown = null;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #list = new ResourceController<Snapshot>(this, () => this.#ctx.app, 'tickets.list', async (app) => {
    const query = { ...this.query };
    return { query, list: await fetchTickets(app.api, query) };
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const app = this.#ctx.app;
    void loadTicketRefs(app).then((r) => (this.refs = r));
    void fetchFilters(app.api).then((f) => (this.filters = f), () => undefined);
  }

  override render() {
    const screen = screenOf(this.#router.path);
    if (screen.kind === 'new') return html`<ec-ticket-new .refs=${this.refs} @ec-open-ticket=${this.#onOpen}></ec-ticket-new>`;
    if (screen.kind === 'view') return keyed(screen.id, html`<ec-ticket-view .ticketId=${screen.id} .refs=${this.refs} @ec-open-ticket=${this.#onOpen}></ec-ticket-view>`);
    if (screen.kind === 'print') return keyed(screen.id, html`<ec-ticket-print .ticketId=${screen.id} .refs=${this.refs}></ec-ticket-print>`);
    return this.#listScreen();
  }

  #listScreen() {
    const { i18n, session, connection, api } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#list.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    const q = current?.fromCache ? current.value.query : this.query;
    const b = this.refs?.bundle?.bundle;
    const byName = <T extends { name: string }>(a: T, c: T) => a.name.localeCompare(c.name);
    const types = (b?.requestTypes ?? []).filter((r) => r.active).sort(byName);
    const classes = (b?.classifications ?? []).filter((c) => c.parentId === null && (!q.requestTypeId || c.requestTypeId === q.requestTypeId)).sort(byName);
    const cities = (b?.locations ?? []).filter((l) => l.cityId === null).sort(byName);
    const districts = (b?.locations ?? []).filter((l) => q.cityId && l.cityId === q.cityId).sort(byName);
    const statuses = this.refs?.meta?.statuses ?? [];
    return html`<div class="head">
        <h1>${t.t('tickets.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <a class="button" data-action="export-csv" href=${ticketsExportUrl(api, this.query, 'csv')} download="requests.csv">${t.t('lists.exportCsv')}</a>
        <a class="button" data-action="export-xlsx" href=${ticketsExportUrl(api, this.query, 'xlsx')} download="requests.xlsx">${t.t('tickets.exportXlsx')}</a>
        ${session.can('tickets:write') ? html`<button type="button" class="primary" data-action="new-ticket" @click=${() => this.#go(`${BASE}/new`)}>+ ${t.t('tickets.new')}</button>` : nothing}
      </div>
      <div class="stack">
        ${offline ? html`<p class="offline-note">${t.t('tickets.offlineNote')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status" data-field="tickets-notice">${t.t(this.notice)}</p>` : nothing}
        <section class="card">
          <div class="views" role="group" aria-label=${t.t('tickets.views')}>
            ${VIEWS.map((v) => html`<button type="button" class="small" data-view=${v} aria-pressed=${(q.view ?? 'all') === v ? 'true' : 'false'} @click=${() => this.#setQuery({ view: v })}>${t.t(`tickets.view.${v}` as MessageKey)}</button>`)}
          </div>
          <div class="toolbar">
            <label class="search">
              <span class="visually-hidden">${t.t('common.search')}</span>
              <input type="search" name="search" placeholder=${t.t('tickets.searchPlaceholder')} .value=${q.search ?? ''} @input=${this.#onSearch} />
            </label>
            ${this.#select('requestTypeId', t.t('record.requestType'), q.requestTypeId, types, (v) => this.#setQuery({ requestTypeId: v, classificationId: undefined }))}
            ${this.#select('classificationId', t.t('record.classification'), q.classificationId, classes, (v) => this.#setQuery({ classificationId: v }))}
            ${this.#select('status', t.t('tickets.field.status'), q.status, statuses.map((s) => ({ id: s.code, name: s.name[t.locale] || s.name.az })), (v) => this.#setQuery({ status: v }))}
            ${this.#select('cityId', t.t('record.city'), q.cityId, cities, (v) => this.#setQuery({ cityId: v, districtId: undefined }))}
            ${this.#select('districtId', t.t('record.district'), q.districtId, districts, (v) => this.#setQuery({ districtId: v }))}
          </div>
          <div class="toolbar">
            ${this.#select('savedFilter', t.t('tickets.savedFilters'), this.savedId, this.filters.map((f) => ({ id: f.id, name: f.name })), (v) => this.#apply(v))}
            <button type="button" class="small" data-action="save-filter" ?disabled=${offline} @click=${this.#saveFilter}>${t.t('tickets.saveFilter')}</button>
            ${this.filters.length ? html`<button type="button" class="small" data-action="delete-filters" ?disabled=${offline} @click=${this.#deleteFilter}>${t.t('tickets.deleteFilter')}</button>` : nothing}
          </div>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${this.#table()}
        </section>
      </div>`;
  }

  #select(name: string, label: string, value: string | undefined, options: { id: string; name: string }[], set: (v: string | undefined) => void) {
    const t = this.#ctx.app.i18n.t;
    return html`<label
      >${label}
      <select name=${name} .value=${value ?? ''} @change=${(e: Event) => set((e.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${!value}>${t.t('tickets.any')}</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
      </select>
    </label>`;
  }

  #table() {
    const t = this.#ctx.app.i18n.t;
    const current = this.#list.current;
    if (!current) {
      const e = this.#list.error;
      if (e) return html`<ec-error-message .error=${isNetworkError(e) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, e)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { list, query } = current.value;
    return html`<ec-ticket-table
        .i18n=${t}
        .items=${list.items}
        .names=${this.refs?.names ?? new Map()}
        .statuses=${this.refs?.meta?.statuses ?? []}
        @ec-open-ticket=${this.#onOpen}
      ></ec-ticket-table>
      <ec-pager .i18n=${t} .offset=${query.offset} .limit=${query.limit} .total=${list.total} .disabled=${this.#list.loading} @ec-page=${(e: CustomEvent<{ offset: number }>) => this.#setQuery({ offset: e.detail.offset }, false)}></ec-pager>`;
  }

  #setQuery(patch: Partial<TicketQuery>, resetOffset = true) {
    this.notice = null;
    this.query = { ...this.query, ...patch, ...(resetOffset ? { offset: 0 } : {}) };
    void this.#list.load();
  }

  #onSearch(e: InputEvent) {
    const search = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#setQuery({ search: search.trim() || undefined }), SEARCH_DELAY_MS);
  }

  #apply(id: string | undefined) {
    this.savedId = id ?? '';
    const f = this.filters.find((x) => x.id === id);
    if (!f) return;
    this.query = { view: 'all', ...f.query, offset: 0, limit: PAGE_SIZE } as TicketQuery;
    void this.#list.load();
  }

  async #saveFilter() {
    const t = this.#ctx.app.i18n.t;
    const name = prompt(t.t('tickets.filterName'))?.trim();
    if (!name) return;
    this.actionError = null;
    try {
      await saveFilter(this.#ctx.app.api, name, this.query);
      this.filters = await fetchFilters(this.#ctx.app.api);
      this.notice = 'tickets.filterSaved';
    } catch (e) {
      this.actionError = e;
    }
  }

  async #deleteFilter() {
    const f = this.filters.find((x) => x.id === this.savedId);
    if (!f) return;
    this.actionError = null;
    try {
      await deleteFilter(this.#ctx.app.api, f.id);
      this.filters = this.filters.filter((x) => x.id !== f.id);
      this.savedId = '';
    } catch (e) {
      this.actionError = e;
    }
  }

  #onOpen(e: CustomEvent<{ id: string; print?: boolean }>) {
    this.#go(`${BASE}/${encodeURIComponent(e.detail.id)}${e.detail.print ? '/print' : ''}`);
  }

  #go(path: string) {
    this.#router.navigate(path);
    // Back on the list: what changed on a request's page shows.
    if (path === BASE) void this.#list.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-tickets-panel': EcTicketsPanel;
  }
}

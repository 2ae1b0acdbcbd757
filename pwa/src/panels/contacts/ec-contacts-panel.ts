import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import type { MessageKey, MessageParams } from '../../i18n/translator.ts';
import {
  contactsCsvUrl,
  createContact,
  deleteContact,
  fetchContacts,
  importContacts,
  mergeContacts,
  updateContact,
  type Contact,
  type ContactPage,
  type ContactQuery,
} from '../../data/contacts.ts';
import { fetchReferenceBundle, type CachedBundle } from '../../data/reference.ts';
import { fetchTickets, type ListedTicket } from '../../data/tickets.ts';
import { RouterController } from '../../shell/router.ts';
import type { ContactFormValue } from '../../components/ec-contact-form.ts';
import type { CsvProblem } from '../../components/ec-csv-import.ts';
import { importProblems } from '../shared/import-problems.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-contacts-table.ts';
import '../../components/ec-contact-form.ts';
import '../../components/ec-contact-merge.ts';
import '../../components/ec-csv-import.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';
import '../../components/ec-ticket-table.ts';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

interface Snapshot {
  query: ContactQuery;
  page: ContactPage;
}

type Mode = { kind: 'create' } | { kind: 'edit'; contact: Contact } | { kind: 'merge' } | { kind: 'import' } | null;

/** Contacts: search with paging, create/edit, delete, merge two or more, CSV import and export. */
@customElement('ec-contacts-panel')
export class EcContactsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      label.search {
        flex: 1 1 20rem;
        max-width: 30rem;
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
  @state() private query: ContactQuery = { search: '', offset: 0, limit: PAGE_SIZE };
  @state() private selected = new Map<string, Contact>();
  @state() private mode: Mode = null;
  @state() private busy = false;
  @state() private busyId: string | null = null;
  @state() private formError: unknown = null;
  @state() private actionError: unknown = null;
  @state() private problems: CsvProblem[] = [];
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;
  @state() private bundle: CachedBundle | null = null;
  /** The contact card's requests (issue 7): whose, and their requests. */
  @state() private ticketsOf: { contact: Contact; items: ListedTicket[] | null; error: unknown } | null = null;
  readonly #router = new RouterController(this);
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #list = new ResourceController<Snapshot>(this, () => this.#ctx.app, 'contacts.list', async (app) => {
    const query = { ...this.query };
    return { query, page: await fetchContacts(app.api, app.caches, query) };
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const { api, caches } = this.#ctx.app;
    void fetchReferenceBundle(api, caches).then((b) => (this.bundle = b), () => undefined);
  }

  override render() {
    const { i18n, connection, session, api } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#list.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    // Creating and editing go through the outbox, so they work offline; delete, merge and import need the appliance.
    const mayWrite = session.can('contacts:write');
    const canWrite = mayWrite && !offline;
    const shown = current?.fromCache ? current.value.query : this.query;
    return html`<div class="head">
        <h1>${t.t('contacts.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <a class="button" data-action="export-contacts" href=${contactsCsvUrl(api, this.query.search)} download="contacts.csv">${t.t('lists.exportCsv')}</a>
        ${session.can('contacts:write')
          ? html`<button type="button" data-action="import-contacts" ?disabled=${!canWrite} @click=${() => this.#open({ kind: 'import' })}>${t.t('contacts.import')}</button>
              <button type="button" data-action="merge-contacts" ?disabled=${!canWrite || this.selected.size < 2} @click=${() => this.#open({ kind: 'merge' })}>
                ${t.t('contacts.mergeSelected', { count: this.selected.size })}
              </button>
              <button type="button" class="primary" data-action="new-contact" ?disabled=${!mayWrite} @click=${() => this.#open({ kind: 'create' })}>+ ${t.t('contacts.new')}</button>`
          : nothing}
      </div>
      <div class="stack">
        ${offline ? html`<p class="offline-note">${t.t('contacts.offlineNote')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status" data-field="contacts-notice">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        ${this.#form()} ${this.#contactTickets()}
        <section class="card">
          <div class="toolbar">
            <label class="search">
              <span class="visually-hidden">${t.t('common.search')}</span>
              <input type="search" name="search" placeholder="${t.t('common.search')}: ${t.t('contacts.searchPlaceholder')}" .value=${shown.search ?? ''} @input=${this.#onSearch} />
            </label>
          </div>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${this.#table(!mayWrite, offline)}
        </section>
      </div>`;
  }

  #form() {
    const t = this.#ctx.app.i18n.t;
    const m = this.mode;
    if (!m) return nothing;
    const error = this.formError ? describeError(t, this.formError) : null;
    const locations = this.bundle?.bundle.locations ?? [];
    if (m.kind === 'create' || m.kind === 'edit') {
      return html`<section class="card">
        <ec-contact-form
          .i18n=${t}
          .mode=${m.kind}
          .contact=${m.kind === 'edit' ? m.contact : null}
          .locations=${locations}
          .busy=${this.busy}
          .error=${error}
          @ec-submit=${this.#save}
          @ec-cancel=${this.#close}
        ></ec-contact-form>
      </section>`;
    }
    if (m.kind === 'merge') {
      return html`<section class="card">
        <ec-contact-merge .i18n=${t} .contacts=${[...this.selected.values()]} .busy=${this.busy} .error=${error} @ec-submit=${this.#merge} @ec-cancel=${this.#close}></ec-contact-merge>
      </section>`;
    }
    return html`<section class="card">
      <ec-csv-import
        .i18n=${t}
        .heading=${t.t('contacts.importTitle')}
        .hint=${t.t('contacts.importHint')}
        .busy=${this.busy}
        .problems=${this.problems}
        @ec-import=${this.#import}
        @ec-cancel=${this.#close}
      ></ec-csv-import>
      <ec-error-message .error=${error && this.problems.length === 0 ? error : null}></ec-error-message>
    </section>`;
  }

  #table(readonly: boolean, offline: boolean) {
    const t = this.#ctx.app.i18n.t;
    const current = this.#list.current;
    if (!current) {
      const e = this.#list.error;
      if (e) return html`<ec-error-message .error=${isNetworkError(e) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, e)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { page, query } = current.value;
    return html`<ec-contacts-table
        .i18n=${t}
        .items=${page.items}
        .selected=${new Set(this.selected.keys())}
        .locations=${this.bundle?.bundle.locations ?? []}
        .busyId=${this.busyId}
        ?readonly=${readonly}
        ?offline=${offline}
        ?tickets=${this.#ctx.app.session.can('tickets:read')}
        @ec-contact-select=${this.#onSelect}
        @ec-contact-action=${this.#onAction}
      ></ec-contacts-table>
      <ec-pager .i18n=${t} .offset=${query.offset} .limit=${query.limit} .total=${page.total} .disabled=${this.#list.loading} @ec-page=${this.#onPage}></ec-pager>`;
  }

  /** The contact's requests, with "new request" pre-filled for them. */
  #contactTickets() {
    const { i18n, session } = this.#ctx.app;
    const t = i18n.t;
    const s = this.ticketsOf;
    if (!s) return nothing;
    const names = new Map<string, string>();
    for (const i of [...(this.bundle?.bundle.requestTypes ?? []), ...(this.bundle?.bundle.classifications ?? [])]) names.set(i.id, i.name);
    return html`<section class="card" data-field="contact-tickets" data-contact-id=${s.contact.id}>
      <div class="toolbar">
        <strong>${t.t('tickets.ofContactTitle', { name: s.contact.name })}</strong>
        ${session.can('tickets:write')
          ? html`<button type="button" class="primary small" data-action="new-contact-ticket" @click=${() => this.#router.navigate(`/tickets/new?contactId=${encodeURIComponent(s.contact.id)}`)}>
              + ${t.t('tickets.new')}
            </button>`
          : nothing}
        <button type="button" class="small" data-action="close-contact-tickets" @click=${() => (this.ticketsOf = null)}>${t.t('window.close')}</button>
      </div>
      ${s.error ? html`<ec-error-message .error=${describeError(t, s.error)}></ec-error-message>` : nothing}
      ${s.items
        ? html`<ec-ticket-table
            .i18n=${t}
            .items=${s.items}
            .names=${names}
            @ec-open-ticket=${(e: CustomEvent<{ id: string }>) => this.#router.navigate(`/tickets/${encodeURIComponent(e.detail.id)}`)}
          ></ec-ticket-table>`
        : s.error
          ? nothing
          : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
    </section>`;
  }

  async #showTickets(contact: Contact) {
    this.ticketsOf = { contact, items: null, error: null };
    try {
      const list = await fetchTickets(this.#ctx.app.api, { contactId: contact.id, offset: 0, limit: 50 });
      if (this.ticketsOf?.contact.id === contact.id) this.ticketsOf = { contact, items: list.items, error: null };
    } catch (e) {
      if (this.ticketsOf?.contact.id === contact.id) this.ticketsOf = { contact, items: null, error: e };
    }
  }

  #open(mode: Mode) {
    this.notice = null;
    this.formError = null;
    this.problems = [];
    this.mode = mode;
  }

  #close() {
    this.mode = null;
    this.formError = null;
    this.problems = [];
  }

  #onSearch(e: InputEvent) {
    const search = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      this.query = { ...this.query, search, offset: 0 };
      void this.#list.load();
    }, SEARCH_DELAY_MS);
  }

  #onPage(e: CustomEvent<{ offset: number }>) {
    this.query = { ...this.query, offset: e.detail.offset };
    void this.#list.load();
  }

  #onSelect(e: CustomEvent<{ id: string; selected: boolean }>) {
    const contact = this.#list.current?.value.page.items.find((c) => c.id === e.detail.id);
    const next = new Map(this.selected);
    if (e.detail.selected && contact) next.set(contact.id, contact);
    else next.delete(e.detail.id);
    this.selected = next;
  }

  async #onAction(e: CustomEvent<{ action: 'edit' | 'delete' | 'tickets'; id: string }>) {
    const { i18n, api, caches } = this.#ctx.app;
    const contact = this.#list.current?.value.page.items.find((c) => c.id === e.detail.id);
    if (!contact) return;
    if (e.detail.action === 'edit') return this.#open({ kind: 'edit', contact });
    if (e.detail.action === 'tickets') return void this.#showTickets(contact);
    if (!confirm(i18n.t.t('contacts.confirmDelete', { name: contact.name }))) return;
    this.busyId = contact.id;
    this.actionError = null;
    try {
      await deleteContact(api, caches, contact.id);
      this.notice = { key: 'contacts.deleted', params: { name: contact.name } };
      const next = new Map(this.selected);
      next.delete(contact.id);
      this.selected = next;
      await this.#list.load();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busyId = null;
    }
  }

  async #save(e: CustomEvent<{ value: ContactFormValue }>) {
    const m = this.mode;
    if (m?.kind !== 'create' && m?.kind !== 'edit') return;
    const { outbox } = this.#ctx.app;
    await this.#run(async () => {
      const v = e.detail.value;
      const r = m.kind === 'create' ? await createContact(outbox, v) : await updateContact(outbox, m.contact.id, v, v.name);
      const key: MessageKey = r.status === 'queued' ? 'contacts.queued' : m.kind === 'create' ? 'contacts.created' : 'contacts.saved';
      this.notice = { key, params: { name: v.name } };
    });
  }

  async #merge(e: CustomEvent<{ keepId: string; mergeIds: string[] }>) {
    const { api, caches } = this.#ctx.app;
    await this.#run(async () => {
      await mergeContacts(api, caches, e.detail.keepId, e.detail.mergeIds);
      this.notice = { key: 'contacts.merged', params: { count: e.detail.mergeIds.length + 1, name: this.selected.get(e.detail.keepId)?.name ?? '' } };
      this.selected = new Map();
    });
  }

  async #import(e: CustomEvent<{ csv: string }>) {
    this.problems = [];
    await this.#run(async () => {
      const r = await importContacts(this.#ctx.app.api, e.detail.csv);
      this.notice = { key: 'contacts.imported', params: { created: r.created, updated: r.updated, unchanged: r.unchanged ?? 0 } };
    });
    this.problems = importProblems(this.formError);
  }

  /** Runs a form's action: on success the form closes and the list reloads; on failure the form shows why. */
  async #run(fn: () => Promise<void>) {
    this.busy = true;
    this.formError = null;
    try {
      await fn();
      this.mode = null;
      await this.#list.load();
    } catch (err) {
      this.formError = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-contacts-panel': EcContactsPanel;
  }
}

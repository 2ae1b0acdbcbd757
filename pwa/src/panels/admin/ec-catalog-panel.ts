import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchOrLast, type Fetched } from '../../offline/last-data.ts';
import type { Page } from '../../data/catalog.ts';
import type { FormValues } from '../../components/ec-settings-form.ts';
import type { RowAction } from '../../components/ec-settings-table.ts';
import type { CatalogScreen, Notice } from './catalog-screen.ts';
import { importProblems } from '../shared/import-problems.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-settings-form.ts';
import '../../components/ec-settings-table.ts';
import '../../components/ec-list-toolbar.ts';
import '../../components/ec-csv-import.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

type Item = { id: string };
type Screen = CatalogScreen<Item, unknown>;
type Filters = Record<string, string | undefined>;

interface Snapshot {
  search: string;
  offset: number;
  filters: Filters;
  page: Page<Item>;
  ctx: unknown;
}

/** `value`: the form's starting values, made once so a re-render keeps what was typed. */
type FormState = { mode: 'create'; value: FormValues } | { mode: 'edit'; item: Item; value: FormValues } | null;

/**
 * One admin list, described by a CatalogScreen: search, filters and paging
 * on the appliance, create and edit in a form that shows the appliance's
 * issues at their fields, delete (the in-use refusal names what uses it),
 * CSV export and import with the refused lines. Children with
 * `slot="extra"` (a template preview) show inside the form.
 */
@customElement('ec-catalog-panel')
export class EcCatalogPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      ec-pager {
        margin-top: 0.75rem;
      }
      .intro {
        margin: 0;
      }
      .secret {
        display: inline-block;
        margin-inline-start: 0.4rem;
        padding: 0.1rem 0.4rem;
        border-radius: 4px;
        background: white;
        user-select: all;
      }
      label.filter select {
        min-width: 12rem;
      }
    `,
  ];

  @property({ attribute: false }) screen!: Screen;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private search = '';
  @state() private offset = 0;
  @state() private filters: Filters = {};
  @state() private data: Fetched<Snapshot> | null = null;
  @state() private loadError: unknown = null;
  @state() private loading = false;
  @state() private form: FormState = null;
  @state() private formBusy = false;
  @state() private formError: unknown = null;
  @state() private busyId: string | null = null;
  @state() private actionError: unknown = null;
  @state() private notice: Notice | null = null;
  @state() private importing = false;
  @state() private importBusy = false;
  @state() private importError: unknown = null;
  #seq = 0;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** Fetches the page (and the screen's choices); the saved copy when the appliance cannot be reached. */
  async load(): Promise<void> {
    const s = this.screen;
    const seq = ++this.#seq;
    const app = this.#ctx.app;
    this.loading = true;
    try {
      const result = await fetchOrLast(app.offline, `admin.${s.key}`, async (): Promise<Snapshot> => {
        const filters = { ...this.filters };
        let ctx = await s.context?.(app.api, filters);
        let missing = false;
        for (const f of s.filters?.(app.i18n.t, ctx) ?? []) {
          if (filters[f.name] === undefined && f.options.length) filters[f.name] = f.options[0].value;
          if (filters[f.name] === undefined) missing = true;
        }
        // The choices may depend on the filters just chosen (the parents of the chosen request type).
        if (s.context && JSON.stringify(filters) !== JSON.stringify(this.filters)) ctx = await s.context(app.api, filters);
        const q = { search: this.search, offset: this.offset, limit: s.pageSize ?? 20, filters };
        const page = missing ? { items: [], total: 0 } : await s.api.fetch(app.api, q);
        return { search: this.search, offset: this.offset, filters, page, ctx };
      });
      if (seq !== this.#seq) return;
      this.data = result;
      this.filters = result.value.filters;
      this.loadError = null;
    } catch (e) {
      if (seq === this.#seq) this.loadError = e;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const s = this.screen;
    const offline = connection.value.reachable === false || !!this.data?.fromCache;
    const ctx = this.data?.value.ctx;
    return html`<div class="head">
        <h1>${t.t(s.title)}</h1>
        <ec-data-age .i18n=${t} .savedAt=${this.data?.savedAt ?? null} .fromCache=${!!this.data?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        ${s.intro ? html`<p class="intro muted">${t.t(s.intro)}</p>` : nothing}
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.notice
          ? html`<p class="notice" role="status">
              ${t.t(this.notice.key, this.notice.params)}
              ${this.notice.secret ? html`<code class="secret" data-field="secret">${this.notice.secret}</code>` : nothing}
            </p>`
          : nothing}
        ${this.form && this.data ? this.#form(offline) : nothing}
        ${this.importing
          ? html`<ec-csv-import
              .i18n=${t}
              .hint=${s.importHint ? t.t(s.importHint) : ''}
              .busy=${this.importBusy || offline}
              .problems=${importProblems(this.importError)}
              @ec-import=${this.#import}
              @ec-cancel=${() => ((this.importing = false), (this.importError = null))}
            ></ec-csv-import>`
          : nothing}
        ${this.importError && importProblems(this.importError).length === 0
          ? html`<ec-error-message .error=${describeError(t, this.importError)}></ec-error-message>`
          : nothing}
        <section class="card" data-list=${s.key}>
          <ec-list-toolbar
            .i18n=${t}
            .search=${this.search}
            .placeholder=${s.searchHint ? `${t.t('common.search')}: ${t.t(s.searchHint)}` : ''}
            .newLabel=${t.t(s.newLabel)}
            .importable=${!!s.api.importCsv}
            .exportHref=${s.api.csvUrl ? s.api.csvUrl(this.#ctx.app.api, { search: this.search, offset: 0, limit: 0, filters: this.filters }) : ''}
            .disabled=${offline || !this.data}
            @ec-search=${(e: CustomEvent<{ search: string }>) => this.#requery({ search: e.detail.search, offset: 0 })}
            @ec-new=${() => this.#open(null, { ...this.filters })}
            @ec-import-open=${() => ((this.importing = true), (this.importError = null), (this.notice = null))}
          >
            ${(this.data ? (s.filters?.(t, ctx) ?? []) : []).map(
              (f) => html`<label class="filter"
                >${f.label}
                <select name="filter-${f.name}" @change=${(e: Event) => this.#filter(f.name, (e.target as HTMLSelectElement).value)}>
                  ${f.options.map((o) => html`<option value=${o.value} ?selected=${o.value === this.filters[f.name]}>${o.label}</option>`)}
                </select></label
              >`,
            )}
          </ec-list-toolbar>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${this.#list(offline)}
        </section>
      </div>`;
  }

  #list(offline: boolean) {
    const t = this.#ctx.app.i18n.t;
    const s = this.screen;
    if (!this.data) {
      if (this.loadError) return html`<ec-error-message .error=${isNetworkError(this.loadError) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.loadError)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { page, ctx, offset } = this.data.value;
    const actions: RowAction[] = [
      { id: 'edit', label: t.t('admin.edit') },
      ...(s.childActions ?? []).map((a) => ({ id: a.id, label: t.t(a.label) })),
      ...(s.rowActions ?? []).map((a) => ({ id: a.id, label: t.t(a.label) })),
      { id: 'delete', label: t.t('admin.delete'), danger: true, confirm: t.t('admin.confirmDelete') },
    ];
    const offered = (item: Item, id: string) =>
      (s.childActions?.find((c) => c.id === id)?.when(item) ?? true) && (s.rowActions?.find((c) => c.id === id)?.when(item) ?? true) && (id !== 'delete' || (s.deletable?.(item) ?? true));
    return html`${this.loadError ? html`<ec-error-message .error=${describeError(t, this.loadError)}></ec-error-message>` : nothing}
      <ec-settings-table
        .i18n=${t}
        .items=${page.items}
        .columns=${s.columns(t, ctx)}
        .actions=${actions}
        .actionsFor=${(item: Item) => (s.readonlyRow?.(item) ? [] : actions.map((a) => a.id).filter((id) => offered(item, id)))}
        .depth=${s.depth ?? null}
        .nameOf=${s.nameOf}
        .inactive=${s.inactive ?? null}
        .emptyText=${t.t(s.emptyText)}
        .busyId=${this.busyId}
        .readonly=${offline}
        @ec-row-action=${this.#onAction}
      ></ec-settings-table>
      <ec-pager .i18n=${t} .offset=${offset} .limit=${s.pageSize ?? 20} .total=${page.total} .disabled=${this.loading} @ec-page=${(e: CustomEvent<{ offset: number }>) => this.#requery({ offset: e.detail.offset })}></ec-pager>`;
  }

  #form(offline: boolean) {
    const t = this.#ctx.app.i18n.t;
    const s = this.screen;
    const form = this.form!;
    const editing = form.mode === 'edit' ? form.item : null;
    return html`<ec-settings-form
      data-form=${s.key}
      .i18n=${t}
      .heading=${editing ? t.t('admin.editTitle', { name: s.nameOf(editing) }) : t.t(s.newLabel)}
      .fields=${s.fields(t, this.data!.value.ctx, editing)}
      .value=${form.value}
      .busy=${this.formBusy || offline}
      .error=${this.formError ? describeError(t, this.formError) : null}
      @ec-submit=${this.#submit}
      @ec-cancel=${this.#closeForm}
      ><slot name="extra"></slot
    ></ec-settings-form>`;
  }

  #requery(q: { search?: string; offset?: number }) {
    if (q.search !== undefined) this.search = q.search;
    if (q.offset !== undefined) this.offset = q.offset;
    void this.load();
  }

  #filter(name: string, value: string) {
    this.filters = { ...this.filters, [name]: value };
    this.offset = 0;
    this.form = null;
    void this.load();
  }

  #open(item: Item | null, preset: FormValues = {}) {
    this.notice = null;
    this.formError = null;
    this.importing = false;
    const value = this.screen.toForm(item, preset);
    this.form = item ? { mode: 'edit', item, value } : { mode: 'create', value };
    this.dispatchEvent(new CustomEvent('ec-form-open', { detail: { value }, bubbles: true, composed: true }));
  }

  #closeForm() {
    this.form = null;
    this.formError = null;
  }

  async #submit(e: CustomEvent<{ value: FormValues }>) {
    const form = this.form;
    if (!form) return;
    const s = this.screen;
    const { api } = this.#ctx.app;
    const editing = form.mode === 'edit' ? form.item : null;
    this.formBusy = true;
    this.formError = null;
    try {
      const body = s.toBody(e.detail.value, editing) as never;
      const saved = editing ? await s.api.update(api, editing.id, body) : await s.api.create(api, body);
      this.notice = s.savedNotice?.(saved, !editing) ?? { key: editing ? 'admin.saved' : 'admin.created', params: { name: s.nameOf(saved) } };
      this.form = null;
      await this.load();
    } catch (err) {
      this.formError = err;
    } finally {
      this.formBusy = false;
    }
  }

  async #onAction(e: CustomEvent<{ action: string; id: string }>) {
    const s = this.screen;
    const item = this.data?.value.page.items.find((i) => i.id === e.detail.id);
    if (!item) return;
    this.notice = null;
    this.actionError = null;
    if (e.detail.action === 'edit') return this.#open(item);
    const child = s.childActions?.find((a) => a.id === e.detail.action);
    if (child) return this.#open(null, { ...this.filters, ...child.preset(item) });
    const run = s.rowActions?.find((a) => a.id === e.detail.action);
    if (run) {
      this.busyId = item.id;
      try {
        this.notice = await run.run(this.#ctx.app.api, item);
        await this.load();
      } catch (err) {
        this.actionError = err;
      } finally {
        this.busyId = null;
      }
      return;
    }
    if (e.detail.action !== 'delete') return;
    this.busyId = item.id;
    try {
      await s.api.remove(this.#ctx.app.api, item.id);
      this.notice = { key: 'admin.deleted', params: { name: s.nameOf(item) } };
      const page = this.data?.value.page;
      if (page && page.items.length === 1 && this.offset > 0) this.offset = Math.max(0, this.offset - (s.pageSize ?? 20));
      if (this.form?.mode === 'edit' && this.form.item.id === item.id) this.form = null;
      await this.load();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busyId = null;
    }
  }

  async #import(e: CustomEvent<{ csv: string }>) {
    const importCsv = this.screen.api.importCsv;
    if (!importCsv) return;
    this.importBusy = true;
    this.importError = null;
    try {
      const r = await importCsv(this.#ctx.app.api, e.detail.csv);
      this.notice = { key: 'admin.imported', params: { created: r.created, updated: r.updated, unchanged: r.unchanged } };
      this.importing = false;
      await this.load();
    } catch (err) {
      this.importError = err;
    } finally {
      this.importBusy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-catalog-panel': EcCatalogPanel;
  }
}

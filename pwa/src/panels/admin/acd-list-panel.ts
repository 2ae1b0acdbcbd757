import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import type { AcdSettings } from '../../data/acd-settings.ts';
import type { MessageKey, MessageParams, Translator } from '../../i18n/translator.ts';
import type { FormField, FormValues } from '../../components/ec-settings-form.ts';
import type { RowAction, TableColumn } from '../../components/ec-settings-table.ts';
import { AcdSettingsController, pageOf, scopeError } from './acd-settings-controller.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-settings-form.ts';
import '../../components/ec-settings-table.ts';
import '../../components/ec-list-toolbar.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const PAGE_SIZE = 20;

type Part = 'queues' | 'menus' | 'entries';
interface Row<T> {
  id: string;
  index: number;
  v: T;
}

/**
 * A screen editing one list inside the ACD settings (queues, IVR menus,
 * entries): search and paging on the device, a form per item, and every
 * save or delete sent as the whole settings object, so the appliance's
 * issues (`queues.1.maxWaitSeconds`) come back and show at the field.
 * Subclasses say what the items are; this class is not an element itself.
 */
export abstract class AcdListPanel<T> extends LitElement {
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
    `,
  ];

  protected readonly ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  protected readonly acd = new AcdSettingsController(this, () => this.ctx.app);
  @state() private search = '';
  @state() private offset = 0;
  @state() private form: { index: number | null; value: FormValues } | null = null;
  @state() private formError: unknown = null;
  @state() private actionError: unknown = null;
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;

  protected abstract readonly listPart: Part;
  protected abstract readonly heading: MessageKey;
  protected abstract readonly newLabel: MessageKey;
  protected abstract readonly emptyText: MessageKey;
  protected readonly intro: MessageKey | null = null;
  /** The item's name in rows, notices and confirmations. */
  protected abstract nameOf(item: T): string;
  protected abstract columns(t: Translator, s: AcdSettings): TableColumn<T>[];
  protected abstract fields(t: Translator, s: AcdSettings, index: number | null): FormField[];
  protected abstract toForm(item: T | null): FormValues;
  protected abstract fromForm(v: FormValues, before: T | null): T;

  protected items(s: AcdSettings): T[] {
    return s[this.listPart] as T[];
  }

  override render() {
    const { i18n, connection } = this.ctx.app;
    const t = i18n.t;
    const current = this.acd.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    return html`<div class="head">
        <h1>${t.t(this.heading)}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        ${this.intro ? html`<p class="intro muted">${t.t(this.intro)}</p>` : nothing}
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        ${this.form && current ? this.#form(current.value.settings, offline) : nothing}
        <section class="card" data-list=${this.listPart}>
          <ec-list-toolbar
            .i18n=${t}
            .search=${this.search}
            .newLabel=${t.t(this.newLabel)}
            .disabled=${offline || !current}
            @ec-search=${(e: CustomEvent<{ search: string }>) => ((this.search = e.detail.search), (this.offset = 0))}
            @ec-new=${() => this.#open(null)}
          ></ec-list-toolbar>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${this.#list(offline)}
        </section>
      </div>`;
  }

  #list(offline: boolean) {
    const t = this.ctx.app.i18n.t;
    const current = this.acd.current;
    if (!current) {
      const e = this.acd.error;
      if (e) return html`<ec-error-message .error=${isNetworkError(e) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, e)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const s = current.value.settings;
    const rows: Row<T>[] = this.items(s).map((v, index) => ({ id: String(index), index, v }));
    const page = pageOf(rows, (r) => this.nameOf(r.v) + ' ' + JSON.stringify(r.v), this.search, this.offset, PAGE_SIZE);
    const actions: RowAction[] = [
      { id: 'edit', label: t.t('admin.edit') },
      { id: 'delete', label: t.t('admin.delete'), danger: true, confirm: t.t('admin.confirmDelete') },
    ];
    return html`<ec-settings-table
        .i18n=${t}
        .items=${page.items}
        .columns=${this.columns(t, s).map((c) => ({ ...c, render: (r: Row<T>) => c.render(r.v) }))}
        .actions=${actions}
        .nameOf=${(r: Row<T>) => this.nameOf(r.v)}
        .emptyText=${t.t(this.emptyText)}
        .readonly=${offline || this.acd.saving}
        @ec-row-action=${this.#onAction}
      ></ec-settings-table>
      <ec-pager .i18n=${t} .offset=${this.offset} .limit=${PAGE_SIZE} .total=${page.total} @ec-page=${(e: CustomEvent<{ offset: number }>) => (this.offset = e.detail.offset)}></ec-pager>`;
  }

  #form(s: AcdSettings, offline: boolean) {
    const t = this.ctx.app.i18n.t;
    const { index, value } = this.form!;
    const before = index === null ? null : this.items(s)[index];
    const error = this.formError ? describeError(t, this.formError) : null;
    return html`<ec-settings-form
      data-form=${this.listPart}
      .i18n=${t}
      .heading=${before ? t.t('admin.editTitle', { name: this.nameOf(before) }) : t.t(this.newLabel)}
      .fields=${this.fields(t, s, index)}
      .value=${value}
      .busy=${this.acd.saving || offline}
      .error=${scopeError(error, `${this.listPart}.${index ?? this.items(s).length}`)}
      @ec-submit=${this.#submit}
      @ec-cancel=${() => ((this.form = null), (this.formError = null))}
    ></ec-settings-form>`;
  }

  #open(index: number | null) {
    const s = this.acd.current?.value.settings;
    if (!s) return;
    this.notice = null;
    this.formError = null;
    this.form = { index, value: this.toForm(index === null ? null : this.items(s)[index]) };
  }

  /** Replaces this part of the settings and saves the whole. */
  async #save(next: T[]): Promise<void> {
    const s = this.acd.current!.value.settings;
    await this.acd.save({ ...s, [this.listPart]: next });
  }

  async #submit(e: CustomEvent<{ value: FormValues }>) {
    const s = this.acd.current?.value.settings;
    const form = this.form;
    if (!s || !form) return;
    const list = this.items(s);
    const before = form.index === null ? null : list[form.index];
    this.formError = null;
    try {
      const item = this.fromForm(e.detail.value, before);
      await this.#save(form.index === null ? [...list, item] : list.map((x, i) => (i === form.index ? item : x)));
      this.notice = { key: before ? 'admin.saved' : 'admin.created', params: { name: this.nameOf(item) } };
      this.form = null;
    } catch (err) {
      this.formError = err;
    }
  }

  async #onAction(e: CustomEvent<{ action: string; id: string }>) {
    const s = this.acd.current?.value.settings;
    if (!s) return;
    const index = Number(e.detail.id);
    this.notice = null;
    this.actionError = null;
    if (e.detail.action === 'edit') return this.#open(index);
    const item = this.items(s)[index];
    try {
      await this.#save(this.items(s).filter((_, i) => i !== index));
      this.notice = { key: 'admin.deleted', params: { name: this.nameOf(item) } };
      if (this.form?.index === index) this.form = null;
    } catch (err) {
      this.actionError = err;
    }
  }
}

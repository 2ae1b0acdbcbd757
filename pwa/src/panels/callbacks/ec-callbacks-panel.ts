import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import {
  assignCallback,
  callCallback,
  callbacksExportUrl,
  closeCallback,
  fetchCallbacks,
  noteCallbackOutcome,
  scheduleCallback,
  takeCallback,
  type CallbackAssigned,
  type CallbackEntry,
  type CallbackOutcome,
  type CallbackPage,
  type CallbackQuery,
} from '../../data/callbacks.ts';
import type { CallbackAction } from '../../components/ec-callbacks-table.ts';
import type { CallbackScheduleValue } from '../../components/ec-callback-schedule-form.ts';
import type { MessageKey, MessageParams } from '../../i18n/translator.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-callbacks-table.ts';
import '../../components/ec-callback-outcome-form.ts';
import '../../components/ec-callback-schedule-form.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

type Tab = 'me' | 'unassigned' | 'any';
const PAGE_SIZE = 25;
/** Entries close by themselves (a caller reached inbound or by the dialler): the list is read again now and then. */
const REFRESH_MS = 15_000;

interface Snapshot {
  query: CallbackQuery;
  page: CallbackPage;
}

/**
 * The feedback (callback) module: my, unassigned and all open entries, one
 * per caller; take, call back (my phone rings first), note an outcome,
 * close, order a new callback. Reloads on the inbox's callback notices.
 */
@customElement('ec-callbacks-panel')
export class EcCallbacksPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .tabs {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-bottom: 0.8rem;
      }
      .tabs button[aria-selected='true'] {
        background: var(--ec-primary, #0b5d6b);
        border-color: var(--ec-primary, #0b5d6b);
        color: #fff;
      }
      ec-pager {
        margin-top: 0.75rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.session, a.callbacks], () => this.#onBadge());
  @state() private tab: Tab = 'me';
  @state() private offset = 0;
  @state() private busyId: string | null = null;
  @state() private actionError: unknown = null;
  @state() private notice: { key: MessageKey; params?: MessageParams } | null = null;
  @state() private outcomeFor: CallbackEntry | null = null;
  @state() private scheduling = false;
  @state() private formBusy = false;
  @state() private formError: unknown = null;
  #version = -1;
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #list = new ResourceController<Snapshot>(this, () => this.#ctx.app, 'callbacks.list', async (app) => {
    const query: CallbackQuery = { status: 'open', assigned: this.tab as CallbackAssigned, offset: this.offset, limit: PAGE_SIZE };
    return { query, page: await fetchCallbacks(app.api, query) };
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#version = this.#ctx.app.callbacks.value.version;
    this.#timer = setInterval(() => void this.#list.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render() {
    const { i18n, session, connection, api } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#list.current;
    const offline = connection.value.reachable === false;
    const agent = session.user?.agentNumber ?? '';
    const operates = session.can('agent:operate') && !!agent;
    const tabs: Tab[] = operates ? ['me', 'unassigned', 'any'] : ['unassigned', 'any'];
    if (!tabs.includes(this.tab)) queueMicrotask(() => this.#setTab(tabs[0]));
    return html`<div class="head">
        <h1>${t.t('callbacks.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <a class="button" data-action="export-csv" href=${callbacksExportUrl(api, { status: 'open', assigned: this.tab }, 'csv')} download>${t.t('lists.exportCsv')}</a>
        <a class="button" data-action="export-xlsx" href=${callbacksExportUrl(api, { status: 'open', assigned: this.tab }, 'xlsx')} download>${t.t('lists.exportXlsx')}</a>
        ${operates
          ? html`<button type="button" class="primary" data-action="new-schedule" ?disabled=${this.scheduling} @click=${() => this.#openSchedule()}>+ ${t.t('callbacks.schedule')}</button>`
          : nothing}
      </div>
      <div class="stack">
        ${this.notice ? html`<p class="notice" role="status" data-field="callbacks-notice">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
        ${this.scheduling
          ? html`<section class="card">
              <ec-callback-schedule-form
                .i18n=${t}
                .busy=${this.formBusy}
                .error=${this.formError ? describeError(t, this.formError) : null}
                @ec-submit=${this.#schedule}
                @ec-cancel=${() => (this.scheduling = false)}
              ></ec-callback-schedule-form>
            </section>`
          : nothing}
        ${this.outcomeFor
          ? html`<section class="card">
              <ec-callback-outcome-form
                .i18n=${t}
                .number=${this.outcomeFor.number}
                .busy=${this.formBusy}
                .error=${this.formError ? describeError(t, this.formError) : null}
                @ec-submit=${this.#outcome}
                @ec-cancel=${() => (this.outcomeFor = null)}
              ></ec-callback-outcome-form>
            </section>`
          : nothing}
        <section class="card">
          <div class="tabs" role="tablist">
            ${tabs.map(
              (tab) => html`<button role="tab" data-tab=${tab} aria-selected=${this.tab === tab ? 'true' : 'false'} @click=${() => this.#setTab(tab)}>
                ${t.t(`callbacks.tab.${tab}`)}
              </button>`,
            )}
            <button type="button" class="small" data-action="refresh" @click=${() => void this.#list.load()}>${t.t('data.refresh')}</button>
          </div>
          ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing} ${this.#body(agent, operates, offline)}
        </section>
      </div>`;
  }

  #body(agent: string, operates: boolean, offline: boolean) {
    const { i18n, session } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#list.current;
    const error = this.#list.error;
    if (!current) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { page, query } = current.value;
    return html`<ec-callbacks-table
        data-list=${query.assigned}
        .i18n=${t}
        .items=${page.items}
        .me=${agent}
        .busyId=${this.busyId}
        ?canOperate=${operates}
        ?canAssign=${session.can('supervisor:intervene')}
        ?readonly=${offline}
        .now=${Date.now()}
        @ec-callback-action=${this.#onAction}
      ></ec-callbacks-table>
      <ec-pager .i18n=${t} .offset=${query.offset} .limit=${PAGE_SIZE} .total=${page.total} .disabled=${this.#list.loading} @ec-page=${this.#onPage}></ec-pager>`;
  }

  #onBadge() {
    const v = this.#ctx.app.callbacks.value.version;
    if (this.#version >= 0 && v !== this.#version) void this.#list.load();
    this.#version = v;
  }

  #setTab(tab: Tab) {
    this.tab = tab;
    this.offset = 0;
    void this.#list.load();
  }

  #onPage(e: CustomEvent<{ offset: number }>) {
    this.offset = e.detail.offset;
    void this.#list.load();
  }

  #openSchedule() {
    this.formError = null;
    this.outcomeFor = null;
    this.scheduling = true;
  }

  async #onAction(e: CustomEvent<{ action: CallbackAction; id: string; agent?: string }>) {
    const { api, callbacks } = this.#ctx.app;
    const entry = this.#list.current?.value.page.items.find((x) => x.id === e.detail.id);
    if (!entry) return;
    this.notice = null;
    this.actionError = null;
    if (e.detail.action === 'outcome') {
      this.formError = null;
      this.scheduling = false;
      this.outcomeFor = entry;
      return;
    }
    this.busyId = entry.id;
    try {
      if (e.detail.action === 'take') {
        await takeCallback(api, entry.id);
        this.notice = { key: 'callbacks.taken', params: { number: entry.number } };
      } else if (e.detail.action === 'call') {
        await callCallback(api, entry.id);
        this.notice = { key: 'lists.callingBack', params: { number: entry.number } };
      } else if (e.detail.action === 'close') {
        await closeCallback(api, entry.id);
        this.notice = { key: 'callbacks.closedOne', params: { number: entry.number } };
      } else if (e.detail.action === 'assign') {
        await assignCallback(api, entry.id, e.detail.agent || null);
        this.notice = { key: 'callbacks.assignedOne', params: { number: entry.number } };
      }
      await this.#list.load();
      void callbacks.refresh();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busyId = null;
    }
  }

  async #outcome(e: CustomEvent<{ outcome: CallbackOutcome; note: string }>) {
    const entry = this.outcomeFor;
    if (!entry) return;
    await this.#save(async () => {
      const r = await noteCallbackOutcome(this.#ctx.app.outbox, entry, e.detail.outcome, e.detail.note);
      this.outcomeFor = null;
      this.notice = { key: r.status === 'sent' ? 'callbacks.outcomeSaved' : 'callbacks.outcomeQueued', params: { number: entry.number } };
    });
  }

  async #schedule(e: CustomEvent<{ value: CallbackScheduleValue }>) {
    await this.#save(async () => {
      const r = await scheduleCallback(this.#ctx.app.outbox, { ...e.detail.value, contactId: null });
      this.scheduling = false;
      this.notice = { key: r.status === 'sent' ? 'callbacks.scheduled' : 'callbacks.scheduleQueued', params: { number: e.detail.value.number } };
    });
  }

  async #save(run: () => Promise<void>) {
    this.formBusy = true;
    this.formError = null;
    try {
      await run();
      await this.#list.load();
      void this.#ctx.app.callbacks.refresh();
    } catch (err) {
      this.formError = err;
    } finally {
      this.formBusy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-callbacks-panel': EcCallbacksPanel;
  }
}

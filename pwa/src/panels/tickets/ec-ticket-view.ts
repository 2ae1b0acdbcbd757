import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CallListItem } from '@edgecall/contracts/crm';
import { AppStateController } from '../../state/context.ts';
import { RouterController } from '../../shell/router.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { channelLabel, statusLabel } from '../../i18n/ticket-labels.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchOrLast, type Fetched } from '../../offline/last-data.ts';
import { fetchCall } from '../../data/calls.ts';
import { fetchCallerHistory, recordingUrl } from '../../data/call-lists.ts';
import {
  assignTicket,
  attachmentUrl,
  changeTicketStatus,
  commentTicket,
  deleteAttachment,
  escalateTicket,
  fetchAssignees,
  fetchTicket,
  uploadAttachment,
  type Assignee,
  type TicketPage,
} from '../../data/tickets.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import type { TicketRefs } from './ticket-refs.ts';
import '../../components/ec-sla-clock.ts';
import '../../components/ec-ticket-history.ts';
import '../../components/ec-ticket-table.ts';
import '../../components/ec-call-journey.ts';
import '../../components/ec-call-history.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

/**
 * One request: its form's values, the SLA clocks, the statuses it may move
 * to (only those its type's workflow allows, only for those allowed to move
 * it), assignment, escalation, comments (sent through the outbox, so they
 * survive a lost link), attachments, the call it came from with its journey
 * and recording, the customer's other requests and calls, and the history.
 */
@customElement('ec-ticket-view')
export class EcTicketView extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .cols {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr);
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 900px) {
        .cols {
          grid-template-columns: 1fr;
        }
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.6rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.3rem 0.9rem;
        margin: 0;
        font-size: 0.92rem;
      }
      dt {
        color: var(--ec-muted, #5b6b73);
      }
      dd {
        margin: 0;
      }
      .description {
        white-space: pre-wrap;
        margin: 0.8rem 0 0;
      }
      .status {
        font-weight: 700;
        padding: 0.15rem 0.55rem;
        border-radius: 999px;
        background: color-mix(in srgb, var(--ec-primary, #0b5d6b) 12%, white);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .clocks {
        display: grid;
        gap: 0.35rem;
        margin-top: 0.6rem;
      }
      textarea {
        font: inherit;
        width: 100%;
        min-height: 4rem;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
      }
      ul.files {
        margin: 0 0 0.6rem;
        padding-inline-start: 1.1rem;
      }
      .escalated {
        color: var(--ec-danger, #b3261e);
        font-weight: 600;
      }
    `,
  ];

  @property() ticketId = '';
  @property({ attribute: false }) refs: TicketRefs | null = null;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.session]);
  readonly #router = new RouterController(this);
  @state() private data: Fetched<TicketPage> | null = null;
  @state() private error: unknown = null;
  @state() private busy = false;
  @state() private actionError: unknown = null;
  @state() private notice: MessageKey | null = null;
  @state() private assignees: Assignee[] = [];
  @state() private group: string | null = null;
  @state() private journey: { type: string; seq: number; at: number }[] = [];
  @state() private calls: CallListItem[] = [];
  @state() private comment = '';
  @state() private statusNote = '';
  #loaded = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId') && this.ticketId && this.#loaded !== this.ticketId) {
      this.#loaded = this.ticketId;
      void this.#load();
    }
  }

  async #load() {
    const app = this.#ctx.app;
    try {
      this.data = await fetchOrLast(app.offline, `tickets.view.${this.ticketId}`, () => fetchTicket(app.api, this.ticketId));
      this.error = null;
      const t = this.data.value.ticket;
      if (this.group === null) this.group = t.group;
      if (!this.data.fromCache) void this.#loadSide(this.data.value);
    } catch (e) {
      this.error = e;
    }
  }

  /** What is only shown online: who the request may go to, the call's journey, the customer's calls. */
  async #loadSide(p: TicketPage) {
    const { api } = this.#ctx.app;
    const [people, journey, calls] = await Promise.allSettled([
      fetchAssignees(api, this.group ?? p.ticket.group),
      p.call ? fetchCall(api, p.call.callId) : Promise.resolve(null),
      p.ticket.number ? fetchCallerHistory(api, p.ticket.number) : Promise.resolve([]),
    ]);
    if (people.status === 'fulfilled') this.assignees = people.value;
    if (journey.status === 'fulfilled' && journey.value) this.journey = (journey.value as unknown as { events?: { type: string; seq: number; at: number }[] }).events ?? [];
    if (calls.status === 'fulfilled') this.calls = calls.value;
  }

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    if (!this.data) {
      if (this.error) return html`<ec-error-message .error=${isNetworkError(this.error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const p = this.data.value;
    const tk = p.ticket;
    const offline = connection.value.reachable === false || this.data.fromCache;
    const statuses = this.refs?.meta?.statuses ?? [];
    return html`<div class="head">
        <h1><span data-field="ticket-ref">${tk.ref}</span> · <span data-field="ticket-subject">${tk.subject}</span></h1>
        <ec-data-age .i18n=${t} .savedAt=${this.data.savedAt} .fromCache=${this.data.fromCache}></ec-data-age>
        <button type="button" data-action="back" @click=${() => this.#router.navigate('/tickets')}>${t.t('tickets.back')}</button>
        <button type="button" data-action="print-ticket" @click=${() => this.#router.navigate(`/tickets/${encodeURIComponent(tk.id)}/print`)}>${t.t('tickets.print')}</button>
      </div>
      <div class="stack">
        ${offline ? html`<p class="offline-note">${t.t('tickets.viewOffline')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status" data-field="ticket-notice">${t.t(this.notice)}</p>` : nothing}
        <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
        <div class="cols">
          <div class="stack">
            <section class="card">
              <div class="row">
                <span class="status" data-field="ticket-status" data-status=${tk.status}>${statusLabel(t, statuses, tk.status)}</span>
                ${tk.escalatedAt ? html`<span class="escalated" data-field="escalated">⚑ ${t.t('tickets.escalatedAt', { time: t.dateTime(tk.escalatedAt) })}</span>` : nothing}
              </div>
              <div class="clocks">
                <ec-sla-clock data-clock="response" .i18n=${t} .label=${t.t('tickets.sla.response')} .clock=${tk.sla.response}></ec-sla-clock>
                <ec-sla-clock data-clock="resolution" .i18n=${t} .label=${t.t('tickets.sla.resolution')} .clock=${tk.sla.resolution}></ec-sla-clock>
              </div>
              ${this.#details(p)}
              <p class="description" data-field="ticket-description">${tk.description}</p>
            </section>
            ${this.#actions(p, offline)}
            ${this.#comments(offline)}
            <section class="card">
              <h2>${t.t('tickets.history')}</h2>
              <ec-ticket-history .i18n=${t} .events=${p.events} .names=${this.refs?.names ?? new Map()} .statuses=${statuses}></ec-ticket-history>
            </section>
          </div>
          <div class="stack">
            ${this.#attachments(p, offline)} ${this.#call(p)}
            <section class="card" data-field="related">
              <h2>${t.t('tickets.related')}</h2>
              <ec-ticket-table .i18n=${t} .items=${p.related} .names=${this.refs?.names ?? new Map()} .statuses=${statuses} .empty=${t.t('tickets.noRelated')}></ec-ticket-table>
            </section>
            ${tk.number
              ? html`<section class="card"><ec-call-history .i18n=${t} .calls=${this.calls} .records=${[]} .bundle=${this.refs?.bundle?.bundle ?? null} .currentCallId=${null}></ec-call-history></section>`
              : nothing}
          </div>
        </div>
      </div>`;
  }

  #details(p: TicketPage) {
    const t = this.#ctx.app.i18n.t;
    const tk = p.ticket;
    const name = (id: string | null) => (id ? (this.refs?.names.get(id) ?? id) : t.t('common.none'));
    const type = this.refs?.bundle?.bundle.requestTypes.find((r) => r.id === tk.requestTypeId);
    const row = (label: string, value: unknown, field: string) => html`<dt>${label}</dt><dd data-field=${field}>${value === null || value === undefined || value === '' ? t.t('common.none') : String(value)}</dd>`;
    return html`<dl>
      ${row(t.t('record.requestType'), name(tk.requestTypeId), 'type')} ${row(t.t('record.classification'), [name(tk.classificationId), tk.subClassificationId ? name(tk.subClassificationId) : ''].filter(Boolean).join(' › '), 'classification')}
      ${row(t.t('record.city'), [tk.cityId ? name(tk.cityId) : '', tk.districtId ? name(tk.districtId) : ''].filter(Boolean).join(' › '), 'place')}
      ${row(t.t('tickets.field.channel'), channelLabel(t, tk.channel), 'channel')} ${row(t.t('tickets.field.customerName'), tk.customerName, 'customer')}
      ${row(t.t('tickets.field.number'), tk.number, 'number')} ${row(t.t('tickets.field.customerEmail'), tk.customerEmail, 'email')}
      ${row(t.t('tickets.field.group'), tk.group, 'group')} ${row(t.t('tickets.field.assignee'), tk.assigneeName, 'assignee')}
      ${row(t.t('tickets.createdBy'), `${tk.createdByName} · ${t.dateTime(tk.createdAt)}`, 'created')}
      ${(type?.fields ?? []).map((f) => row(f.label, tk.fields[f.key] === true ? t.t('common.yes') : tk.fields[f.key] === false ? t.t('tickets.no') : tk.fields[f.key], `field-${f.key}`))}
    </dl>`;
  }

  #actions(p: TicketPage, offline: boolean) {
    const { i18n, session } = this.#ctx.app;
    const t = i18n.t;
    const tk = p.ticket;
    const canWrite = session.can('tickets:write');
    if (!canWrite) return nothing;
    const statuses = this.refs?.meta?.statuses ?? [];
    const me = session.user?.id;
    const disabled = this.busy || offline;
    return html`<section class="card" data-field="actions">
      <h2>${t.t('tickets.actions')}</h2>
      ${p.next.length
        ? html`<div class="row">
            <label
              >${t.t('tickets.statusNote')}
              <input name="statusNote" .value=${this.statusNote} @input=${(e: Event) => (this.statusNote = (e.target as HTMLInputElement).value)} />
            </label>
            <label class="check"><input type="checkbox" name="notifyCustomer" /> ${t.t('tickets.notifyCustomer')}</label>
          </div>
          <div class="row" style="margin-top:0.5rem">
            ${p.next.map(
              (code) => html`<button type="button" data-action="status" data-status=${code} ?disabled=${disabled} @click=${() => this.#move(code)}>→ ${statusLabel(t, statuses, code)}</button>`,
            )}
          </div>`
        : html`<p class="muted" data-field="no-moves">${p.canMove ? t.t('tickets.noMoves') : t.t('tickets.mayNotMove')}</p>`}
      <div class="row" style="margin-top:0.9rem">
        <label
          >${t.t('tickets.field.group')}
          <select name="group" @change=${(e: Event) => this.#chooseGroup((e.target as HTMLSelectElement).value || null)}>
            <option value="" ?selected=${!this.group}>${t.t('common.none')}</option>
            ${(this.refs?.meta?.groups ?? []).map((g) => html`<option value=${g} ?selected=${g === this.group}>${g}</option>`)}
          </select>
        </label>
        <label
          >${t.t('tickets.field.assignee')}
          <select name="assigneeId">
            <option value="">${t.t('common.none')}</option>
            ${this.assignees.map((a) => html`<option value=${a.id} ?selected=${a.id === tk.assigneeId}>${a.name}</option>`)}
          </select>
        </label>
        <button type="button" data-action="assign" ?disabled=${disabled} @click=${this.#assign}>${t.t('tickets.assign')}</button>
        ${me && tk.assigneeId !== me ? html`<button type="button" data-action="take" ?disabled=${disabled} @click=${() => this.#run(() => assignTicket(this.#ctx.app.api, tk.id, { assigneeId: me, version: tk.version }), 'tickets.assigned')}>${t.t('tickets.take')}</button>` : nothing}
        ${tk.statusKind !== 'closed' ? html`<button type="button" class="danger" data-action="escalate" ?disabled=${disabled} @click=${this.#escalate}>${t.t('tickets.escalate')}</button>` : nothing}
      </div>
    </section>`;
  }

  #comments(offline: boolean) {
    const { i18n, session } = this.#ctx.app;
    const t = i18n.t;
    if (!session.can('tickets:write')) return nothing;
    return html`<section class="card" data-field="comment-form">
      <h2>${t.t('tickets.comment')}</h2>
      <textarea name="comment" maxlength="10000" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
      <div class="row" style="margin-top:0.5rem">
        <label
          >${t.t('tickets.visibility')}
          <select name="visibility">
            <option value="internal">${t.t('tickets.visibility.internal')}</option>
            <option value="public">${t.t('tickets.visibility.public')}</option>
          </select>
        </label>
        <button type="button" class="primary" data-action="send-comment" ?disabled=${this.busy || !this.comment.trim()} @click=${this.#sendComment}>${t.t('tickets.sendComment')}</button>
        ${offline ? html`<span class="offline-note">${t.t('tickets.commentOffline')}</span>` : nothing}
      </div>
    </section>`;
  }

  #attachments(p: TicketPage, offline: boolean) {
    const { i18n, session, api } = this.#ctx.app;
    const t = i18n.t;
    const canWrite = session.can('tickets:write');
    return html`<section class="card" data-field="attachments">
      <h2>${t.t('tickets.attachments')}</h2>
      ${p.attachments.length
        ? html`<ul class="files">
            ${p.attachments.map(
              (a) => html`<li data-attachment=${a.id}>
                <a href=${attachmentUrl(api, p.ticket.id, a.id)} download=${a.name}>${a.name}</a>
                <span class="muted">(${Math.ceil(a.size / 1024)} KB · ${a.userName})</span>
                ${canWrite ? html`<button type="button" class="small" data-action="remove-attachment" ?disabled=${this.busy || offline} @click=${() => this.#removeFile(a.id, a.name)}>✕</button>` : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.t('tickets.noAttachments')}</p>`}
      ${canWrite
        ? html`<label
            >${t.t('tickets.attach')}
            <input type="file" name="file" accept=".pdf,.png,.jpg,.jpeg,.txt,.log,.csv,.docx,.xlsx" ?disabled=${this.busy || offline} @change=${this.#upload} />
            <span class="hint">${t.t('tickets.attachHint')}</span>
          </label>`
        : nothing}
    </section>`;
  }

  #call(p: TicketPage) {
    const { i18n, session, api } = this.#ctx.app;
    const t = i18n.t;
    const c = p.call;
    if (!c) return nothing;
    return html`<section class="card" data-field="ticket-call">
      <h2>${t.t('tickets.call')}</h2>
      <dl>
        <dt>${t.t('call.number')}</dt>
        <dd data-field="call-number">${c.number}</dd>
        <dt>${t.t('call.queue')}</dt>
        <dd>${c.queue ?? t.t('common.none')}</dd>
        <dt>${t.t('tickets.callAt')}</dt>
        <dd>${t.dateTime(c.arrivedAt)}</dd>
      </dl>
      ${this.journey.length ? html`<ec-call-journey .i18n=${t} .events=${this.journey}></ec-call-journey>` : nothing}
      ${c.hasRecording && session.can('recordings:listen') ? html`<audio controls preload="none" data-field="recording" src=${recordingUrl(api, c.callId)}></audio>` : nothing}
    </section>`;
  }

  async #run(fn: () => Promise<unknown>, notice: MessageKey) {
    this.busy = true;
    this.actionError = null;
    this.notice = null;
    try {
      await fn();
      this.notice = notice;
      await this.#load();
    } catch (e) {
      this.actionError = e;
    } finally {
      this.busy = false;
    }
  }

  #move(code: string) {
    const tk = this.data!.value.ticket;
    const notify = this.renderRoot.querySelector<HTMLInputElement>('input[name="notifyCustomer"]')?.checked ?? false;
    void this.#run(async () => {
      await changeTicketStatus(this.#ctx.app.api, tk.id, { status: code, note: this.statusNote.trim(), notifyCustomer: notify, version: tk.version });
      this.statusNote = '';
    }, 'tickets.moved');
  }

  async #chooseGroup(group: string | null) {
    this.group = group;
    this.assignees = await fetchAssignees(this.#ctx.app.api, group).catch(() => []);
  }

  #assign() {
    const tk = this.data!.value.ticket;
    const assigneeId = this.renderRoot.querySelector<HTMLSelectElement>('select[name="assigneeId"]')?.value || null;
    void this.#run(() => assignTicket(this.#ctx.app.api, tk.id, { group: this.group, assigneeId, version: tk.version }), 'tickets.assigned');
  }

  #escalate() {
    const t = this.#ctx.app.i18n.t;
    const note = prompt(t.t('tickets.escalateNote'));
    if (note === null) return;
    void this.#run(() => escalateTicket(this.#ctx.app.api, this.data!.value.ticket.id, note.trim()), 'tickets.escalated');
  }

  async #sendComment() {
    const tk = this.data!.value.ticket;
    const visibility = (this.renderRoot.querySelector<HTMLSelectElement>('select[name="visibility"]')?.value ?? 'internal') as 'internal' | 'public';
    this.busy = true;
    this.actionError = null;
    this.notice = null;
    try {
      const r = await commentTicket(this.#ctx.app.outbox, tk.id, this.comment.trim(), visibility, tk.ref);
      this.comment = '';
      this.notice = r.status === 'sent' ? 'tickets.commented' : 'tickets.commentQueued';
      if (r.status === 'sent') await this.#load();
    } catch (e) {
      this.actionError = e;
    } finally {
      this.busy = false;
    }
  }

  #upload(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    void this.#run(async () => {
      try {
        await uploadAttachment(this.#ctx.app.api, this.data!.value.ticket.id, file);
      } finally {
        input.value = '';
      }
    }, 'tickets.attached');
  }

  #removeFile(id: string, name: string) {
    const t = this.#ctx.app.i18n.t;
    if (!confirm(t.t('tickets.confirmRemoveFile', { name }))) return;
    void this.#run(() => deleteAttachment(this.#ctx.app.api, this.data!.value.ticket.id, id), 'tickets.detached');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-view': EcTicketView;
  }
}

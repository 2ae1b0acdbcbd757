import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { RouterController } from '../../shell/router.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { channelLabel, statusLabel, workingTime } from '../../i18n/ticket-labels.ts';
import { fetchOrLast, type Fetched } from '../../offline/last-data.ts';
import { fetchTicket, type SlaClock, type TicketPage } from '../../data/tickets.ts';
import type { TicketRefs } from './ticket-refs.ts';
import '../../components/ec-ticket-history.ts';
import '../../components/ec-error-message.ts';

/**
 * A request on paper: the reference, the customer, the form's values, the
 * description, the SLA and the whole history, without the app's controls
 * (the shell hides its own bars when printing).
 */
@customElement('ec-ticket-print')
export class EcTicketPrint extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family: var(--ec-font, system-ui, sans-serif);
      color: #000;
      background: #fff;
      max-width: 52rem;
      margin: 0 auto;
    }
    .tools {
      display: flex;
      gap: 0.6rem;
      justify-content: flex-end;
      margin-bottom: 1rem;
    }
    button {
      font: inherit;
      padding: 0.45rem 0.9rem;
      border-radius: 8px;
      border: 1px solid #b8c4ca;
      background: #fff;
      cursor: pointer;
    }
    h1 {
      font-size: 1.4rem;
      margin: 0 0 0.2rem;
    }
    h2 {
      font-size: 1.05rem;
      margin: 1.2rem 0 0.4rem;
      border-bottom: 1px solid #999;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.95rem;
    }
    th {
      text-align: start;
      width: 32%;
      font-weight: 600;
      padding: 0.25rem 0.5rem 0.25rem 0;
      vertical-align: top;
    }
    td {
      padding: 0.25rem 0;
    }
    .description {
      white-space: pre-wrap;
    }
    .sub {
      color: #444;
    }
    @media print {
      .tools {
        display: none;
      }
      :host {
        max-width: none;
      }
      h2 {
        break-after: avoid;
      }
    }
  `;

  @property() ticketId = '';
  @property({ attribute: false }) refs: TicketRefs | null = null;
  readonly #ctx = new AppStateController(this, (a) => [a.i18n]);
  readonly #router = new RouterController(this);
  @state() private data: Fetched<TicketPage> | null = null;
  @state() private error: unknown = null;
  #loaded = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticketId') && this.ticketId && this.#loaded !== this.ticketId) {
      this.#loaded = this.ticketId;
      const app = this.#ctx.app;
      void fetchOrLast(app.offline, `tickets.view.${this.ticketId}`, () => fetchTicket(app.api, this.ticketId)).then(
        (d) => (this.data = d),
        (e) => (this.error = e),
      );
    }
  }

  override render() {
    const t = this.#ctx.app.i18n.t;
    if (!this.data) return this.error ? html`<ec-error-message .error=${describeError(t, this.error)}></ec-error-message>` : html`<p role="status">${t.t('data.loading')}</p>`;
    const p = this.data.value;
    const tk = p.ticket;
    const statuses = this.refs?.meta?.statuses ?? [];
    const name = (id: string | null) => (id ? (this.refs?.names.get(id) ?? id) : '');
    const type = this.refs?.bundle?.bundle.requestTypes.find((r) => r.id === tk.requestTypeId);
    const row = (label: string, value: unknown, field: string) =>
      value === null || value === undefined || value === '' ? nothing : html`<tr><th>${label}</th><td data-field=${field}>${String(value)}</td></tr>`;
    const clock = (c: SlaClock | null) =>
      !c ? null : c.breached ? t.t('tickets.sla.breached', { time: workingTime(t, c.remainingMs) }) : c.state === 'done' ? t.t('tickets.sla.met') : c.state === 'paused' ? t.t('tickets.sla.paused') : `${t.t('tickets.sla.left', { time: workingTime(t, c.remainingMs) })} · ${c.dueAt ? t.t('tickets.sla.due', { time: t.dateTime(c.dueAt) }) : ''}`;
    return html`<div class="tools">
        <button type="button" data-action="back" @click=${() => this.#router.navigate(`/tickets/${encodeURIComponent(tk.id)}`)}>${t.t('tickets.back')}</button>
        <button type="button" data-action="print" @click=${() => window.print()}>${t.t('tickets.print')}</button>
      </div>
      <article data-field="printable">
        <h1 data-field="print-ref">${tk.ref} · ${tk.subject}</h1>
        <p class="sub">${t.t('tickets.printedAt', { time: t.dateTime(Date.now()) })}</p>
        <h2>${t.t('tickets.printDetails')}</h2>
        <table>
          ${row(t.t('tickets.field.status'), statusLabel(t, statuses, tk.status), 'print-status')} ${row(t.t('record.requestType'), name(tk.requestTypeId), 'print-type')}
          ${row(t.t('record.classification'), [name(tk.classificationId), name(tk.subClassificationId)].filter(Boolean).join(' › '), 'print-classification')}
          ${row(t.t('record.city'), [name(tk.cityId), name(tk.districtId)].filter(Boolean).join(' › '), 'print-place')} ${row(t.t('tickets.field.channel'), channelLabel(t, tk.channel), 'print-channel')}
          ${row(t.t('tickets.field.customerName'), tk.customerName, 'print-customer')} ${row(t.t('tickets.field.number'), tk.number, 'print-number')}
          ${row(t.t('tickets.field.customerEmail'), tk.customerEmail, 'print-email')} ${row(t.t('tickets.field.group'), tk.group, 'print-group')}
          ${row(t.t('tickets.field.assignee'), tk.assigneeName, 'print-assignee')} ${row(t.t('tickets.createdBy'), `${tk.createdByName} · ${t.dateTime(tk.createdAt)}`, 'print-created')}
          ${row(t.t('tickets.sla.response'), clock(tk.sla.response), 'print-sla-response')} ${row(t.t('tickets.sla.resolution'), clock(tk.sla.resolution), 'print-sla-resolution')}
          ${(type?.fields ?? []).map((f) => row(f.label, tk.fields[f.key], `print-field-${f.key}`))}
        </table>
        <h2>${t.t('tickets.field.description')}</h2>
        <p class="description" data-field="print-description">${tk.description || t.t('common.none')}</p>
        <h2>${t.t('tickets.attachments')}</h2>
        <p>${p.attachments.length ? p.attachments.map((a) => a.name).join(', ') : t.t('common.none')}</p>
        <h2>${t.t('tickets.history')}</h2>
        <ec-ticket-history .i18n=${t} .events=${p.events} .names=${this.refs?.names ?? new Map()} .statuses=${statuses}></ec-ticket-history>
      </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-print': EcTicketPrint;
  }
}

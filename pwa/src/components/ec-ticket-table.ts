import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Ticket } from '@edgecall/contracts/tickets';
import type { Translator } from '../i18n/translator.ts';
import { statusLabel, workingTime, type StatusName } from '../i18n/ticket-labels.ts';
import { sharedStyles } from './shared-styles.ts';

type Row = Ticket & { contactName?: string | null };

/**
 * Requests as a table: reference (a link), subject, type › classification,
 * status, executor, the SLA state and when it was raised. Fires
 * `ec-open-ticket` {id} on a plain click of a reference, unless `newTab`
 * (the call-handling window keeps its call and opens requests beside it).
 */
@customElement('ec-ticket-table')
export class EcTicketTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .bad {
        color: var(--ec-danger, #b3261e);
        font-weight: 600;
      }
      .warn {
        color: var(--ec-warn, #9a6200);
        font-weight: 600;
      }
      a {
        color: var(--ec-primary-dark, #074450);
        font-weight: 600;
      }
      .empty {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: Row[] = [];
  /** Names of request types, classifications and locations by id. */
  @property({ attribute: false }) names: Map<string, string> = new Map();
  @property({ attribute: false }) statuses: StatusName[] = [];
  @property({ type: Boolean }) newTab = false;
  @property() empty = '';

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (!this.items.length) return html`<p class="muted empty" data-field="no-tickets">${this.empty || t.t('tickets.none')}</p>`;
    const name = (id: string | null) => (id ? (this.names.get(id) ?? '') : '');
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('tickets.col.ref')}</th>
          <th>${t.t('tickets.field.subject')}</th>
          <th>${t.t('tickets.col.type')}</th>
          <th>${t.t('tickets.field.status')}</th>
          <th>${t.t('tickets.col.who')}</th>
          <th>${t.t('tickets.col.sla')}</th>
          <th>${t.t('tickets.col.created')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map(
          (r) => html`<tr data-ticket-id=${r.id} data-status=${r.status}>
            <td><a href="/tickets/${r.id}" data-field="ticket-ref" target=${this.newTab ? '_blank' : nothing} @click=${(e: MouseEvent) => this.#open(e, r.id)}>${r.ref}</a></td>
            <td data-field="ticket-subject">${r.subject}</td>
            <td>${[name(r.requestTypeId), name(r.classificationId)].filter(Boolean).join(' › ')}</td>
            <td data-field="ticket-status">${statusLabel(t, this.statuses, r.status)}</td>
            <td>${[r.contactName ?? r.customerName, r.assigneeName ?? r.group].filter(Boolean).join(' · ') || t.t('common.none')}</td>
            <td>${this.#sla(r)}</td>
            <td>${t.dateTime(r.createdAt)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #sla(r: Row) {
    const t = this.i18n;
    const clocks = [r.sla.response, r.sla.resolution].filter((c) => c && c.state !== 'done');
    if (clocks.some((c) => c!.breached)) return html`<span class="bad" data-sla="breached">⛔ ${t.t('tickets.sla.overdue')}</span>`;
    const soon = clocks.find((c) => c!.dueSoon);
    if (soon) return html`<span class="warn" data-sla="due-soon">⚠ ${workingTime(t, soon.remainingMs)}</span>`;
    const running = clocks.find((c) => c!.state === 'running');
    if (running?.dueAt) return html`<span data-sla="running">${t.dateTime(running.dueAt)}</span>`;
    if (clocks.some((c) => c!.state === 'paused')) return html`<span class="muted" data-sla="paused">⏸ ${t.t('tickets.sla.pausedShort')}</span>`;
    return t.t('common.none');
  }

  #open(e: MouseEvent, id: string) {
    if (this.newTab || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    this.dispatchEvent(new CustomEvent('ec-open-ticket', { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-table': EcTicketTable;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TicketEvent } from '@edgecall/contracts/tickets';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { changeLines, statusLabel, type StatusName } from '../i18n/ticket-labels.ts';
import { sharedStyles } from './shared-styles.ts';

/** Every change of a request, oldest first: who, when, what it was and what it became; comments with their visibility. */
@customElement('ec-ticket-history')
export class EcTicketHistory extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.55rem;
      }
      li {
        border-inline-start: 3px solid var(--ec-border, #d5dde1);
        padding: 0.2rem 0 0.2rem 0.7rem;
      }
      li[data-kind='comment'] {
        border-color: var(--ec-primary, #0b5d6b);
      }
      li[data-visibility='public'] {
        border-color: var(--ec-ok, #1e7b46);
      }
      li[data-kind='sla'],
      li[data-kind='escalated'] {
        border-color: var(--ec-danger, #b3261e);
      }
      .head {
        font-size: 0.82rem;
        color: var(--ec-muted, #5b6b73);
      }
      .what {
        font-weight: 600;
      }
      .body {
        white-space: pre-wrap;
        margin: 0.2rem 0 0;
      }
      ul {
        margin: 0.2rem 0 0;
        padding-inline-start: 1.1rem;
        font-size: 0.9rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) events: TicketEvent[] = [];
  @property({ attribute: false }) names: Map<string, string> = new Map();
  @property({ attribute: false }) statuses: StatusName[] = [];
  /** Only the comments (the print view shows them apart). */
  @property({ type: Boolean }) commentsOnly = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const names = (id: string | null | undefined) => (id ? (this.names.get(id) ?? id) : t.t('common.none'));
    const events = this.commentsOnly ? this.events.filter((e) => e.kind === 'comment') : this.events;
    if (!events.length) return html`<p class="muted">${t.t('tickets.history.empty')}</p>`;
    return html`<ol data-field="history">
      ${events.map((e) => {
        const d = e.data as Record<string, any>;
        const visibility = e.kind === 'comment' ? String(d.visibility) : undefined;
        return html`<li data-kind=${e.kind} data-visibility=${visibility ?? nothing}>
          <div class="head"><span>${t.dateTime(e.at)}</span> · <span data-field="event-user">${e.userName === 'system' ? t.t('tickets.history.system') : e.userName}</span></div>
          <div class="what" data-field="event-what">${this.#what(e, d)}</div>
          ${e.kind === 'comment' || d.note ? html`<p class="body" data-field="event-body">${e.kind === 'comment' ? d.body : d.note}</p>` : nothing}
          ${['updated', 'assigned', 'created'].includes(e.kind)
            ? html`<ul>
                ${changeLines(t, d, names, this.statuses).map((l) => html`<li>${l}</li>`)}
              </ul>`
            : nothing}
        </li>`;
      })}
    </ol>`;
  }

  #what(e: TicketEvent, d: Record<string, any>) {
    const t = this.i18n;
    switch (e.kind) {
      case 'status':
        return t.t('tickets.history.status', { from: statusLabel(t, this.statuses, d.before?.status), to: statusLabel(t, this.statuses, d.after?.status) });
      case 'comment':
        return t.t(d.visibility === 'public' ? 'tickets.history.commentPublic' : 'tickets.history.commentInternal');
      case 'attachment':
        return t.t(d.after ? 'tickets.history.attached' : 'tickets.history.detached', { name: String((d.after ?? d.before)?.name ?? '') });
      case 'sla':
        return t.t(d.clock === 'response' ? 'tickets.history.slaResponse' : 'tickets.history.slaResolution');
      default:
        return t.t(`tickets.history.${e.kind}` as MessageKey);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-history': EcTicketHistory;
  }
}

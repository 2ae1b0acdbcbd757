import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallListItem } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import { causeLabel } from './ec-call-list.ts';

/** The outcome words of a listed call: answered, still on, or why it ended unanswered. */
export function outcomeOf(t: Translator, c: CallListItem): string {
  if (c.answeredAt) return t.t('calls.answered');
  if (c.endedAt === null) return t.t('calls.inProgress');
  return c.cause ? causeLabel(t, c.cause) : t.t('calls.missedOne');
}

/** A page of the call lists; a row click fires `ec-select` {id} (null when the open row is clicked again). */
@customElement('ec-call-list-table')
export class EcCallListTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      tbody tr {
        cursor: pointer;
      }
      tbody tr:hover,
      tr.selected {
        background: #f1f6f7;
      }
      .number {
        font-weight: 600;
        white-space: nowrap;
      }
      .missed {
        color: var(--ec-danger, #b3261e);
      }
      td.num {
        text-align: end;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: CallListItem[] = [];
  @property({ attribute: false }) selectedId: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted" data-field="empty">${t.t('calls.empty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('calls.time')}</th>
          <th>${t.t('call.number')}</th>
          <th>${t.t('lists.contact')}</th>
          <th>${t.t('call.queue')}</th>
          <th>${t.t('lists.agent')}</th>
          <th>${t.t('lists.wait')}</th>
          <th>${t.t('lists.talk')}</th>
          <th>${t.t('calls.outcome')}</th>
          <th>${t.t('record.classification')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((c) => {
          const selected = c.callId === this.selectedId;
          return html`<tr
            class=${selected ? 'selected' : ''}
            data-call-id=${c.callId}
            tabindex="0"
            aria-selected=${selected ? 'true' : 'false'}
            @click=${() => this.#select(selected ? null : c.callId)}
            @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.#select(selected ? null : c.callId))}
          >
            <td>${t.dateTime(c.arrivedAt)}</td>
            <td class="number" data-field="number">${c.number}</td>
            <td data-field="contact">${c.contact?.name ?? ''}</td>
            <td>${c.queue ?? t.t('common.none')}</td>
            <td>${c.agent ?? t.t('common.none')}</td>
            <td class="num">${c.waitSeconds === null ? '' : t.duration(c.waitSeconds)}</td>
            <td class="num">${c.talkSeconds === null ? '' : t.duration(c.talkSeconds)}</td>
            <td class=${!c.answeredAt && c.endedAt !== null ? 'missed' : ''}>${outcomeOf(t, c)}</td>
            <td data-field="classification">
              ${c.record ? [c.record.requestType, c.record.classification, c.record.subClassification].filter(Boolean).join(' › ') : ''}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  #select(id: string | null) {
    this.dispatchEvent(new CustomEvent('ec-select', { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-list-table': EcCallListTable;
  }
}

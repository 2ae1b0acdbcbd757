import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallListItem, CallRecord, ReferenceBundle } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import { causeLabel } from './ec-call-list.ts';

/**
 * The caller's history in the screen pop: their previous calls (with the
 * classification registered for each) and the recent records of their
 * contact. The call on the line is left out.
 */
@customElement('ec-call-history')
export class EcCallHistory extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 0.92rem;
        margin: 0.2rem 0 0.4rem;
      }
      table {
        font-size: 0.85rem;
      }
      th,
      td {
        padding: 0.3rem 0.4rem;
      }
      .missed {
        color: var(--ec-danger, #b3261e);
      }
      section + section {
        margin-top: 0.8rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) calls: CallListItem[] = [];
  @property({ attribute: false }) records: CallRecord[] = [];
  @property({ attribute: false }) bundle: ReferenceBundle | null = null;
  /** The call on the line: not "previous". */
  @property({ attribute: false }) currentCallId: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const calls = this.calls.filter((c) => c.callId !== this.currentCallId);
    const records = this.records.filter((r) => r.callId === null || !calls.some((c) => c.callId === r.callId && c.record?.id === r.id));
    return html`<section data-field="previous-calls">
        <h3>${t.t('window.previousCalls')}</h3>
        ${calls.length === 0
          ? html`<p class="muted">${t.t('window.noPreviousCalls')}</p>`
          : html`<table>
              <tbody>
                ${calls.map(
                  (c) => html`<tr data-call-id=${c.callId}>
                    <td>${t.dateTime(c.arrivedAt)}</td>
                    <td>${t.t(c.direction === 'outbound' ? 'calls.outgoingOne' : 'calls.incomingOne')}</td>
                    <td class=${c.answeredAt ? '' : 'missed'}>${c.answeredAt ? t.t('calls.answered') : c.cause ? causeLabel(t, c.cause) : t.t('calls.missedOne')}</td>
                    <td>${c.record ? [c.record.requestType, c.record.classification, c.record.subClassification].filter(Boolean).join(' › ') : ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
      </section>
      ${records.length
        ? html`<section data-field="recent-records">
            <h3>${t.t('window.recentRecords')}</h3>
            <table>
              <tbody>
                ${records.map(
                  (r) => html`<tr data-record-id=${r.id}>
                    <td>${t.dateTime(r.createdAt)}</td>
                    <td>${this.#names(r)}</td>
                    <td>${r.note}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : nothing}`;
  }

  #names(r: CallRecord): string {
    const b = this.bundle;
    const type = b?.requestTypes.find((x) => x.id === r.requestTypeId)?.name ?? r.requestTypeId;
    const cls = (id: string | null) => (id ? (b?.classifications.find((x) => x.id === id)?.name ?? id) : null);
    return [type, cls(r.classificationId), cls(r.subClassificationId)].filter(Boolean).join(' › ');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-history': EcCallHistory;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallListItem } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import { outcomeOf } from './ec-call-list-table.ts';
import './ec-call-journey.ts';

interface JourneyEvent {
  type: string;
  seq: number;
  at: number;
  [extra: string]: unknown;
}

/**
 * One call of the lists: its journey as a timeline, the record registered
 * for it, the recording (only when the owner passes its address, i.e. for
 * roles allowed to listen), and "call back" / "register". Fires
 * `ec-call-back`, `ec-register` and `ec-close`, each with {id}.
 */
@customElement('ec-call-detail')
export class EcCallDetail extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin-bottom: 0.6rem;
      }
      .number {
        font-size: 1.2rem;
        font-weight: 700;
        margin-inline-end: auto;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.9rem;
        margin: 0 0 0.8rem;
        font-size: 0.92rem;
      }
      dt {
        color: var(--ec-muted, #5b6b73);
      }
      dd {
        margin: 0;
        white-space: pre-line;
      }
      audio {
        width: 100%;
        margin: 0.5rem 0;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        margin-top: 0.6rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) item: CallListItem | null = null;
  /** null while loading (or offline). */
  @property({ attribute: false }) events: JourneyEvent[] | null = null;
  /** Set only for roles allowed to listen and calls that were recorded. */
  @property({ attribute: false }) recordingUrl: string | null = null;
  @property({ type: Boolean }) canCallBack = false;
  @property({ type: Boolean }) canRegister = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    const t = this.i18n;
    const c = this.item;
    if (!t || !c) return nothing;
    return html`<section class="card" data-detail=${c.callId} aria-label=${t.t('lists.detail')}>
      <header>
        <span class="number" data-field="detail-number">${c.number}</span>
        <span class="muted">${t.dateTime(c.arrivedAt)} · ${outcomeOf(t, c)}</span>
        <button type="button" class="small" data-action="close-detail" @click=${() => this.#emit('ec-close')}>${t.t('window.close')}</button>
      </header>
      <dl>
        <dt>${t.t('lists.direction')}</dt>
        <dd>${t.t(c.direction === 'outbound' ? 'calls.outgoingOne' : 'calls.incomingOne')}</dd>
        <dt>${t.t('lists.contact')}</dt>
        <dd>${c.contact?.name ?? t.t('common.none')}</dd>
        <dt>${t.t('record.classification')}</dt>
        <dd data-field="detail-classification">
          ${c.record ? [c.record.requestType, c.record.classification, c.record.subClassification].filter(Boolean).join(' › ') : t.t('lists.notRegistered')}
        </dd>
        ${c.record?.note ? html`<dt>${t.t('record.note')}</dt><dd data-field="detail-note">${c.record.note}</dd>` : nothing}
      </dl>
      ${this.recordingUrl
        ? html`<div>
            <strong>${t.t('lists.recording')}</strong>
            <audio controls preload="none" data-field="recording" src=${this.recordingUrl}></audio>
          </div>`
        : nothing}
      ${this.events ? html`<ec-call-journey .i18n=${t} .events=${this.events}></ec-call-journey>` : html`<p class="muted">${t.t('data.loading')}</p>`}
      <div class="actions">
        ${this.canCallBack
          ? html`<button type="button" class="primary" data-action="call-back" ?disabled=${this.busy} @click=${() => this.#emit('ec-call-back')}>${t.t('lists.callBack')}</button>`
          : nothing}
        ${this.canRegister ? html`<button type="button" data-action="register" ?disabled=${this.busy} @click=${() => this.#emit('ec-register')}>${t.t('lists.register')}</button>` : nothing}
      </div>
    </section>`;
  }

  #emit(type: string) {
    this.dispatchEvent(new CustomEvent(type, { detail: { id: this.item?.callId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-detail': EcCallDetail;
  }
}

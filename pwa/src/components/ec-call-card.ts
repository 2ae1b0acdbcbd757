import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-time-in-state.ts';

/** What the card shows: the screen pop joined with the agent's state. */
export interface CallCardData {
  callId: string;
  number: string | null;
  queue: string | null;
  did: string | null;
}

/**
 * The call-handling window's head: the caller number, queue and DID from the
 * screen pop, the call's duration, and hold / resume / hang up. Emits
 * `ec-call-action` with {action: 'hold' | 'unhold' | 'hangup'}.
 */
@customElement('ec-call-card')
export class EcCallCard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .number {
        font-size: 1.6rem;
        font-weight: 700;
        letter-spacing: 0.02em;
        margin: 0.2rem 0 0.6rem;
      }
      .ringing .number {
        color: #c77700;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.3rem 1rem;
        margin: 0 0 0.8rem;
      }
      dt {
        color: var(--ec-muted, #5b6b73);
        font-size: 0.9rem;
      }
      dd {
        margin: 0;
        font-weight: 500;
      }
      .actions {
        display: flex;
        gap: 0.6rem;
        flex-wrap: wrap;
      }
      .label {
        font-weight: 600;
        text-transform: uppercase;
        font-size: 0.8rem;
        letter-spacing: 0.04em;
        color: var(--ec-muted, #5b6b73);
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) call: CallCardData | null = null;
  /** The agent's state: ringing, talking or holding while a call is on. */
  @property() state = '';
  /** When the current state began (epoch ms): the call's running time while talking. */
  @property({ attribute: false }) since: number | null = null;
  @property({ type: Boolean }) disabled = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const c = this.call;
    if (!c) return html`<p class="muted" data-field="no-call">${t.t('call.none')}</p>`;
    const s = this.state;
    return html`<div class=${s} data-call-id=${c.callId}>
      <span class="label">${s === 'ringing' ? t.t('call.offer') : t.t('call.current')}</span>
      <p class="number" data-field="caller-number">${c.number ?? t.t('common.none')}</p>
      <dl>
        <dt>${t.t('call.queue')}</dt>
        <dd data-field="queue">${c.queue ?? t.t('common.none')}</dd>
        <dt>${t.t('call.did')}</dt>
        <dd data-field="did">${c.did ?? t.t('common.none')}</dd>
        <dt>${t.t('call.duration')}</dt>
        <dd><ec-time-in-state .since=${this.since}></ec-time-in-state></dd>
      </dl>
      <div class="actions">
        ${s === 'holding'
          ? html`<button class="primary" data-action="unhold" ?disabled=${this.disabled} @click=${() => this.#emit('unhold')}>${t.t('call.unhold')}</button>`
          : html`<button data-action="hold" ?disabled=${this.disabled || s !== 'talking'} @click=${() => this.#emit('hold')}>${t.t('call.hold')}</button>`}
        <button class="danger solid" data-action="hangup" ?disabled=${this.disabled || s === 'ringing'} @click=${() => this.#emit('hangup')}>
          ${t.t('call.hangup')}
        </button>
      </div>
    </div>`;
  }

  #emit(action: 'hold' | 'unhold' | 'hangup') {
    this.dispatchEvent(new CustomEvent('ec-call-action', { detail: { action }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-card': EcCallCard;
  }
}

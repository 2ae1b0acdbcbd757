import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export interface TransferRequest {
  action: 'transfer' | 'consult' | 'consult/complete' | 'consult/cancel';
  body?: Record<string, unknown>;
}

type Target = 'agent' | 'queue' | 'number';

/**
 * Passing the call on: a blind transfer to an agent, a queue or an outside
 * number, or an attended one (consult a colleague, then hand over or go
 * back to the caller). Fires `ec-agent-action` {action, body}.
 */
@customElement('ec-call-transfer')
export class EcCallTransfer extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: end;
      }
      form + form,
      .consulting {
        margin-top: 0.6rem;
      }
      .consulting {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  /** The agent's state: transfers need a call being talked or held. */
  @property() state = '';
  /** The queues the agent serves, offered as transfer targets. */
  @property({ attribute: false }) queues: string[] = [];
  /** A consultation is under way: only hand over or go back. */
  @property({ type: Boolean }) consulting = false;
  @property({ type: Boolean }) disabled = false;
  @state() private target: Target = 'agent';

  override render() {
    const t = this.i18n;
    if (!t || !['talking', 'holding'].includes(this.state)) return nothing;
    if (this.consulting) {
      return html`<div class="consulting" data-field="consulting">
        <span>${t.t('transfer.consulting')}</span>
        <button type="button" class="primary" data-action="consult-complete" ?disabled=${this.disabled} @click=${() => this.#emit({ action: 'consult/complete' })}>
          ${t.t('transfer.complete')}
        </button>
        <button type="button" data-action="consult-cancel" ?disabled=${this.disabled} @click=${() => this.#emit({ action: 'consult/cancel' })}>${t.t('transfer.cancel')}</button>
      </div>`;
    }
    return html`<form data-form="transfer" @submit=${this.#transfer}>
        <label
          >${t.t('transfer.to')}
          <select name="target" @change=${(e: Event) => (this.target = (e.target as HTMLSelectElement).value as Target)}>
            ${(['agent', 'queue', 'number'] as const).map((k) => html`<option value=${k} ?selected=${k === this.target}>${t.t(`transfer.target.${k}`)}</option>`)}
          </select>
        </label>
        ${this.target === 'queue' && this.queues.length
          ? html`<label
              >${t.t('call.queue')}<select name="value">
                ${this.queues.map((q) => html`<option value=${q}>${q}</option>`)}
              </select></label
            >`
          : html`<label
              >${t.t(`transfer.target.${this.target}`)}<input
                name="value"
                required
                inputmode=${this.target === 'queue' ? 'text' : 'tel'}
                pattern=${this.target === 'agent' ? '[0-9]{2,8}' : this.target === 'number' ? '\\+?[0-9]{2,20}' : '.{1,32}'}
            /></label>`}
        <button type="submit" data-action="transfer" ?disabled=${this.disabled}>${t.t('transfer.blind')}</button>
      </form>
      <form data-form="consult" @submit=${this.#consult}>
        <label>${t.t('transfer.target.agent')}<input name="agent" required inputmode="numeric" pattern="[0-9]{2,8}" /></label>
        <button type="submit" data-action="consult" ?disabled=${this.disabled || this.state !== 'talking'}>${t.t('transfer.consult')}</button>
      </form>`;
  }

  #transfer(e: SubmitEvent) {
    e.preventDefault();
    const value = String(new FormData(e.target as HTMLFormElement).get('value') ?? '').trim();
    if (value) this.#emit({ action: 'transfer', body: { [this.target]: value } });
  }

  #consult(e: SubmitEvent) {
    e.preventDefault();
    const agent = String(new FormData(e.target as HTMLFormElement).get('agent') ?? '').trim();
    if (agent) this.#emit({ action: 'consult', body: { agent } });
  }

  #emit(detail: TransferRequest) {
    this.dispatchEvent(new CustomEvent('ec-agent-action', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-transfer': EcCallTransfer;
  }
}

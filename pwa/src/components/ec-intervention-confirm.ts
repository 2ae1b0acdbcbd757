import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { Intervention } from './ec-agent-board.ts';
import { sharedStyles } from './shared-styles.ts';

export interface InterventionRequest {
  agent: string;
  action: Intervention;
  callId: string | null;
  number: string | null;
}

const MONITOR = new Set<Intervention>(['listen', 'whisper', 'barge']);

/**
 * Asks before a supervisor acts on an agent: what will happen, the pause
 * reason or the phone to ring for listening. Emits `ec-confirm` with
 * {reason?, phone?} or `ec-cancel`.
 */
@customElement('ec-intervention-confirm')
export class EcInterventionConfirm extends LitElement {
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
      p {
        margin: 0 0 0.7rem;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) request: InterventionRequest | null = null;
  @property({ attribute: false }) reasons: readonly string[] = [];
  /** The phone the supervisor used last, offered again. */
  @property() phone = '';
  @property({ type: Boolean }) busy = false;

  override render() {
    const t = this.i18n;
    const r = this.request;
    if (!t || !r) return nothing;
    const monitor = MONITOR.has(r.action);
    return html`<p data-field="question">${t.t(`supervisor.confirm.${r.action}` as MessageKey, { agent: r.agent, number: r.number ?? t.t('common.none') })}</p>
      <form @submit=${this.#submit}>
        ${r.action === 'pause'
          ? html`<label
              >${t.t('operator.pauseReason')}
              <select name="reason">
                ${this.reasons.map((x) => html`<option value=${x}>${t.t(`pause.reason.${x}` as MessageKey)}</option>`)}
              </select>
            </label>`
          : nothing}
        ${monitor
          ? html`<label
              >${t.t('supervisor.phone')}
              <input name="phone" required inputmode="tel" autocomplete="tel" pattern="[0-9+*#]{2,20}" .value=${this.phone} />
            </label>`
          : nothing}
        <button type="submit" class="primary" data-action="confirm" ?disabled=${this.busy}>${t.t('supervisor.confirmButton')}</button>
        <button type="button" data-action="cancel" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>
          ${t.t('common.cancel')}
        </button>
      </form>`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const detail = { reason: data.get('reason')?.toString(), phone: data.get('phone')?.toString().trim() };
    this.dispatchEvent(new CustomEvent('ec-confirm', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-intervention-confirm': EcInterventionConfirm;
  }
}

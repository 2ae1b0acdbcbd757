import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export interface AgentActionRequest {
  action: 'login' | 'ready' | 'pause' | 'logout' | 'acw/end' | 'acw/extend' | 'dial';
  body?: Record<string, unknown>;
}

const EXTEND_SECONDS = [30, 60, 120, 300];

/**
 * The agent's own controls, and dialling out. Only the moves the current
 * state allows are offered; the appliance still decides (a 409 is shown by
 * the panel).
 * Emits `ec-agent-action` with {action, body}.
 */
@customElement('ec-agent-controls')
export class EcAgentControls extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: end;
      }
      .row + .row {
        margin-top: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property() state = 'logged_out';
  /** Reasons offered for a pause (keys of pause.reason.*). */
  @property({ attribute: false }) reasons: readonly string[] = [];
  /** Names of reasons by code (the admin's list); others are translated from pause.reason.*. */
  @property({ attribute: false }) reasonLabels: Readonly<Record<string, string>> = {};
  /** A request is under way, or the appliance cannot be reached. */
  @property({ type: Boolean }) disabled = false;
  @state() private reason = '';

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const s = this.state;
    const onCall = s === 'ringing' || s === 'talking' || s === 'holding';
    const reason = this.reason || this.reasons[0] || '';
    return html`<div class="row">
        ${s === 'logged_out'
          ? html`<button class="primary" data-action="agent-login" ?disabled=${this.disabled} @click=${() => this.#emit({ action: 'login' })}>${t.t('operator.login')}</button>`
          : html`<button class="primary" data-action="agent-ready" ?disabled=${this.disabled || s === 'ready' || onCall} @click=${() => this.#emit({ action: 'ready' })}>
                ${t.t('operator.ready')}
              </button>
              <label
                >${t.t('operator.pauseReason')}
                <select name="reason" .value=${reason} @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
                  ${this.reasons.map((r) => html`<option value=${r} ?selected=${r === reason}>${this.#label(t, r)}</option>`)}
                </select>
              </label>
              <button data-action="agent-pause" ?disabled=${this.disabled || onCall || !reason} @click=${() => this.#emit({ action: 'pause', body: { reason } })}>
                ${t.t('operator.pause')}
              </button>
              <button class="danger" data-action="agent-logout" ?disabled=${this.disabled || onCall} @click=${() => this.#emit({ action: 'logout' })}>
                ${t.t('operator.logout')}
              </button>`}
      </div>
      ${s === 'acw' ? this.#acw(t) : nothing} ${s !== 'logged_out' && !onCall ? this.#dial(t, s) : nothing}`;
  }

  /** Click-to-call: the appliance rings the agent's phone, then the number; only a ready agent may. */
  #dial(t: Translator, s: string) {
    return html`<form class="row" data-form="dial" @submit=${this.#onDial}>
      <label>${t.t('operator.dialNumber')}<input name="dialNumber" type="tel" inputmode="tel" required autocomplete="off" /></label>
      <button type="submit" data-action="dial" ?disabled=${this.disabled || s !== 'ready'} title=${s !== 'ready' ? t.t('operator.dialNeedsReady') : nothing}>
        ${t.t('operator.dial')}
      </button>
    </form>`;
  }

  #onDial(e: SubmitEvent) {
    e.preventDefault();
    const number = String(new FormData(e.target as HTMLFormElement).get('dialNumber') ?? '').replace(/[\s().-]/g, '');
    if (number) this.#emit({ action: 'dial', body: { number } });
  }

  #acw(t: Translator) {
    return html`<form class="row" data-form="acw-extend" @submit=${this.#extend}>
      <button type="button" class="primary" data-action="acw-end" ?disabled=${this.disabled} @click=${() => this.#emit({ action: 'acw/end' })}>${t.t('operator.acwEnd')}</button>
      <label
        >${t.t('operator.acwSeconds')}
        <select name="seconds">
          ${EXTEND_SECONDS.map((n) => html`<option value=${n}>${t.duration(n)}</option>`)}
        </select>
      </label>
      <label>${t.t('operator.acwReason')}<input name="acwReason" required maxlength="200" /></label>
      <button type="submit" data-action="acw-extend" ?disabled=${this.disabled}>${t.t('operator.acwExtend')}</button>
    </form>`;
  }

  #extend(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const reason = String(data.get('acwReason') ?? '').trim();
    if (!reason) return;
    this.#emit({ action: 'acw/extend', body: { seconds: Number(data.get('seconds')), reason } });
  }

  #label(t: Translator, code: string): string {
    const key = `pause.reason.${code}`;
    return this.reasonLabels[code] ?? (t.has(key) ? t.t(key as MessageKey) : code);
  }

  #emit(detail: AgentActionRequest) {
    this.dispatchEvent(new CustomEvent('ec-agent-action', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-agent-controls': EcAgentControls;
  }
}

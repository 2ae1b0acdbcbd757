import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import './ec-time-in-state.ts';

/** The words for a pause reason: a known one translated, anything else as the appliance wrote it. */
export function reasonLabel(t: Translator, reason: string | null | undefined): string | null {
  if (!reason) return null;
  const key = `pause.reason.${reason}`;
  return t.has(key) ? t.t(key as MessageKey) : reason;
}

export function stateLabel(t: Translator, state: string): string {
  const key = `agent.state.${state}`;
  return t.has(key) ? t.t(key as MessageKey) : state;
}

/** An agent's state as a coloured pill, with the reason and the time in state. */
@customElement('ec-agent-state-badge')
export class EcAgentStateBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .pill {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.2rem 0.7rem;
      border-radius: 999px;
      font-weight: 600;
      background: color-mix(in srgb, var(--c) 14%, white);
      color: color-mix(in srgb, var(--c) 80%, black);
      --c: #7a8a91;
    }
    .pill::before {
      content: '';
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: var(--c);
    }
    .ready {
      --c: var(--ec-ok, #1e7b46);
    }
    .ringing {
      --c: #c77700;
    }
    .talking,
    .holding {
      --c: #1f5fbf;
    }
    .paused {
      --c: #8a5a00;
    }
    .acw {
      --c: #6b3fa0;
    }
    .reason,
    ec-time-in-state {
      font-size: 0.9em;
      color: var(--ec-muted, #5b6b73);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  /** Reflected so tests and styles can read it. */
  @property({ reflect: true }) state = 'logged_out';
  @property({ attribute: false }) reason: string | null = null;
  @property({ attribute: false }) since: number | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const reason = this.state === 'paused' ? reasonLabel(t, this.reason) : null;
    return html`<span class="pill ${this.state}" data-field="state">${stateLabel(t, this.state)}</span>
      ${reason ? html`<span class="reason" data-field="reason">${reason}</span>` : nothing}
      ${this.state !== 'logged_out' && this.since !== null
        ? html`<ec-time-in-state .since=${this.since} title=${t.t('operator.timeInState')}></ec-time-in-state>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-agent-state-badge': EcAgentStateBadge;
  }
}

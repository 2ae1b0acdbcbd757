import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AgentTargetProgress } from '@edgecall/contracts/targets';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-agent-state-badge.ts';
import './ec-time-in-state.ts';
import './ec-agent-progress.ts';

export interface AgentBoardRow {
  agent: string;
  state: string;
  reason: string | null;
  /** Epoch ms of the state's start. */
  since: number | null;
  callsToday: number;
  call: { id: string; number: string | null; queue: string | null; answeredAt: number | null } | null;
  /** Today's progress against the agent's targets; undefined while unknown. */
  progress?: AgentTargetProgress | null;
}

export type Intervention = 'pause' | 'ready' | 'logout' | 'listen' | 'whisper' | 'barge' | 'hangup';

const ON_CALL = new Set(['ringing', 'talking', 'holding']);

/**
 * The flash panel's agent occupancy board. Emits `ec-intervene` with
 * {agent, action, callId, number}; the owner confirms and calls the appliance.
 */
@customElement('ec-agent-board')
export class EcAgentBoard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .agent {
        font-weight: 700;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
      }
      .call {
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) rows: AgentBoardRow[] = [];
  @property({ type: Boolean }) canIntervene = false;
  @property({ type: Boolean }) disabled = false;
  /** Shows the targets column (the progress is known). */
  @property({ type: Boolean }) showTargets = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.rows.length === 0) return html`<p class="muted">${t.t('supervisor.noAgents')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('supervisor.agent')}</th>
          <th>${t.t('supervisor.state')}</th>
          <th>${t.t('supervisor.call')}</th>
          <th>${t.t('supervisor.callsToday')}</th>
          ${this.showTargets ? html`<th>${t.t('target.todayColumn')}</th>` : nothing}
          ${this.canIntervene ? html`<th>${t.t('supervisor.actions')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.rows.map((r) => this.#row(t, r))}
      </tbody>
    </table>`;
  }

  #row(t: Translator, r: AgentBoardRow) {
    const onCall = ON_CALL.has(r.state) && !!r.call;
    const off = r.state === 'logged_out';
    const btn = (action: Intervention, label: string, disabled: boolean) =>
      html`<button class="small" data-action=${action} ?disabled=${this.disabled || disabled} @click=${() => this.#emit(r, action)}>${label}</button>`;
    return html`<tr data-agent=${r.agent} data-state=${r.state} data-target-status=${r.progress?.status ?? 'none'}>
      <td class="agent">${r.agent}</td>
      <td><ec-agent-state-badge .i18n=${t} state=${r.state} .reason=${r.reason} .since=${r.since}></ec-agent-state-badge></td>
      <td class="call" data-field="call">
        ${r.call
          ? html`<strong>${r.call.number ?? t.t('common.none')}</strong> · ${r.call.queue ?? t.t('common.none')}
              ${r.call.answeredAt ? html` · <ec-time-in-state .since=${r.call.answeredAt}></ec-time-in-state>` : nothing}`
          : t.t('common.none')}
      </td>
      <td data-field="calls-today">${t.number(r.callsToday)}</td>
      ${this.showTargets ? html`<td data-field="progress"><ec-agent-progress .i18n=${t} .progress=${r.progress ?? null} compact></ec-agent-progress></td>` : nothing}
      ${this.canIntervene
        ? html`<td class="actions">
            ${btn('pause', t.t('supervisor.forcePause'), off || r.state === 'paused' || onCall)}
            ${btn('ready', t.t('supervisor.forceReady'), off || r.state === 'ready' || onCall)}
            ${btn('logout', t.t('supervisor.forceLogout'), off || onCall)}
            ${btn('listen', t.t('supervisor.listen'), !onCall)} ${btn('whisper', t.t('supervisor.whisper'), !onCall)}
            ${btn('barge', t.t('supervisor.barge'), !onCall)} ${btn('hangup', t.t('supervisor.hangup'), !onCall)}
          </td>`
        : nothing}
    </tr>`;
  }

  #emit(r: AgentBoardRow, action: Intervention) {
    this.dispatchEvent(
      new CustomEvent('ec-intervene', { detail: { agent: r.agent, action, callId: r.call?.id ?? null, number: r.call?.number ?? null }, bubbles: true, composed: true }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-agent-board': EcAgentBoard;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { QueueTargetStatus } from '@edgecall/contracts/targets';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-time-in-state.ts';
import './ec-queue-targets.ts';
import './ec-target-status.ts';

export interface QueueBoardItem {
  queue: string;
  waiting: { callId: string; number: string; position: number; since: string | number; ringing: boolean }[];
  onHold: { callId: string; agent: string }[];
  agents: { loggedIn: number; ready: number; busy: number; paused: number; acw: number };
  /** The queue's live figures against its targets; null: none set; undefined: not known (yet). */
  targets?: QueueTargetStatus | null;
}

/** Queued calls (position, number, running wait), calls on hold and the targets' status, one card per queue. */
@customElement('ec-queue-board')
export class EcQueueBoard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: 1rem;
      }
      h3 {
        margin: 0 0 0.3rem;
        font-size: 1rem;
      }
      h4 {
        margin: 0.8rem 0 0.3rem;
        font-size: 0.85rem;
        color: var(--ec-muted, #5b6b73);
      }
      .counts {
        font-size: 0.85rem;
        margin: 0 0 0.4rem;
      }
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.4rem;
      }
      section[data-target-status='warn'] {
        border-inline-start: 6px solid var(--ec-warn, #9a6200);
      }
      section[data-target-status='breach'] {
        border-inline-start: 6px solid var(--ec-danger, #b3261e);
      }
      .ringing {
        color: #c77700;
        font-size: 0.85em;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) queues: QueueBoardItem[] = [];
  /** Supervisors who may intervene get per-call controls: give to a ready agent, end the call. */
  @property({ type: Boolean }) canIntervene = false;
  @property({ type: Boolean }) disabled = false;
  /** Ready agents per queue, the candidates a waiting call can be given to. */
  @property({ attribute: false }) readyAgents: Record<string, string[]> = {};

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return this.queues.map(
      (q) => html`<section class="card" data-queue=${q.queue} data-target-status=${q.targets?.status ?? 'none'}>
        <div class="title">
          <h3>${t.t('call.queue')}: ${q.queue}</h3>
          ${q.targets?.status ? html`<ec-target-status .i18n=${t} status=${q.targets.status}></ec-target-status>` : nothing}
        </div>
        <p class="counts muted">${t.t('supervisor.queueAgents', { ...q.agents })}</p>
        ${q.targets ? html`<h4>${t.t('target.title')}</h4><ec-queue-targets .i18n=${t} .targets=${q.targets}></ec-queue-targets>` : nothing}
        <h4>${t.t('supervisor.waiting')}</h4>
        ${q.waiting.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${t.t('supervisor.position')}</th>
                  <th>${t.t('call.number')}</th>
                  <th>${t.t('supervisor.wait')}</th>
                  ${this.canIntervene ? html`<th>${t.t('supervisor.giveTo')}</th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${[...q.waiting]
                  .sort((a, b) => a.position - b.position)
                  .map(
                    (w) => html`<tr data-call-id=${w.callId}>
                      <td>${w.position}</td>
                      <td>${w.number} ${w.ringing ? html`<span class="ringing">${t.t('supervisor.ringing')}</span>` : nothing}</td>
                      <td><ec-time-in-state .since=${typeof w.since === 'number' ? w.since : Date.parse(w.since)}></ec-time-in-state></td>
                      ${this.canIntervene ? this.#callActions(t, q.queue, w) : nothing}
                    </tr>`,
                  )}
              </tbody>
            </table>`
          : html`<p class="muted" data-field="no-waiting">${t.t('supervisor.noWaiting')}</p>`}
        <h4>${t.t('supervisor.onHold')}</h4>
        ${q.onHold.length
          ? html`<ul data-field="on-hold">
              ${q.onHold.map((h) => html`<li data-call-id=${h.callId}>${t.t('supervisor.heldBy', { agent: h.agent })}</li>`)}
            </ul>`
          : html`<p class="muted">${t.t('supervisor.noHold')}</p>`}
      </section>`,
    );
  }

  #callActions(t: Translator, queue: string, w: QueueBoardItem['waiting'][number]) {
    const ready = this.readyAgents[queue] ?? [];
    return html`<td class="call-actions">
      <select name="give-agent" aria-label=${t.t('supervisor.giveTo')} ?disabled=${this.disabled || ready.length === 0}>
        ${ready.map((a) => html`<option value=${a}>${a}</option>`)}
      </select>
      <button
        class="small"
        data-action="give"
        ?disabled=${this.disabled || ready.length === 0}
        @click=${(e: Event) => {
          const select = (e.target as HTMLElement).parentElement!.querySelector('select')!;
          this.#emit('ec-give-call', { callId: w.callId, agent: select.value });
        }}
      >
        ${t.t('supervisor.give')}
      </button>
      <button
        class="small danger"
        data-action="hangup"
        ?disabled=${this.disabled}
        @click=${() => this.#emit('ec-intervene', { agent: '', action: 'hangup', callId: w.callId, number: w.number })}
      >
        ${t.t('supervisor.hangup')}
      </button>
    </td>`;
  }

  #emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-queue-board': EcQueueBoard;
  }
}

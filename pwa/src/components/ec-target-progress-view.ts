import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AgentTargetProgress, QueueTargetStatus } from '@edgecall/contracts/targets';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-queue-targets.ts';
import './ec-agent-progress.ts';
import './ec-target-status.ts';

/** What the view shows of the progress answer (contracts' TargetProgress, times as ISO). */
export interface TargetProgressView {
  period: string;
  from: string;
  to: string;
  elapsed: number;
  queues: QueueTargetStatus[];
  agents: AgentTargetProgress[];
}

const LEVEL_RANK: Record<string, number> = { breach: 0, warn: 1, ok: 2 };
const PACE_RANK: Record<string, number> = { behind: 0, on_pace: 1, done: 2 };

/**
 * Progress against the targets for a period, per queue and per agent, the
 * furthest from target first so deviations are seen at a glance.
 */
@customElement('ec-target-progress-view')
export class EcTargetProgressView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.6rem;
      }
      .wrap {
        overflow-x: auto;
      }
      tr[data-status='breach'] td:first-child,
      tr[data-status='behind'] td:first-child {
        box-shadow: inset 4px 0 0 var(--ec-danger, #b3261e);
      }
      tr[data-status='warn'] td:first-child {
        box-shadow: inset 4px 0 0 var(--ec-warn, #9a6200);
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) progress: TargetProgressView | null = null;

  override render() {
    const t = this.i18n;
    const p = this.progress;
    if (!t || !p) return nothing;
    const rank = (r: Record<string, number>, s: string | null) => (s === null ? 9 : (r[s] ?? 9));
    const queues = [...p.queues].sort((a, b) => rank(LEVEL_RANK, a.status) - rank(LEVEL_RANK, b.status) || a.queue.localeCompare(b.queue));
    const agents = [...p.agents]
      .filter((a) => a.source !== null)
      .sort((a, b) => rank(PACE_RANK, a.status) - rank(PACE_RANK, b.status) || a.agent.localeCompare(b.agent, undefined, { numeric: true }));
    const untargeted = p.agents.length - agents.length;
    return html`<p class="muted" data-field="range">
        ${t.t('target.range', { from: t.dateTime(p.from), to: t.dateTime(p.to), elapsed: Math.round(p.elapsed * 100) })}
      </p>
      <section class="card" aria-labelledby="queues">
        <h2 id="queues">${t.t('target.queues')}</h2>
        ${queues.some((q) => Object.keys(q.checks).length)
          ? html`<div class="wrap">
              <table>
                <thead>
                  <tr>
                    <th>${t.t('call.queue')}</th>
                    <th>${t.t('target.status')}</th>
                    <th>${t.t('target.figures')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${queues.map(
                    (q) => html`<tr data-queue=${q.queue} data-status=${q.status ?? 'none'}>
                      <td>${q.queue}</td>
                      <td><ec-target-status .i18n=${t} status=${q.status ?? ''}></ec-target-status></td>
                      <td><ec-queue-targets .i18n=${t} .targets=${q}></ec-queue-targets></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted" data-field="no-queue-targets">${t.t('target.noQueueTargets')}</p>`}
      </section>
      <section class="card" aria-labelledby="agents">
        <h2 id="agents">${t.t('target.agents')}</h2>
        ${agents.length
          ? html`<div class="wrap">
              <table>
                <thead>
                  <tr>
                    <th>${t.t('supervisor.agent')}</th>
                    <th>${t.t('target.source')}</th>
                    <th>${t.t('target.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${agents.map(
                    (a) => html`<tr data-agent=${a.agent} data-status=${a.status ?? 'none'}>
                      <td><strong>${a.agent}</strong></td>
                      <td>${t.t(a.source === 'agent' ? 'target.source.agent' : 'target.source.default')}</td>
                      <td><ec-agent-progress .i18n=${t} .progress=${a}></ec-agent-progress></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted" data-field="no-agent-targets">${t.t('target.noAgentTargets')}</p>`}
        ${untargeted > 0 && agents.length ? html`<p class="muted">${t.t('target.untargeted', { count: untargeted })}</p>` : nothing}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-target-progress-view': EcTargetProgressView;
  }
}

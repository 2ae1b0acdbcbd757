import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AgentCheck, AgentTargetKey, AgentTargetProgress } from '@edgecall/contracts/targets';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import './ec-target-status.ts';

const ORDER: readonly AgentTargetKey[] = ['incomingCalls', 'outgoingCalls', 'talkTimeSeconds', 'scheduledCallbacks', 'evaluationScore'];

/** An amount in its unit: talk time as a duration, the score as a number, the rest as counts. */
export function formatAmount(t: Translator, key: AgentTargetKey, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return t.t('common.none');
  if (key === 'talkTimeSeconds') return value < 60 ? t.t('unit.seconds', { value: Math.round(value) }) : t.duration(value);
  return t.number(Math.round(value * 10) / 10);
}

/**
 * An agent's progress against their day/week/month targets: the overall
 * status, then achieved / target per target with a bar. `compact` (the
 * flash panel's board) leaves out the expected-by-now amounts.
 */
@customElement('ec-agent-progress')
export class EcAgentProgress extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.25rem;
      font-size: 0.85rem;
      min-width: 11rem;
    }
    .check {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.1rem 0.5rem;
      align-items: center;
    }
    .bar {
      grid-column: 1 / -1;
      height: 0.35rem;
      border-radius: 999px;
      background: var(--ec-border, #d5dde1);
      overflow: hidden;
    }
    .bar span {
      display: block;
      height: 100%;
      background: var(--c, #7a8a91);
    }
    .done,
    .on_pace {
      --c: var(--ec-ok, #1e7b46);
    }
    .behind {
      --c: var(--ec-warn, #9a6200);
    }
    .amount {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .muted {
      color: var(--ec-muted, #5b6b73);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) progress: AgentTargetProgress | null = null;
  @property({ type: Boolean }) compact = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const p = this.progress;
    const checks = ORDER.filter((k) => p?.checks[k]).map((k) => [k, p!.checks[k]!] as const);
    if (!p || checks.length === 0) return html`<span class="muted" data-field="no-targets">${t.t('target.none')}</span>`;
    return html`<ec-target-status .i18n=${t} status=${p.status ?? ''}></ec-target-status>
      ${checks.map(([key, c]) => this.#check(t, key, c))}`;
  }

  #check(t: Translator, key: AgentTargetKey, c: AgentCheck) {
    const pct = c.ratio === null ? 0 : Math.max(0, Math.min(100, c.ratio * 100));
    return html`<div class="check ${c.status ?? ''}" data-target=${key} data-status=${c.status ?? 'none'}>
      <span>${t.t(`target.agent.${key}` as MessageKey)}</span>
      <span class="amount" data-field="amount">${t.t('target.ofTarget', { achieved: formatAmount(t, key, c.achieved), target: formatAmount(t, key, c.target) })}</span>
      <div class="bar" role="presentation"><span style="width:${pct}%"></span></div>
      ${!this.compact && c.expected !== null
        ? html`<span class="muted" data-field="expected">${t.t('target.expected', { value: formatAmount(t, key, c.expected) })}</span>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-agent-progress': EcAgentProgress;
  }
}

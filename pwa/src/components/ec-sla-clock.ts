import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SlaClock } from '@edgecall/contracts/tickets';
import type { Translator } from '../i18n/translator.ts';
import { workingTime } from '../i18n/ticket-labels.ts';

/**
 * One SLA clock of a request: running (due when, working time left), paused
 * while waiting on the customer, met, due soon or breached — said in words
 * and with an icon, never by colour alone.
 */
@customElement('ec-sla-clock')
export class EcSlaClock extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: baseline;
      gap: 0.4rem;
      flex-wrap: wrap;
      font-size: 0.9rem;
      --c: var(--ec-ok, #1e7b46);
    }
    :host([tone='warn']) {
      --c: var(--ec-warn, #9a6200);
    }
    :host([tone='bad']) {
      --c: var(--ec-danger, #b3261e);
    }
    :host([tone='muted']) {
      --c: var(--ec-muted, #5b6b73);
    }
    .label {
      font-weight: 600;
    }
    .state {
      color: var(--c);
      font-weight: 600;
    }
    .meta {
      color: var(--ec-muted, #5b6b73);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) clock: SlaClock | null = null;
  @property() label = '';

  override render() {
    const t = this.i18n;
    const c = this.clock;
    if (!t || !c) return nothing;
    const [tone, icon, text] = c.breached
      ? ['bad', '⛔', t.t('tickets.sla.breached', { time: workingTime(t, c.remainingMs) })]
      : c.state === 'done'
        ? ['ok', '✓', t.t('tickets.sla.met')]
        : c.state === 'paused'
          ? ['muted', '⏸', t.t('tickets.sla.paused')]
          : c.dueSoon
            ? ['warn', '⚠', t.t('tickets.sla.dueSoon', { time: workingTime(t, c.remainingMs) })]
            : ['ok', '⏱', t.t('tickets.sla.left', { time: workingTime(t, c.remainingMs) })];
    this.setAttribute('tone', tone);
    this.dataset.state = c.state;
    this.dataset.breached = String(c.breached);
    return html`<span class="label">${this.label}</span>
      <span class="state" data-field="sla-state"><span aria-hidden="true">${icon}</span> ${text}</span>
      ${c.dueAt ? html`<span class="meta" data-field="sla-due">${t.t('tickets.sla.due', { time: t.dateTime(c.dueAt) })}</span>` : nothing}
      <span class="meta">${t.t('tickets.sla.budget', { hours: c.budgetHours })}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-sla-clock': EcSlaClock;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallbackEntry } from '@edgecall/contracts/crm';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export type CallbackAction = 'take' | 'call' | 'outcome' | 'close' | 'assign';

/**
 * The callback (feedback) list: one row per caller, with how often they
 * were missed, since when they wait, when they asked to be called, who
 * has the entry and the last attempt. Fires `ec-callback-action`
 * {action, id, agent?}; `assign` carries the agent typed in the row
 * (empty: unassign).
 */
@customElement('ec-callbacks-table')
export class EcCallbacksTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .number {
        font-weight: 600;
        white-space: nowrap;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
      }
      .assign {
        display: flex;
        gap: 0.3rem;
      }
      .assign input {
        width: 5rem;
        padding: 0.2rem 0.4rem;
      }
      .due {
        color: var(--ec-danger, #b3261e);
        font-weight: 600;
      }
      tr.mine {
        background: color-mix(in srgb, var(--ec-primary, #0b5d6b) 5%, white);
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: CallbackEntry[] = [];
  /** My agent number: my entries are marked and may be called. */
  @property() me = '';
  @property({ attribute: false }) busyId: string | null = null;
  /** Agent actions (take, call, outcome, close). */
  @property({ type: Boolean }) canOperate = false;
  /** Supervisor: assign to an agent. */
  @property({ type: Boolean }) canAssign = false;
  @property({ type: Boolean }) readonly = false;
  /** Epoch ms, for "waiting for" and due marks. */
  @property({ type: Number }) now = Date.now();

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted" data-field="empty">${t.t('callbacks.empty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('call.number')}</th>
          <th>${t.t('callbacks.kind')}</th>
          <th>${t.t('callbacks.missedCount')}</th>
          <th>${t.t('callbacks.waitSince')}</th>
          <th>${t.t('callbacks.scheduledFor')}</th>
          <th>${t.t('callbacks.assigned')}</th>
          <th>${t.t('callbacks.lastAttempt')}</th>
          <th>${t.t('users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((e) => this.#row(t, e))}
      </tbody>
    </table>`;
  }

  #row(t: Translator, e: CallbackEntry) {
    const mine = !!this.me && e.assignedAgent === this.me;
    const since = e.firstMissedAt ?? e.createdAt;
    const last = e.attempts.at(-1);
    const due = e.scheduledFor !== null && Date.parse(e.scheduledFor) <= this.now && e.status === 'open';
    const busy = this.busyId === e.id || this.readonly;
    const open = e.status === 'open';
    return html`<tr data-entry-id=${e.id} data-number=${e.number} data-status=${e.status} class=${mine ? 'mine' : ''}>
      <td class="number" data-field="number">${e.number}</td>
      <td>${t.t(`callbacks.kind.${e.kind}` as MessageKey)}</td>
      <td data-field="missed-count">${e.missedCount}</td>
      <td>${t.dateTime(since)}<br /><span class="muted">${t.t('callbacks.waitingFor', { wait: t.duration(Math.max(0, (this.now - Date.parse(since)) / 1000)) })}</span></td>
      <td class=${due ? 'due' : ''}>${e.scheduledFor ? t.dateTime(e.scheduledFor) : t.t('common.none')}</td>
      <td data-field="assigned">${e.assignedAgent ?? t.t('callbacks.unassigned')}</td>
      <td>${last ? html`${t.t(`callbacks.outcome.${last.outcome}` as MessageKey)}<br /><span class="muted">${t.dateTime(last.at)}</span>` : t.t('common.none')}</td>
      <td>
        <div class="actions">
          ${open && this.canOperate && !e.assignedAgent
            ? html`<button type="button" class="small" data-action="take" ?disabled=${busy} @click=${() => this.#emit('take', e.id)}>${t.t('callbacks.take')}</button>`
            : nothing}
          ${open && this.canOperate && (mine || !e.assignedAgent)
            ? html`<button type="button" class="small primary" data-action="call" ?disabled=${busy} @click=${() => this.#emit('call', e.id)}>${t.t('lists.callBack')}</button>
                <button type="button" class="small" data-action="outcome" ?disabled=${busy} @click=${() => this.#emit('outcome', e.id)}>${t.t('callbacks.noteOutcome')}</button>
                <button type="button" class="small danger" data-action="close" ?disabled=${busy} @click=${() => this.#emit('close', e.id)}>${t.t('callbacks.close')}</button>`
            : nothing}
          ${open && this.canAssign
            ? html`<form class="assign" @submit=${(ev: SubmitEvent) => this.#assign(ev, e.id)}>
                <input name="agent" inputmode="numeric" pattern="[0-9]{2,10}" placeholder=${t.t('lists.agent')} aria-label=${t.t('callbacks.assignTo')} .value=${e.assignedAgent ?? ''} />
                <button type="submit" class="small" data-action="assign" ?disabled=${busy}>${t.t('callbacks.assign')}</button>
              </form>`
            : nothing}
          ${!open ? html`<span class="muted">${e.closeReason ? t.t(`callbacks.closeReason.${e.closeReason}` as MessageKey) : t.t('callbacks.closed')}</span>` : nothing}
        </div>
      </td>
    </tr>`;
  }

  #assign(ev: SubmitEvent, id: string) {
    ev.preventDefault();
    const agent = String(new FormData(ev.target as HTMLFormElement).get('agent') ?? '').trim();
    this.#emit('assign', id, agent);
  }

  #emit(action: CallbackAction, id: string, agent?: string) {
    this.dispatchEvent(new CustomEvent('ec-callback-action', { detail: { action, id, agent }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-callbacks-table': EcCallbacksTable;
  }
}

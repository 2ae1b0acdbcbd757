import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AgentTargetKey, QueueTargetKey, Targets, TargetsInput } from '@edgecall/contracts/targets';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { FieldErrors, fieldErrorStyles } from './field-errors.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

const QUEUE_KEYS: readonly QueueTargetKey[] = ['serviceLevel', 'asa', 'lostCallRate', 'longestWait'];
const AGENT_KEYS: readonly AgentTargetKey[] = ['incomingCalls', 'outgoingCalls', 'talkTimeSeconds', 'scheduledCallbacks', 'evaluationScore'];
const PERIODS = ['day', 'week', 'month'] as const;

/** Rows while edited: numbers stay text (empty = no target for that figure). */
type Row = Record<string, string>;

const toRow = (o: object): Row => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)]));

/** Empty: no target. Anything else goes as a number; what is not one reaches the appliance as null and is named back. */
function numbers(row: Row, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) if ((row[k] ?? '').trim() !== '') out[k] = Number(row[k]);
  return out;
}

/**
 * The admin's targets: per queue, limits on SL, ASA, lost call rate and the
 * longest wait; per agent (or `*` for everyone) and period, amounts to
 * reach. Validation is the appliance's, shown next to the field it names
 * (`queues.<i>.<field>`, `agents.<i>.<field>`). Emits `ec-save` {targets}.
 */
@customElement('ec-targets-form')
export class EcTargetsForm extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.3rem;
      }
      .wrap {
        overflow-x: auto;
      }
      td input,
      td select {
        width: 100%;
        min-width: 5.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .margin {
        max-width: 16rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  /** The stored targets; the draft restarts from them whenever they change. */
  @property({ attribute: false }) targets: Targets | null = null;
  /** The branch's queues, offered for queue rows. */
  @property({ attribute: false }) queues: string[] = [];
  @property({ attribute: false }) error: ErrorView | null = null;
  @property({ type: Boolean }) busy = false;
  @state() private margin = '10';
  @state() private queueRows: Row[] = [];
  @state() private agentRows: Row[] = [];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('targets') && this.targets) {
      this.margin = String(this.targets.warnMarginPercent);
      this.queueRows = this.targets.queues.map(toRow);
      this.agentRows = this.targets.agents.map(toRow);
    }
  }

  override render() {
    const t = this.i18n;
    if (!t) return html``;
    const errors = new FieldErrors(this.error);
    const queueRows = this.queueRows.map((r, i) => this.#queueRow(t, r, i, errors));
    const agentRows = this.agentRows.map((r, i) => this.#agentRow(t, r, i, errors));
    const margin = errors.show('warnMarginPercent');
    return html`<ec-error-message .error=${errors.summary()}></ec-error-message>
      <label class="margin"
        >${t.t('targetSettings.warnMargin')}
        <input name="warnMarginPercent" type="number" min="0" max="100" step="any" .value=${this.margin} @input=${(e: Event) => (this.margin = (e.target as HTMLInputElement).value)} />
        <span class="hint">${t.t('targetSettings.warnMarginHint')}</span>${margin}</label
      >
      <section data-section="queues">
        <h2>${t.t('target.queues')}</h2>
        <p class="hint">${t.t('targetSettings.queuesHint')}</p>
        <div class="wrap">
          <table>
            <thead>
              <tr>
                <th>${t.t('call.queue')}</th>
                ${QUEUE_KEYS.map((k) => html`<th>${t.t(`targetSettings.queue.${k}` as MessageKey)}</th>`)}
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${queueRows}
            </tbody>
          </table>
        </div>
        <button type="button" data-action="add-queue-target" ?disabled=${this.busy} @click=${this.#addQueue}>${t.t('targetSettings.addQueue')}</button>
      </section>
      <section data-section="agents">
        <h2>${t.t('target.agents')}</h2>
        <p class="hint">${t.t('targetSettings.agentsHint')}</p>
        <div class="wrap">
          <table>
            <thead>
              <tr>
                <th>${t.t('supervisor.agent')}</th>
                <th>${t.t('target.period')}</th>
                ${AGENT_KEYS.map((k) => html`<th>${t.t(`target.agent.${k}` as MessageKey)}</th>`)}
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${agentRows}
            </tbody>
          </table>
        </div>
        <button type="button" data-action="add-agent-target" ?disabled=${this.busy} @click=${this.#addAgent}>${t.t('targetSettings.addAgent')}</button>
      </section>
      <div class="actions">
        <button type="button" class="primary" data-action="save" ?disabled=${this.busy} @click=${this.#save}>${t.t('common.save')}</button>
      </div>`;
  }

  #input(list: 'queues' | 'agents', i: number, key: string, row: Row, errors: FieldErrors, attrs: { type?: string; placeholder?: string } = {}) {
    const path = `${list}.${i}.${key}`;
    const invalid = errors.at(path) !== undefined;
    const onInput = (e: Event) => this.#set(list, i, key, (e.target as HTMLInputElement).value);
    return html`<input
        name=${key}
        type=${attrs.type ?? 'number'}
        step="any"
        min="0"
        placeholder=${attrs.placeholder ?? ''}
        .value=${row[key] ?? ''}
        aria-invalid=${invalid ? 'true' : 'false'}
        @input=${onInput}
      />${errors.show(path)}`;
  }

  #queueRow(t: Translator, r: Row, i: number, errors: FieldErrors) {
    const queues = r.queue && !this.queues.includes(r.queue) ? [r.queue, ...this.queues] : this.queues;
    return html`<tr data-queue-index=${i}>
      <td>
        <select name="queue" @change=${(e: Event) => this.#set('queues', i, 'queue', (e.target as HTMLSelectElement).value)}>
          ${queues.map((q) => html`<option value=${q} ?selected=${q === r.queue}>${q}</option>`)}
        </select>
        ${errors.show(`queues.${i}.queue`)}${errors.show(`queues.${i}`)}
      </td>
      ${QUEUE_KEYS.map((k) => html`<td>${this.#input('queues', i, k, r, errors)}</td>`)}
      <td><button type="button" class="danger small" data-action="remove" ?disabled=${this.busy} @click=${() => this.#remove('queues', i)}>${t.t('targetSettings.remove')}</button></td>
    </tr>`;
  }

  #agentRow(t: Translator, r: Row, i: number, errors: FieldErrors) {
    return html`<tr data-agent-index=${i}>
      <td>${this.#input('agents', i, 'agent', r, errors, { type: 'text', placeholder: '*' })}${errors.show(`agents.${i}`)}</td>
      <td>
        <select name="period" @change=${(e: Event) => this.#set('agents', i, 'period', (e.target as HTMLSelectElement).value)}>
          ${PERIODS.map((p) => html`<option value=${p} ?selected=${p === r.period}>${t.t(`target.period.${p}` as MessageKey)}</option>`)}
        </select>
        ${errors.show(`agents.${i}.period`)}
      </td>
      ${AGENT_KEYS.map((k) => html`<td>${this.#input('agents', i, k, r, errors)}</td>`)}
      <td><button type="button" class="danger small" data-action="remove" ?disabled=${this.busy} @click=${() => this.#remove('agents', i)}>${t.t('targetSettings.remove')}</button></td>
    </tr>`;
  }

  #set(list: 'queues' | 'agents', i: number, key: string, value: string) {
    const patch = (rows: Row[]) => rows.map((r, j) => (j === i ? { ...r, [key]: value } : r));
    if (list === 'queues') this.queueRows = patch(this.queueRows);
    else this.agentRows = patch(this.agentRows);
  }

  #remove(list: 'queues' | 'agents', i: number) {
    if (list === 'queues') this.queueRows = this.queueRows.filter((_, j) => j !== i);
    else this.agentRows = this.agentRows.filter((_, j) => j !== i);
  }

  #addQueue() {
    const free = this.queues.find((q) => !this.queueRows.some((r) => r.queue === q)) ?? this.queues[0] ?? '';
    this.queueRows = [...this.queueRows, { queue: free }];
  }

  #addAgent() {
    this.agentRows = [...this.agentRows, { agent: '*', period: 'day' }];
  }

  #save() {
    const targets: TargetsInput = {
      warnMarginPercent: this.margin.trim() === '' ? undefined : Number(this.margin),
      queues: this.queueRows.map((r) => ({ queue: r.queue ?? '', ...numbers(r, QUEUE_KEYS) })),
      agents: this.agentRows.map((r) => ({ agent: (r.agent ?? '').trim(), period: (r.period || 'day') as (typeof PERIODS)[number], ...numbers(r, AGENT_KEYS) })),
    };
    this.dispatchEvent(new CustomEvent('ec-save', { detail: { targets }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-targets-form': EcTargetsForm;
  }
}

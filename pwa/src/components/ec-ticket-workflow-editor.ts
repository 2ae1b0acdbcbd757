import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import { fieldError, fieldErrorStyles, issuesAt, unplaced } from './field-issues.ts';
import './ec-error-message.ts';

export const STATUS_KINDS = ['open', 'waiting_customer', 'closed'] as const;

export interface WorkflowStatus {
  code: string;
  name: { az: string; en?: string; ru?: string };
  kind: (typeof STATUS_KINDS)[number];
  initial: boolean;
  allowReopen: boolean;
  active: boolean;
  sort: number;
}

export interface WorkflowValue {
  statuses: WorkflowStatus[];
  transitions: { from: string; to: string }[];
}

/**
 * Execution statuses and the transitions matrix: a row per status (its
 * names, kind, initial, reopen, active, order) and a grid of allowed moves
 * from a status (row) to another (column). Fires `ec-submit` {value} with
 * the whole lifecycle; the appliance checks it as a whole.
 */
@customElement('ec-ticket-workflow-editor')
export class EcTicketWorkflowEditor extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.05rem;
      }
      .scroll {
        overflow-x: auto;
      }
      td input:not([type='checkbox']):not([type='radio']) {
        width: 100%;
        min-width: 6rem;
      }
      td.num input {
        min-width: 4.5rem;
      }
      .matrix th,
      .matrix td {
        text-align: center;
      }
      .matrix th[scope='row'] {
        text-align: start;
      }
      .actions {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) value: WorkflowValue | null = null;
  @property({ attribute: false }) error: ErrorView | null = null;
  @property({ type: Boolean }) busy = false;
  @state() private draft: WorkflowValue | null = null;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && this.value) this.draft = structuredClone(this.value);
  }

  override render() {
    const t = this.i18n;
    const d = this.draft;
    if (!t || !d) return nothing;
    const saved = new Set(this.value?.statuses.map((s) => s.code));
    return html`<section class="card">
        <h2>${t.t('admin.ts.statuses')}</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>${t.t('admin.code')}</th>
                <th>${t.t('admin.nameAz')}</th>
                <th>${t.t('admin.nameEn')}</th>
                <th>${t.t('admin.nameRu')}</th>
                <th>${t.t('admin.ts.kind')}</th>
                <th>${t.t('admin.ts.initial')}</th>
                <th>${t.t('admin.ts.reopen')}</th>
                <th>${t.t('admin.active')}</th>
                <th>${t.t('admin.sort')}</th>
                <th><span class="visually-hidden">${t.t('admin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${d.statuses.map((s, i) => this.#status(s, i, saved.has(s.code)))}
            </tbody>
          </table>
        </div>
        <button type="button" class="small" data-action="add-status" @click=${this.#add}>+ ${t.t('admin.ts.addStatus')}</button>
      </section>
      <section class="card">
        <h2>${t.t('admin.ts.transitions')}</h2>
        <p class="hint">${t.t('admin.ts.transitionsHint')}</p>
        <div class="scroll">${this.#matrix(d)}</div>
      </section>
      <ec-error-message .error=${unplaced(this.error, d.statuses.map((_, i) => `statuses.${i}`))}></ec-error-message>
      <div class="actions">
        <button type="button" @click=${() => (this.draft = structuredClone(this.value))} ?disabled=${this.busy}>${t.t('admin.ts.undo')}</button>
        <button type="button" class="primary" data-action="save-workflow" ?disabled=${this.busy} @click=${this.#save}>${t.t('common.save')}</button>
      </div>`;
  }

  #status(s: WorkflowStatus, i: number, saved: boolean) {
    const t = this.i18n;
    const issues = issuesAt(this.error, [`statuses.${i}`]);
    const name = (lang: 'az' | 'en' | 'ru') =>
      html`<td><input name="name-${lang}" aria-label="${t.t('admin.name')} (${lang})" .value=${s.name[lang] ?? ''} @input=${(e: Event) => this.#set(i, { name: { ...s.name, [lang]: (e.target as HTMLInputElement).value } })} /></td>`;
    return html`<tr data-status=${s.code || `new-${i}`}>
        <td>
          ${saved
            ? html`<code>${s.code}</code>`
            : html`<input name="code" aria-label=${t.t('admin.code')} autocomplete="off" .value=${s.code} @input=${(e: Event) => this.#rename(i, (e.target as HTMLInputElement).value.trim())} />`}
        </td>
        ${name('az')}${name('en')}${name('ru')}
        <td>
          <select name="kind" aria-label=${t.t('admin.ts.kind')} @change=${(e: Event) => this.#set(i, { kind: (e.target as HTMLSelectElement).value as WorkflowStatus['kind'] })}>
            ${STATUS_KINDS.map((k) => html`<option value=${k} ?selected=${k === s.kind}>${t.t(`admin.ts.kind.${k}` as MessageKey)}</option>`)}
          </select>
        </td>
        <td><input type="radio" name="initial" aria-label=${t.t('admin.ts.initial')} .checked=${s.initial} @change=${() => this.#initial(i)} /></td>
        <td><input type="checkbox" name="allowReopen" aria-label=${t.t('admin.ts.reopen')} .checked=${s.allowReopen} @change=${(e: Event) => this.#set(i, { allowReopen: (e.target as HTMLInputElement).checked })} /></td>
        <td><input type="checkbox" name="active" aria-label=${t.t('admin.active')} .checked=${s.active} @change=${(e: Event) => this.#set(i, { active: (e.target as HTMLInputElement).checked })} /></td>
        <td class="num"><input type="number" name="sort" min="0" max="10000" aria-label=${t.t('admin.sort')} .value=${String(s.sort)} @change=${(e: Event) => this.#set(i, { sort: Number((e.target as HTMLInputElement).value) })} /></td>
        <td><button type="button" class="small danger" data-action="remove-status" aria-label=${t.t('admin.ts.removeStatus', { code: s.code })} @click=${() => this.#remove(i)}>✕</button></td>
      </tr>
      ${issues.length ? html`<tr><td colspan="10">${fieldError(`statuses.${i}`, issues)}</td></tr>` : nothing}`;
  }

  #matrix(d: WorkflowValue) {
    const t = this.i18n;
    const codes = d.statuses.map((s) => s.code).filter(Boolean);
    const has = (from: string, to: string) => d.transitions.some((x) => x.from === from && x.to === to);
    return html`<table class="matrix" data-field="transitions">
      <thead>
        <tr>
          <th>${t.t('admin.ts.fromTo')}</th>
          ${codes.map((c) => html`<th scope="col">${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${codes.map(
          (from) => html`<tr>
            <th scope="row">${from}</th>
            ${codes.map(
              (to) => html`<td>
                ${from === to
                  ? html`<span aria-hidden="true">—</span>`
                  : html`<input
                      type="checkbox"
                      data-transition="${from}>${to}"
                      aria-label=${t.t('admin.ts.transition', { from, to })}
                      .checked=${has(from, to)}
                      @change=${(e: Event) => this.#toggle(from, to, (e.target as HTMLInputElement).checked)}
                    />`}
              </td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #set(i: number, patch: Partial<WorkflowStatus>) {
    const d = this.draft!;
    this.draft = { ...d, statuses: d.statuses.map((s, j) => (j === i ? { ...s, ...patch } : s)) };
  }

  /** A new status's code may change until saved; its transitions follow it. */
  #rename(i: number, code: string) {
    const d = this.draft!;
    const old = d.statuses[i].code;
    const move = (c: string) => (c === old ? code : c);
    this.draft = { statuses: d.statuses.map((s, j) => (j === i ? { ...s, code } : s)), transitions: d.transitions.map((x) => ({ from: move(x.from), to: move(x.to) })) };
  }

  #initial(i: number) {
    const d = this.draft!;
    this.draft = { ...d, statuses: d.statuses.map((s, j) => ({ ...s, initial: j === i })) };
  }

  #toggle(from: string, to: string, on: boolean) {
    const d = this.draft!;
    const rest = d.transitions.filter((x) => !(x.from === from && x.to === to));
    this.draft = { ...d, transitions: on ? [...rest, { from, to }] : rest };
  }

  #add() {
    const d = this.draft!;
    this.draft = { ...d, statuses: [...d.statuses, { code: '', name: { az: '' }, kind: 'open', initial: false, allowReopen: false, active: true, sort: (d.statuses.at(-1)?.sort ?? 0) + 10 }] };
  }

  #remove(i: number) {
    const d = this.draft!;
    const code = d.statuses[i].code;
    this.draft = { statuses: d.statuses.filter((_, j) => j !== i), transitions: d.transitions.filter((x) => x.from !== code && x.to !== code) };
  }

  #save() {
    const d = this.draft!;
    const codes = new Set(d.statuses.map((s) => s.code));
    const value: WorkflowValue = { ...d, transitions: d.transitions.filter((x) => codes.has(x.from) && codes.has(x.to)) };
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-workflow-editor': EcTicketWorkflowEditor;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import { fieldError, fieldErrorStyles, type FieldIssues } from './field-issues.ts';

export const IVR_ACTIONS = ['queue', 'menu', 'hangup', 'repeat'] as const;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

export interface IvrOptionValue {
  digit: string;
  action: (typeof IVR_ACTIONS)[number];
  target?: string;
}

/**
 * The keys of an IVR menu: digit → a queue, another menu, hang up or
 * repeat the prompt. Issues at `options.N` show in row N. Fires
 * `ec-change` {value}.
 */
@customElement('ec-ivr-options')
export class EcIvrOptions extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.4rem;
        font-size: 0.95rem;
      }
      .row {
        display: grid;
        grid-template-columns: 6rem minmax(8rem, 1fr) minmax(10rem, 1.5fr) auto;
        gap: 0.5rem;
        align-items: end;
        padding: 0.4rem 0;
        border-bottom: 1px solid var(--ec-border, #d5dde1);
      }
      .errors {
        grid-column: 1 / -1;
      }
      .add {
        margin-top: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) value: IvrOptionValue[] = [];
  @property({ attribute: false }) queues: { value: string; label: string }[] = [];
  @property({ attribute: false }) menus: { value: string; label: string }[] = [];
  @property({ attribute: false }) issues: FieldIssues = [];

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<h3>${t.t('admin.ivr.options')}</h3>
      ${this.value.length === 0 ? html`<p class="hint">${t.t('admin.ivr.noOptions')}</p>` : nothing}
      ${this.value.map((o, i) => this.#row(o, i))}
      <button type="button" class="small add" data-action="add-option" ?disabled=${this.value.length >= 12} @click=${this.#add}>+ ${t.t('admin.ivr.addOption')}</button>`;
  }

  #row(o: IvrOptionValue, i: number) {
    const t = this.i18n;
    const issues = this.issues.filter((x) => x.path === `options.${i}` || x.path.startsWith(`options.${i}.`));
    const targets = o.action === 'queue' ? this.queues : o.action === 'menu' ? this.menus : null;
    return html`<div class="row" data-option-row=${i}>
      <label
        >${t.t('admin.ivr.digit')}
        <select name="option-digit" @change=${(e: Event) => this.#set(i, { digit: (e.target as HTMLSelectElement).value })}>
          ${DIGITS.map((d) => html`<option value=${d} ?selected=${d === o.digit}>${d}</option>`)}
        </select>
      </label>
      <label
        >${t.t('admin.ivr.action')}
        <select name="option-action" @change=${(e: Event) => this.#setAction(i, (e.target as HTMLSelectElement).value as IvrOptionValue['action'])}>
          ${IVR_ACTIONS.map((a) => html`<option value=${a} ?selected=${a === o.action}>${t.t(`admin.ivr.action.${a}` as MessageKey)}</option>`)}
        </select>
      </label>
      ${targets
        ? html`<label
            >${t.t('admin.ivr.target')}
            <select name="option-target" aria-invalid=${issues.length > 0} @change=${(e: Event) => this.#set(i, { target: (e.target as HTMLSelectElement).value })}>
              ${targets.map((q) => html`<option value=${q.value} ?selected=${q.value === o.target}>${q.label}</option>`)}
            </select>
          </label>`
        : html`<span></span>`}
      <button type="button" class="small danger" data-action="remove-option" aria-label=${t.t('admin.ivr.removeOption', { digit: o.digit })} @click=${() => this.#remove(i)}>✕</button>
      ${issues.length ? html`<div class="errors">${fieldError(`options.${i}`, issues)}</div>` : nothing}
    </div>`;
  }

  #emit(value: IvrOptionValue[]) {
    this.dispatchEvent(new CustomEvent('ec-change', { detail: { value }, bubbles: true, composed: true }));
  }

  #set(i: number, patch: Partial<IvrOptionValue>) {
    this.#emit(this.value.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  }

  /** A queue or menu option starts on the first target; hang up and repeat have none. */
  #setAction(i: number, action: IvrOptionValue['action']) {
    const first = action === 'queue' ? this.queues[0]?.value : action === 'menu' ? this.menus[0]?.value : undefined;
    this.#emit(this.value.map((o, j) => (j === i ? { digit: o.digit, action, ...(first ? { target: first } : {}) } : o)));
  }

  #add() {
    const used = new Set(this.value.map((o) => o.digit));
    const digit = DIGITS.find((d) => !used.has(d)) ?? '1';
    const target = this.queues[0]?.value;
    this.#emit([...this.value, { digit, action: 'queue', ...(target ? { target } : {}) }]);
  }

  #remove(i: number) {
    this.#emit(this.value.filter((_, j) => j !== i));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ivr-options': EcIvrOptions;
  }
}

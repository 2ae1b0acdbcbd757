import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import { fieldError, fieldErrorStyles, type FieldIssues } from './field-issues.ts';

export const FIELD_TYPES = ['text', 'number', 'date', 'choice', 'boolean'] as const;

/** A field of a request type, as the call-handling window will show it. */
export interface FieldDefinitionValue {
  key: string;
  label: string;
  type: (typeof FIELD_TYPES)[number];
  required: boolean;
  options?: string[];
}

/**
 * The fields of a request type: key, label, type, required, and the options
 * of a choice. The appliance's issues (`fields.2.key`) show in their row.
 * Fires `ec-change` {value} with the whole list.
 */
@customElement('ec-field-definitions')
export class EcFieldDefinitions extends LitElement {
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
        grid-template-columns: minmax(7rem, 1fr) minmax(9rem, 1.4fr) minmax(7rem, 0.9fr) auto minmax(9rem, 1.5fr) auto;
        gap: 0.5rem;
        align-items: end;
        padding: 0.45rem 0;
        border-bottom: 1px solid var(--ec-border, #d5dde1);
      }
      label.check {
        display: flex;
        align-items: center;
        gap: 0.3rem;
        font-weight: 500;
        padding-bottom: 0.5rem;
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
  @property({ attribute: false }) value: FieldDefinitionValue[] = [];
  /** The appliance's issues under `fields`. */
  @property({ attribute: false }) issues: FieldIssues = [];

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<h3>${t.t('admin.rt.fields')}</h3>
      <p class="hint">${t.t('admin.rt.fieldsHint')}</p>
      ${this.value.map((f, i) => this.#row(f, i))}
      <button type="button" class="small add" data-action="add-field" @click=${this.#add}>+ ${t.t('admin.rt.addField')}</button>`;
  }

  #row(f: FieldDefinitionValue, i: number) {
    const t = this.i18n;
    const at = (name: string) => this.issues.filter((x) => x.path === `fields.${i}.${name}`);
    const rowIssues = this.issues.filter((x) => x.path === `fields.${i}`);
    return html`<div class="row" data-field-row=${i}>
      <label
        >${t.t('admin.rt.key')}
        <input name="field-key" .value=${f.key} autocomplete="off" aria-invalid=${at('key').length > 0} @input=${(e: Event) => this.#set(i, { key: (e.target as HTMLInputElement).value.trim() })} />
        ${fieldError(`fields.${i}.key`, at('key'))}
      </label>
      <label
        >${t.t('admin.rt.label')}
        <input name="field-label" .value=${f.label} aria-invalid=${at('label').length > 0} @input=${(e: Event) => this.#set(i, { label: (e.target as HTMLInputElement).value })} />
        ${fieldError(`fields.${i}.label`, at('label'))}
      </label>
      <label
        >${t.t('admin.rt.type')}
        <select name="field-type" @change=${(e: Event) => this.#set(i, { type: (e.target as HTMLSelectElement).value as FieldDefinitionValue['type'] })}>
          ${FIELD_TYPES.map((type) => html`<option value=${type} ?selected=${type === f.type}>${t.t(`admin.rt.type.${type}` as MessageKey)}</option>`)}
        </select>
      </label>
      <label class="check"
        ><input type="checkbox" name="field-required" .checked=${f.required} @change=${(e: Event) => this.#set(i, { required: (e.target as HTMLInputElement).checked })} />${t.t(
          'admin.rt.required',
        )}</label
      >
      ${f.type === 'choice'
        ? html`<label
            >${t.t('admin.rt.options')}
            <input
              name="field-options"
              .value=${(f.options ?? []).join(', ')}
              aria-invalid=${at('options').length > 0}
              @change=${(e: Event) => this.#set(i, { options: (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean) })}
            />
            ${fieldError(`fields.${i}.options`, at('options'))}
          </label>`
        : html`<span></span>`}
      <button type="button" class="small danger" data-action="remove-field" aria-label=${t.t('admin.rt.removeField', { key: f.key || String(i + 1) })} @click=${() => this.#remove(i)}>✕</button>
      ${rowIssues.length ? html`<div class="errors">${fieldError(`fields.${i}`, rowIssues)}</div>` : nothing}
    </div>`;
  }

  #emit(value: FieldDefinitionValue[]) {
    this.dispatchEvent(new CustomEvent('ec-change', { detail: { value }, bubbles: true, composed: true }));
  }

  #set(i: number, patch: Partial<FieldDefinitionValue>) {
    this.#emit(this.value.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  }

  #add() {
    this.#emit([...this.value, { key: '', label: '', type: 'text', required: false }]);
  }

  #remove(i: number) {
    this.#emit(this.value.filter((_, j) => j !== i));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-field-definitions': EcFieldDefinitions;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import { fieldError, fieldErrorStyles, issuesAt, unplaced, type FieldIssues } from './field-issues.ts';
import './ec-error-message.ts';

export interface FormOption {
  value: string;
  label: string;
}

/** One input of a settings form. `name` is the key of the value and, by default, the appliance's field path. */
export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'checkbox' | 'select' | 'list' | 'checkboxes' | 'custom';
  required?: boolean;
  hint?: string;
  /** select and checkboxes. */
  options?: FormOption[];
  min?: number;
  max?: number;
  step?: number;
  /** Spans the whole row. */
  wide?: boolean;
  disabled?: boolean;
  /** The appliance's paths whose issues show at this field (default: the name). */
  paths?: string[];
  /** `custom`: renders the input; `set` changes the value. */
  render?: (value: unknown, set: (v: unknown) => void, issues: FieldIssues) => unknown;
}

export type FormValues = Record<string, unknown>;

/**
 * A settings form built from field descriptions: text, numbers, checkboxes,
 * selects, comma-separated lists, checkbox groups and custom editors. The
 * appliance's validation issues show under the field they name; the rest in
 * the error box. Fires `ec-form-input` {value} on every change, `ec-submit`
 * {value} and `ec-cancel`. Children (a preview) are shown below the fields.
 */
@customElement('ec-settings-form')
export class EcSettingsForm extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.75rem;
        font-size: 1.1rem;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
        gap: 0.8rem 1rem;
        align-items: start;
      }
      .wide {
        grid-column: 1 / -1;
      }
      textarea {
        font: inherit;
        font-weight: 400;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        min-height: 5rem;
        resize: vertical;
      }
      label.check {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.2rem 0.4rem;
        font-weight: 500;
        align-self: center;
      }
      label.check input {
        flex: none;
      }
      label.check .hint,
      label.check .field-error {
        flex-basis: 100%;
      }
      fieldset {
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        padding: 0.4rem 0.7rem;
        margin: 0;
      }
      legend {
        font-size: 0.9rem;
        font-weight: 600;
      }
      .req {
        color: var(--ec-danger, #b3261e);
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
        margin-top: 1rem;
      }
      ec-error-message,
      ::slotted(*) {
        margin-top: 0.8rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property() heading = '';
  @property({ attribute: false }) fields: FormField[] = [];
  /** The starting values (a new object resets the form). */
  @property({ attribute: false }) value: FormValues = {};
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;
  @property() submitLabel = '';

  @state() private values: FormValues = {};

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value')) this.values = { ...this.value };
  }

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const placed = this.fields.flatMap((f) => f.paths ?? [f.name]);
    return html`<form class="card" novalidate @submit=${this.#submit}>
      ${this.heading ? html`<h2>${this.heading}</h2>` : nothing}
      <div class="grid">${this.fields.map((f) => this.#field(f))}</div>
      <slot></slot>
      <ec-error-message .error=${unplaced(this.error, placed)} .fieldLabels=${Object.fromEntries(this.fields.map((f) => [f.name, f.label]))}></ec-error-message>
      <div class="actions">
        <button type="button" data-action="cancel" @click=${this.#cancel} ?disabled=${this.busy}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="save" ?disabled=${this.busy}>${this.submitLabel || t.t('common.save')}</button>
      </div>
    </form>`;
  }

  #field(f: FormField) {
    const issues = issuesAt(this.error, f.paths ?? [f.name]);
    const v = this.values[f.name];
    const invalid = issues.length ? 'true' : 'false';
    const cls = f.wide || f.type === 'textarea' || f.type === 'checkboxes' || f.type === 'custom' ? 'wide' : '';
    const mark = f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing;
    const hint = f.hint ? html`<span class="hint">${f.hint}</span>` : nothing;
    const err = fieldError(f.name, issues);
    const set = (value: unknown) => this.#set(f.name, value);
    switch (f.type) {
      case 'checkbox':
        return html`<label class="check ${cls}"
          ><input type="checkbox" name=${f.name} .checked=${v === true} ?disabled=${f.disabled} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />${f.label}
          ${hint}${err}</label
        >`;
      case 'checkboxes': {
        const chosen = Array.isArray(v) ? (v as string[]) : [];
        return html`<fieldset class=${cls} data-field=${f.name}>
          <legend>${f.label}${mark}</legend>
          ${(f.options ?? []).map(
            (o) => html`<label class="check"
              ><input
                type="checkbox"
                name=${f.name}
                value=${o.value}
                .checked=${chosen.includes(o.value)}
                @change=${(e: Event) => set((e.target as HTMLInputElement).checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />${o.label}</label
            >`,
          )}
          ${hint}${err}
        </fieldset>`;
      }
      case 'custom':
        // The editor shows its own rows' issues; only those about the whole value are shown here.
        return html`<div class=${cls} data-field=${f.name}>${f.render?.(v, set, issues)}${fieldError(f.name, issues.filter((i) => i.path === f.name))}</div>`;
      case 'select':
        return html`<label class=${cls}
           ><span>${f.label}${mark}</span>
          <select name=${f.name} aria-invalid=${invalid} ?disabled=${f.disabled} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
            ${(f.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === (v ?? '')}>${o.label}</option>`)}
          </select>
          ${hint}${err}</label
        >`;
      case 'textarea':
        return html`<label class=${cls}
          ><span>${f.label}${mark}</span>
          <textarea name=${f.name} aria-invalid=${invalid} ?disabled=${f.disabled} .value=${String(v ?? '')} @input=${(e: Event) => set((e.target as HTMLTextAreaElement).value)}></textarea>
          ${hint}${err}</label
        >`;
      default: {
        const number = f.type === 'number';
        const text = Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v);
        return html`<label class=${cls}
          ><span>${f.label}${mark}</span>
          <input
            name=${f.name}
            type=${number ? 'number' : 'text'}
            inputmode=${number ? 'decimal' : nothing}
            min=${f.min ?? nothing}
            max=${f.max ?? nothing}
            step=${f.step ?? nothing}
            autocomplete="off"
            aria-invalid=${invalid}
            ?disabled=${f.disabled}
            .value=${text}
            @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
          />
          ${hint}${err}</label
        >`;
      }
    }
  }

  /** Numbers and lists are kept as typed while editing (so "1." or "a," survive) and parsed when sent. */
  #out(): FormValues {
    const out = { ...this.values };
    for (const f of this.fields) {
      const raw = out[f.name];
      if (typeof raw !== 'string') continue;
      if (f.type === 'number') out[f.name] = raw.trim() === '' ? null : Number(raw);
      if (f.type === 'list')
        out[f.name] = raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
    }
    return out;
  }

  #set(name: string, value: unknown) {
    this.values = { ...this.values, [name]: value };
    this.dispatchEvent(new CustomEvent('ec-form-input', { detail: { value: this.#out() }, bubbles: true, composed: true }));
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value: this.#out() }, bubbles: true, composed: true }));
  }

  #cancel() {
    this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-settings-form': EcSettingsForm;
  }
}

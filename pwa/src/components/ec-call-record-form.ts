import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FieldDefinition, ReferenceBundle } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

type FieldValue = string | number | boolean | null;

/** What `ec-submit` carries: the window adds the call's id, number and contact. */
export interface CallRecordFormValue {
  requestTypeId: string;
  classificationId: string;
  subClassificationId: string | null;
  cityId: string | null;
  districtId: string | null;
  note: string;
  fields: Record<string, FieldValue>;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * The call-handling window's record: note, request type → classification →
 * sub-classification (changing a level clears the ones below), city →
 * district, and the request type's own fields with their required marks.
 * Choosing a type and a classification is checked here; everything else is
 * the appliance's to judge, and its messages appear under the fields they
 * name. Fires `ec-submit` {value} and `ec-request-type` {requestTypeId}.
 */
@customElement('ec-call-record-form')
export class EcCallRecordForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
        gap: 0.7rem 1rem;
        align-items: start;
      }
      textarea {
        font: inherit;
        font-weight: 400;
        width: 100%;
        min-height: 4.5rem;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        resize: vertical;
      }
      .full {
        grid-column: 1 / -1;
      }
      .req {
        color: var(--ec-danger, #b3261e);
      }
      .field-error {
        color: var(--ec-danger, #b3261e);
        font-weight: 500;
        font-size: 0.82rem;
      }
      [aria-invalid='true'] {
        border-color: var(--ec-danger, #b3261e);
      }
      label.check {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
        justify-content: flex-end;
        margin-top: 0.9rem;
      }
      ec-error-message {
        margin-top: 0.7rem;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0.9rem 0 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) bundle: ReferenceBundle | null = null;
  @property({ type: Boolean }) busy = false;
  /** The appliance's refusal of the last save. */
  @property({ attribute: false }) error: ErrorView | null = null;
  /** Offer "Create request" (the user may create requests). */
  @property({ type: Boolean }) canCreateTicket = false;

  @state() private requestTypeId = '';
  @state() private classificationId = '';
  @state() private subClassificationId = '';
  @state() private cityId = '';
  @state() private districtId = '';
  @state() private note = '';
  @state() private fields: Record<string, FieldValue> = {};
  /** The form's own checks (a type and a classification must be chosen). */
  @state() private local: Record<string, string> = {};

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const b = this.bundle;
    if (!b) return html`<p class="muted" data-field="no-reference">${t.t('record.noReference')}</p>`;
    const type = b.requestTypes.find((r) => r.id === this.requestTypeId) ?? null;
    const classes = b.classifications.filter((c) => c.active && c.requestTypeId === this.requestTypeId && c.parentId === null).sort(byName);
    const subs = b.classifications.filter((c) => c.active && this.classificationId && c.parentId === this.classificationId).sort(byName);
    const cities = b.locations.filter((l) => l.active && l.cityId === null).sort(byName);
    const districts = b.locations.filter((l) => l.active && this.cityId && l.cityId === this.cityId).sort(byName);
    const issues = this.#issues();
    return html`<form novalidate data-form="call-record" @submit=${this.#submit}>
      <div class="grid">
        ${this.#select('requestTypeId', t.t('record.requestType'), true, this.requestTypeId, b.requestTypes.filter((r) => r.active).sort(byName), issues, (v) => this.#setType(v))}
        ${this.#select('classificationId', t.t('record.classification'), true, this.classificationId, classes, issues, (v) => {
          this.classificationId = v;
          this.subClassificationId = '';
        }, !this.requestTypeId)}
        ${this.#select('subClassificationId', t.t('record.subClassification'), false, this.subClassificationId, subs, issues, (v) => (this.subClassificationId = v), subs.length === 0)}
        ${this.#select('cityId', t.t('record.city'), false, this.cityId, cities, issues, (v) => {
          this.cityId = v;
          this.districtId = '';
        })}
        ${this.#select('districtId', t.t('record.district'), false, this.districtId, districts, issues, (v) => (this.districtId = v), districts.length === 0)}
        <label class="full"
          >${t.t('record.note')}
          <textarea name="note" maxlength="5000" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
          ${this.#issue(issues, 'note')}
        </label>
      </div>
      ${type && type.fields.length
        ? html`<h3>${t.t('record.fields', { type: type.name })}</h3>
            <div class="grid" data-field="type-fields">${type.fields.map((f) => this.#field(f, issues))}</div>`
        : nothing}
      <ec-error-message .error=${this.error} .fieldLabels=${this.#labels(type?.fields ?? [])}></ec-error-message>
      <div class="actions">
        ${this.canCreateTicket ? html`<button type="button" data-action="create-ticket" @click=${this.#createTicket}>${t.t('record.createTicket')}</button>` : nothing}
        <button type="submit" class="primary" data-action="save-record" ?disabled=${this.busy}>${t.t('common.save')}</button>
      </div>
    </form>`;
  }

  /**
   * A select shows its state even after the user picked another option:
   * once an option was chosen by hand, its \`selected\` attribute no longer
   * decides (HTML's "dirtiness"), so the value is set as a property.
   */
  protected override updated(): void {
    const values: Record<string, string> = {
      requestTypeId: this.requestTypeId,
      classificationId: this.classificationId,
      subClassificationId: this.subClassificationId,
      cityId: this.cityId,
      districtId: this.districtId,
    };
    for (const [k, v] of Object.entries(this.fields)) if (typeof v === 'string' || v === null) values[`fields.${k}`] = v ?? '';
    for (const el of this.renderRoot.querySelectorAll('select')) {
      const v = values[el.name];
      if (v !== undefined && el.value !== v) el.value = v;
    }
  }

  #select(
    name: string,
    label: string,
    required: boolean,
    value: string,
    options: { id: string; name: string }[],
    issues: Map<string, string>,
    set: (v: string) => void,
    disabled = false,
  ) {
    const t = this.i18n;
    const problem = issues.get(name);
    return html`<label
      >${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}
      <select
        name=${name}
        ?disabled=${disabled}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${problem ? 'true' : 'false'}
        @change=${(e: Event) => {
          set((e.target as HTMLSelectElement).value);
          this.local = {};
        }}
      >
        <option value="" ?selected=${value === ''}>${t.t('record.choose')}</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
      </select>
      ${problem ? html`<span class="field-error" data-error-for=${name}>${problem}</span>` : nothing}
    </label>`;
  }

  #field(f: FieldDefinition, issues: Map<string, string>) {
    const t = this.i18n;
    const key = `fields.${f.key}`;
    const value = this.fields[f.key];
    const problem = issues.get(key);
    const common = { name: key, invalid: problem ? 'true' : 'false', required: f.required ? 'true' : 'false' };
    const set = (v: FieldValue) => {
      this.fields = { ...this.fields, [f.key]: v };
    };
    const mark = f.required ? html` <span class="req" aria-hidden="true">*</span>` : nothing;
    const err = problem ? html`<span class="field-error" data-error-for=${key}>${problem}</span>` : nothing;
    if (f.type === 'boolean') {
      return html`<label class="check"
        ><input type="checkbox" name=${common.name} .checked=${value === true} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />${f.label}${mark}${err}</label
      >`;
    }
    if (f.type === 'choice') {
      return html`<label
        >${f.label}${mark}
        <select name=${common.name} aria-required=${common.required} aria-invalid=${common.invalid} @change=${(e: Event) => set((e.target as HTMLSelectElement).value || null)}>
          <option value="" ?selected=${!value}>${t.t('record.choose')}</option>
          ${(f.options ?? []).map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
        </select>
        ${err}
      </label>`;
    }
    const inputType = f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text';
    return html`<label
      >${f.label}${mark}
      <input
        type=${inputType}
        name=${common.name}
        step=${f.type === 'number' ? 'any' : nothing}
        maxlength=${f.type === 'text' ? 2000 : nothing}
        aria-required=${common.required}
        aria-invalid=${common.invalid}
        .value=${value === null || value === undefined ? '' : String(value)}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          set(raw === '' ? null : f.type === 'number' ? Number(raw) : raw);
        }}
      />
      ${err}
    </label>`;
  }

  /** Field problems by name: the form's own first, then the appliance's (paths such as `fields.amount`). */
  #issues(): Map<string, string> {
    const m = new Map<string, string>();
    for (const f of this.error?.fields ?? []) if (!m.has(f.path)) m.set(f.path, f.message);
    for (const [k, v] of Object.entries(this.local)) m.set(k, v);
    return m;
  }

  #issue(issues: Map<string, string>, name: string) {
    const p = issues.get(name);
    return p ? html`<span class="field-error" data-error-for=${name}>${p}</span>` : nothing;
  }

  #labels(fields: FieldDefinition[]): Record<string, string> {
    const t = this.i18n;
    const labels: Record<string, string> = {
      requestTypeId: t.t('record.requestType'),
      classificationId: t.t('record.classification'),
      subClassificationId: t.t('record.subClassification'),
      cityId: t.t('record.city'),
      districtId: t.t('record.district'),
      note: t.t('record.note'),
    };
    for (const f of fields) labels[`fields.${f.key}`] = f.label;
    return labels;
  }

  #setType(id: string) {
    this.requestTypeId = id;
    this.classificationId = '';
    this.subClassificationId = '';
    // Another type has other fields: values typed for the old one must not be sent with the new.
    this.fields = {};
    this.dispatchEvent(new CustomEvent('ec-request-type', { detail: { requestTypeId: id || null }, bubbles: true, composed: true }));
  }

  /** A request pre-filled with what is chosen so far; the window shows the request form (issue 7). */
  #createTicket() {
    const type = this.bundle?.requestTypes.find((r) => r.id === this.requestTypeId);
    const keys = new Set((type?.fields ?? []).map((f) => f.key));
    const value: CallRecordFormValue = {
      requestTypeId: this.requestTypeId,
      classificationId: this.classificationId,
      subClassificationId: this.subClassificationId || null,
      cityId: this.cityId || null,
      districtId: this.districtId || null,
      note: this.note.trim(),
      fields: Object.fromEntries(Object.entries(this.fields).filter(([k, v]) => keys.has(k) && v !== null && v !== '')),
    };
    this.dispatchEvent(new CustomEvent('ec-create-ticket', { detail: { value }, bubbles: true, composed: true }));
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n;
    const local: Record<string, string> = {};
    if (!this.requestTypeId) local.requestTypeId = t.t('record.chooseType');
    if (!this.classificationId) local.classificationId = t.t('record.chooseClassification');
    this.local = local;
    if (Object.keys(local).length) return;
    const type = this.bundle?.requestTypes.find((r) => r.id === this.requestTypeId);
    const keys = new Set((type?.fields ?? []).map((f) => f.key));
    const fields = Object.fromEntries(Object.entries(this.fields).filter(([k, v]) => keys.has(k) && v !== null && v !== ''));
    const value: CallRecordFormValue = {
      requestTypeId: this.requestTypeId,
      classificationId: this.classificationId,
      subClassificationId: this.subClassificationId || null,
      cityId: this.cityId || null,
      districtId: this.districtId || null,
      note: this.note.trim(),
      fields,
    };
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-record-form': EcCallRecordForm;
  }
}

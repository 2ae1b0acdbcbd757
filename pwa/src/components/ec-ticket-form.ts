import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FieldDefinition, ReferenceBundle } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { channelLabel } from '../i18n/ticket-labels.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

type FieldValue = string | number | boolean | null;

/** What `ec-submit` carries; the host adds the call, the number and the contact. */
export interface TicketFormValue {
  channel: string;
  requestTypeId: string;
  classificationId: string;
  subClassificationId: string | null;
  cityId: string | null;
  districtId: string | null;
  subject: string;
  description: string;
  fields: Record<string, FieldValue>;
  customerName: string;
  customerEmail: string | null;
  number: string | null;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * The request form: its request type decides the fields (required marks,
 * types, choice lists) and, through its template, the description the host
 * pre-fills (`prefill`, until the user types their own). Outside a call it
 * also asks where the request came from and who asked. The appliance judges
 * the rest; its messages appear under the fields they name. Fires
 * `ec-submit` {value}, `ec-cancel` and `ec-request-type` {requestTypeId, classificationId}.
 */
@customElement('ec-ticket-form')
export class EcTicketForm extends LitElement {
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
      .full {
        grid-column: 1 / -1;
      }
      textarea {
        font: inherit;
        font-weight: 400;
        width: 100%;
        min-height: 6rem;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        resize: vertical;
      }
      .req,
      .field-error {
        color: var(--ec-danger, #b3261e);
      }
      .field-error {
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
      h3 {
        font-size: 0.95rem;
        margin: 0.9rem 0 0.5rem;
      }
      .actions {
        display: flex;
        gap: 0.6rem;
        justify-content: flex-end;
        margin-top: 0.9rem;
      }
      ec-error-message {
        margin-top: 0.7rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) bundle: ReferenceBundle | null = null;
  /** Starting values (from the call-handling window, a contact card). */
  @property({ attribute: false }) initial: Partial<TicketFormValue> = {};
  /** The type's template, filled by the appliance: used until the user types a subject or description of their own. */
  @property({ attribute: false }) prefill: { subject: string; description: string } | null = null;
  /** Outside a call: channel, who asked, their number. */
  @property({ type: Boolean }) standalone = false;
  /** Channels offered when standalone. */
  @property({ attribute: false }) channels: string[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;

  @state() private v: TicketFormValue = {
    channel: 'walk_in',
    requestTypeId: '',
    classificationId: '',
    subClassificationId: null,
    cityId: null,
    districtId: null,
    subject: '',
    description: '',
    fields: {},
    customerName: '',
    customerEmail: null,
    number: null,
  };
  @state() private touched = new Set<string>();
  @state() private local: Record<string, string> = {};
  #started = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#started) {
      this.#started = true;
      this.v = { ...this.v, ...Object.fromEntries(Object.entries(this.initial).filter(([, x]) => x !== undefined)) };
      if (this.v.requestTypeId) queueMicrotask(() => this.#announce());
    }
    if (changed.has('prefill') && this.prefill) {
      const p = this.prefill;
      // The user's own words win; a note typed in the call window is kept under the template.
      const note = this.initial.description?.trim() ?? '';
      this.v = {
        ...this.v,
        subject: this.touched.has('subject') ? this.v.subject : p.subject,
        description: this.touched.has('description') ? this.v.description : [p.description, note].filter(Boolean).join('\n\n'),
      };
    }
  }

  protected override updated(): void {
    // Selects keep the chosen option after the user picked another (HTML's dirtiness): set values as properties.
    const values: Record<string, string> = {
      channel: this.v.channel,
      requestTypeId: this.v.requestTypeId,
      classificationId: this.v.classificationId,
      subClassificationId: this.v.subClassificationId ?? '',
      cityId: this.v.cityId ?? '',
      districtId: this.v.districtId ?? '',
    };
    for (const [k, x] of Object.entries(this.v.fields)) if (typeof x === 'string' || x === null) values[`fields.${k}`] = x ?? '';
    for (const el of this.renderRoot.querySelectorAll('select')) {
      const x = values[el.name];
      if (x !== undefined && el.value !== x) el.value = x;
    }
  }

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const b = this.bundle;
    if (!b) return html`<p class="muted">${t.t('record.noReference')}</p>`;
    const v = this.v;
    const type = b.requestTypes.find((r) => r.id === v.requestTypeId) ?? null;
    const classes = b.classifications.filter((c) => c.active && c.requestTypeId === v.requestTypeId && c.parentId === null).sort(byName);
    const subs = b.classifications.filter((c) => c.active && v.classificationId && c.parentId === v.classificationId).sort(byName);
    const cities = b.locations.filter((l) => l.active && l.cityId === null).sort(byName);
    const districts = b.locations.filter((l) => l.active && v.cityId && l.cityId === v.cityId).sort(byName);
    const issues = this.#issues();
    return html`<form novalidate data-form="ticket" @submit=${this.#submit}>
      <div class="grid">
        ${this.standalone
          ? html`${this.#select('channel', t.t('tickets.field.channel'), true, this.channels.map((c) => ({ id: c, name: channelLabel(t, c) })), issues, (x) => this.#set({ channel: x }), false, false)}
              ${this.#text('customerName', t.t('tickets.field.customerName'), v.customerName, issues, (x) => this.#set({ customerName: x }))}
              ${this.#text('number', t.t('tickets.field.number'), v.number ?? '', issues, (x) => this.#set({ number: x.trim() || null }), 'tel')}
              ${this.#text('customerEmail', t.t('tickets.field.customerEmail'), v.customerEmail ?? '', issues, (x) => this.#set({ customerEmail: x.trim() || null }), 'email')}`
          : nothing}
        ${this.#select('requestTypeId', t.t('record.requestType'), true, b.requestTypes.filter((r) => r.active).sort(byName), issues, (x) => this.#setType(x))}
        ${this.#select('classificationId', t.t('record.classification'), true, classes, issues, (x) => {
          this.#set({ classificationId: x, subClassificationId: null });
          this.#announce();
        }, !v.requestTypeId)}
        ${this.#select('subClassificationId', t.t('record.subClassification'), false, subs, issues, (x) => this.#set({ subClassificationId: x || null }), subs.length === 0)}
        ${this.#select('cityId', t.t('record.city'), false, cities, issues, (x) => this.#set({ cityId: x || null, districtId: null }))}
        ${this.#select('districtId', t.t('record.district'), false, districts, issues, (x) => this.#set({ districtId: x || null }), districts.length === 0)}
        <span class="full">${this.#text('subject', t.t('tickets.field.subject'), v.subject, issues, (x) => this.#set({ subject: x }, 'subject'))}</span>
        <label class="full"
          >${t.t('tickets.field.description')}
          <textarea name="description" maxlength="10000" .value=${v.description} @input=${(e: Event) => this.#set({ description: (e.target as HTMLTextAreaElement).value }, 'description')}></textarea>
          ${this.#issue(issues, 'description')}
        </label>
      </div>
      ${type && type.fields.length
        ? html`<h3>${t.t('record.fields', { type: type.name })}</h3>
            <div class="grid" data-field="type-fields">${type.fields.map((f) => this.#field(f, issues))}</div>`
        : nothing}
      <ec-error-message .error=${this.error}></ec-error-message>
      <div class="actions">
        <button type="button" data-action="cancel-ticket" @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="save-ticket" ?disabled=${this.busy}>${t.t('tickets.create')}</button>
      </div>
    </form>`;
  }

  #set(patch: Partial<TicketFormValue>, touched?: string) {
    this.v = { ...this.v, ...patch };
    if (touched) this.touched = new Set([...this.touched, touched]);
    this.local = {};
  }

  #setType(id: string) {
    // Another type has other fields and another template.
    this.#set({ requestTypeId: id, classificationId: '', subClassificationId: null, fields: {} });
    this.#announce();
  }

  #announce() {
    this.dispatchEvent(new CustomEvent('ec-request-type', { detail: { requestTypeId: this.v.requestTypeId || null, classificationId: this.v.classificationId || null }, bubbles: true, composed: true }));
  }

  #select(name: string, label: string, required: boolean, options: { id: string; name: string }[], issues: Map<string, string>, set: (v: string) => void, disabled = false, empty = true) {
    const t = this.i18n;
    const problem = issues.get(name);
    const value = String((this.v as unknown as Record<string, unknown>)[name] ?? '');
    return html`<label
      >${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}
      <select name=${name} ?disabled=${disabled} aria-required=${required ? 'true' : 'false'} aria-invalid=${problem ? 'true' : 'false'} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        ${empty ? html`<option value="" ?selected=${value === ''}>${t.t('record.choose')}</option>` : nothing}
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.name}</option>`)}
      </select>
      ${problem ? html`<span class="field-error" data-error-for=${name}>${problem}</span>` : nothing}
    </label>`;
  }

  #text(name: string, label: string, value: string, issues: Map<string, string>, set: (v: string) => void, type = 'text') {
    const problem = issues.get(name);
    return html`<label
      >${label}
      <input type=${type} name=${name} maxlength="200" .value=${value} aria-invalid=${problem ? 'true' : 'false'} @input=${(e: Event) => set((e.target as HTMLInputElement).value)} />
      ${problem ? html`<span class="field-error" data-error-for=${name}>${problem}</span>` : nothing}
    </label>`;
  }

  #field(f: FieldDefinition, issues: Map<string, string>) {
    const t = this.i18n;
    const key = `fields.${f.key}`;
    const value = this.v.fields[f.key];
    const problem = issues.get(key);
    const set = (x: FieldValue) => this.#set({ fields: { ...this.v.fields, [f.key]: x } });
    const mark = f.required ? html` <span class="req" aria-hidden="true">*</span>` : nothing;
    const err = problem ? html`<span class="field-error" data-error-for=${key}>${problem}</span>` : nothing;
    if (f.type === 'boolean') {
      return html`<label class="check"><input type="checkbox" name=${key} .checked=${value === true} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />${f.label}${mark}${err}</label>`;
    }
    if (f.type === 'choice') {
      return html`<label
        >${f.label}${mark}
        <select name=${key} aria-required=${f.required ? 'true' : 'false'} aria-invalid=${problem ? 'true' : 'false'} @change=${(e: Event) => set((e.target as HTMLSelectElement).value || null)}>
          <option value="" ?selected=${!value}>${t.t('record.choose')}</option>
          ${(f.options ?? []).map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
        </select>
        ${err}
      </label>`;
    }
    return html`<label
      >${f.label}${mark}
      <input
        type=${f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
        name=${key}
        step=${f.type === 'number' ? 'any' : nothing}
        aria-required=${f.required ? 'true' : 'false'}
        aria-invalid=${problem ? 'true' : 'false'}
        .value=${value === null || value === undefined ? '' : String(value)}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          set(raw === '' ? null : f.type === 'number' ? Number(raw) : raw);
        }}
      />
      ${err}
    </label>`;
  }

  #issues(): Map<string, string> {
    const m = new Map<string, string>();
    for (const f of this.error?.fields ?? []) if (!m.has(f.path)) m.set(f.path, f.message);
    for (const [k, x] of Object.entries(this.local)) m.set(k, x);
    return m;
  }

  #issue(issues: Map<string, string>, name: string) {
    const p = issues.get(name);
    return p ? html`<span class="field-error" data-error-for=${name}>${p}</span>` : nothing;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n;
    const local: Record<string, string> = {};
    if (!this.v.requestTypeId) local.requestTypeId = t.t('record.chooseType');
    if (!this.v.classificationId) local.classificationId = t.t('record.chooseClassification');
    this.local = local;
    if (Object.keys(local).length) return;
    const type = this.bundle?.requestTypes.find((r) => r.id === this.v.requestTypeId);
    const keys = new Set((type?.fields ?? []).map((f) => f.key));
    const fields = Object.fromEntries(Object.entries(this.v.fields).filter(([k, x]) => keys.has(k) && x !== null && x !== ''));
    const value: TicketFormValue = { ...this.v, subject: this.v.subject.trim(), description: this.v.description.trim(), customerName: this.v.customerName.trim(), fields };
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-form': EcTicketForm;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Location } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

/** The contact fields the form edits (a structural subset of the appliance's contact). */
export interface ContactFormContact {
  name: string;
  phones: string[];
  email: string | null;
  cityId: string | null;
  districtId: string | null;
  address: string;
  note: string;
}

export type ContactFormValue = ContactFormContact;

const EMPTY: ContactFormContact = { name: '', phones: [], email: null, cityId: null, districtId: null, address: '', note: '' };
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * Create or edit a contact: name, up to five phone numbers (one per line or
 * separated by commas), e-mail, city → district, address and note. Used by
 * the contacts panel and, pre-filled with the caller's number, by the
 * call-handling window. Fires `ec-submit` {value} and `ec-cancel`.
 */
@customElement('ec-contact-form')
export class EcContactForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.6rem;
        font-size: 1rem;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
        gap: 0.7rem 1rem;
      }
      textarea {
        font: inherit;
        font-weight: 400;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        min-height: 2.6rem;
        resize: vertical;
      }
      .full {
        grid-column: 1 / -1;
      }
      .req,
      .field-error {
        color: var(--ec-danger, #b3261e);
      }
      .field-error {
        font-weight: 500;
        font-size: 0.82rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
        margin-top: 0.8rem;
      }
      ec-error-message {
        margin-top: 0.7rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  /** The contact to edit, or the pre-filled values of a new one. */
  @property({ attribute: false }) contact: ContactFormContact | null = null;
  @property() mode: 'create' | 'edit' = 'create';
  @property({ attribute: false }) locations: Location[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;
  @property({ type: Boolean }) cancellable = true;

  @state() private cityId = '';
  @state() private local: Record<string, string> = {};

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('contact')) this.cityId = this.contact?.cityId ?? '';
  }

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const c = this.contact ?? EMPTY;
    const cities = this.locations.filter((l) => l.active && l.cityId === null).sort(byName);
    const districts = this.locations.filter((l) => l.active && this.cityId && l.cityId === this.cityId).sort(byName);
    const issues = new Map<string, string>();
    for (const f of this.error?.fields ?? []) {
      const key = f.path.startsWith('phones') ? 'phones' : f.path;
      if (!issues.has(key)) issues.set(key, f.message);
    }
    for (const [k, v] of Object.entries(this.local)) issues.set(k, v);
    const err = (name: string) => (issues.has(name) ? html`<span class="field-error" data-error-for=${name}>${issues.get(name)}</span>` : nothing);
    return html`<form novalidate data-form="contact" @submit=${this.#submit}>
      <h3>${this.mode === 'edit' ? t.t('contacts.editTitle', { name: c.name }) : t.t('contacts.createTitle')}</h3>
      <div class="grid">
        <label
          >${t.t('contacts.name')} <span class="req" aria-hidden="true">*</span>
          <input name="name" required maxlength="200" autocomplete="off" .value=${c.name} aria-invalid=${issues.has('name') ? 'true' : 'false'} />${err('name')}
        </label>
        <label
          >${t.t('contacts.phones')} <span class="req" aria-hidden="true">*</span>
          <textarea name="phones" rows="2" .value=${c.phones.join('\n')} aria-invalid=${issues.has('phones') ? 'true' : 'false'}></textarea>
          <span class="hint">${t.t('contacts.phonesHint')}</span>${err('phones')}
        </label>
        <label>${t.t('contacts.email')}<input name="email" type="email" maxlength="200" .value=${c.email ?? ''} />${err('email')}</label>
        <label
          >${t.t('record.city')}
          <select name="cityId" @change=${(e: Event) => (this.cityId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.cityId}>${t.t('record.choose')}</option>
            ${cities.map((l) => html`<option value=${l.id} ?selected=${l.id === this.cityId}>${l.name}</option>`)}
          </select>
        </label>
        <label
          >${t.t('record.district')}
          <select name="districtId" ?disabled=${districts.length === 0}>
            <option value="">${t.t('record.choose')}</option>
            ${districts.map((l) => html`<option value=${l.id} ?selected=${l.id === c.districtId}>${l.name}</option>`)}
          </select>
        </label>
        <label>${t.t('contacts.address')}<input name="address" maxlength="300" .value=${c.address} />${err('address')}</label>
        <label class="full">${t.t('record.note')}<textarea name="note" maxlength="2000" .value=${c.note}></textarea>${err('note')}</label>
      </div>
      <ec-error-message .error=${this.error} .fieldLabels=${{ name: t.t('contacts.name'), email: t.t('contacts.email'), address: t.t('contacts.address'), note: t.t('record.note') }}></ec-error-message>
      <div class="actions">
        ${this.cancellable ? html`<button type="button" data-action="cancel-contact" @click=${this.#cancel}>${t.t('common.cancel')}</button>` : nothing}
        <button type="submit" class="primary" data-action="save-contact" ?disabled=${this.busy}>${t.t('common.save')}</button>
      </div>
    </form>`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n;
    const data = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const phones = text('phones')
      .split(/[\n,;]+/)
      .map((p) => p.trim())
      .filter(Boolean);
    const local: Record<string, string> = {};
    if (!text('name')) local.name = t.t('contacts.nameRequired');
    if (phones.length === 0) local.phones = t.t('contacts.phoneRequired');
    this.local = local;
    if (Object.keys(local).length) return;
    const value: ContactFormValue = {
      name: text('name'),
      phones,
      email: text('email') || null,
      cityId: text('cityId') || null,
      districtId: text('districtId') || null,
      address: text('address'),
      note: text('note'),
    };
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value }, bubbles: true, composed: true }));
  }

  #cancel() {
    this.local = {};
    this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-contact-form': EcContactForm;
  }
}

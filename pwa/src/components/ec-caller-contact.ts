import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Contact, Location } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * Who is calling: the contact card when one contact has the number (or one
 * was chosen), a choice when several do. Fires `ec-contact-choose` {id}
 * (null: choose again) and `ec-contact-edit` {id}.
 */
@customElement('ec-caller-contact')
export class EcCallerContact extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .name {
        font-size: 1.15rem;
        font-weight: 700;
        margin: 0 0 0.4rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.9rem;
        margin: 0 0 0.6rem;
        font-size: 0.92rem;
      }
      dt {
        color: var(--ec-muted, #5b6b73);
      }
      dd {
        margin: 0;
        white-space: pre-line;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.4rem 0 0;
        display: grid;
        gap: 0.4rem;
      }
      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.6rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        padding: 0.4rem 0.6rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) contacts: Contact[] = [];
  @property({ attribute: false }) selectedId: string | null = null;
  @property({ attribute: false }) locations: Location[] = [];
  /** The contact cannot be changed (offline, or no contacts:write). */
  @property({ type: Boolean }) readonly = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const chosen = this.contacts.find((c) => c.id === this.selectedId) ?? (this.contacts.length === 1 ? this.contacts[0] : null);
    if (chosen) return this.#card(t, chosen);
    if (this.contacts.length === 0) return html`<p class="muted" data-field="unknown-caller">${t.t('window.unknownCaller')}</p>`;
    return html`<p data-field="several-contacts">${t.t('window.severalContacts', { count: this.contacts.length })}</p>
      <ul>
        ${this.contacts.map(
          (c) => html`<li data-contact-id=${c.id}>
            <span><strong>${c.name}</strong> <span class="muted">${[c.phones.join(', '), this.#place(c)].filter(Boolean).join(' · ')}</span></span>
            <button type="button" class="small" data-action="choose-contact" @click=${() => this.#emit('ec-contact-choose', c.id)}>${t.t('window.choose')}</button>
          </li>`,
        )}
      </ul>`;
  }

  #card(t: Translator, c: Contact) {
    const place = this.#place(c);
    return html`<div data-contact-id=${c.id}>
      <p class="name" data-field="contact-name">${c.name}</p>
      <dl>
        <dt>${t.t('contacts.phones')}</dt>
        <dd data-field="contact-phones">${c.phones.join(', ')}</dd>
        ${c.email ? html`<dt>${t.t('contacts.email')}</dt><dd>${c.email}</dd>` : nothing}
        ${place ? html`<dt>${t.t('record.cityDistrict')}</dt><dd>${place}</dd>` : nothing}
        ${c.address ? html`<dt>${t.t('contacts.address')}</dt><dd>${c.address}</dd>` : nothing}
        ${c.note ? html`<dt>${t.t('record.note')}</dt><dd>${c.note}</dd>` : nothing}
      </dl>
      <div class="actions">
        ${this.readonly ? nothing : html`<button type="button" class="small" data-action="edit-contact" @click=${() => this.#emit('ec-contact-edit', c.id)}>${t.t('contacts.edit')}</button>`}
        ${this.contacts.length > 1
          ? html`<button type="button" class="small" data-action="choose-again" @click=${() => this.#emit('ec-contact-choose', null)}>${t.t('window.chooseAnother')}</button>`
          : nothing}
      </div>
    </div>`;
  }

  #place(c: Contact): string {
    const name = (id: string | null) => (id ? this.locations.find((l) => l.id === id)?.name : undefined);
    return [name(c.cityId), name(c.districtId)].filter(Boolean).join(' / ');
  }

  #emit(type: string, id: string | null) {
    this.dispatchEvent(new CustomEvent(type, { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-caller-contact': EcCallerContact;
  }
}

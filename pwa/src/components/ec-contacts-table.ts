import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Contact, Location } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

/**
 * A page of contacts with a check box per row (for merging). Fires
 * `ec-contact-select` {id, selected} and `ec-contact-action` {action: 'edit' | 'delete' | 'tickets', id}.
 */
@customElement('ec-contacts-table')
export class EcContactsTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .name {
        font-weight: 600;
      }
      .actions {
        display: flex;
        gap: 0.3rem;
      }
      tr.selected {
        background: #f1f6f7;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: Contact[] = [];
  @property({ attribute: false }) selected: ReadonlySet<string> = new Set();
  @property({ attribute: false }) locations: Location[] = [];
  @property({ attribute: false }) busyId: string | null = null;
  /** No changes (without contacts:write). */
  @property({ type: Boolean }) readonly = false;
  /** The appliance cannot be reached: editing still works (it is queued), deleting and merging do not. */
  @property({ type: Boolean }) offline = false;
  /** Offer the contact's requests (issue 7). */
  @property({ type: Boolean }) tickets = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted" data-field="empty">${t.t('contacts.empty')}</p>`;
    const place = (id: string | null) => (id ? (this.locations.find((l) => l.id === id)?.name ?? '') : '');
    return html`<table>
      <thead>
        <tr>
          <th><span class="visually-hidden">${t.t('contacts.select')}</span></th>
          <th>${t.t('contacts.name')}</th>
          <th>${t.t('contacts.phones')}</th>
          <th>${t.t('contacts.email')}</th>
          <th>${t.t('record.cityDistrict')}</th>
          <th>${t.t('users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((c) => {
          const sel = this.selected.has(c.id);
          return html`<tr data-contact-id=${c.id} class=${sel ? 'selected' : ''}>
            <td>
              <input
                type="checkbox"
                name="select"
                aria-label=${t.t('contacts.selectOne', { name: c.name })}
                .checked=${sel}
                ?disabled=${this.readonly || this.offline}
                @change=${(e: Event) => this.#emit('ec-contact-select', { id: c.id, selected: (e.target as HTMLInputElement).checked })}
              />
            </td>
            <td class="name" data-field="name">${c.name}</td>
            <td data-field="phones">${c.phones.join(', ')}</td>
            <td>${c.email ?? ''}</td>
            <td>${[place(c.cityId), place(c.districtId)].filter(Boolean).join(' / ')}</td>
            <td>
              ${this.tickets
                ? html`<button type="button" class="small" data-action="tickets" @click=${() => this.#emit('ec-contact-action', { action: 'tickets', id: c.id })}>${t.t('tickets.ofContact')}</button>`
                : nothing}
              ${this.readonly
                ? nothing
                : html`<div class="actions">
                    <button type="button" class="small" data-action="edit" ?disabled=${this.busyId === c.id} @click=${() => this.#emit('ec-contact-action', { action: 'edit', id: c.id })}>
                      ${t.t('contacts.edit')}
                    </button>
                    <button type="button" class="small danger" data-action="delete" ?disabled=${this.busyId === c.id || this.offline} @click=${() => this.#emit('ec-contact-action', { action: 'delete', id: c.id })}>
                      ${t.t('users.delete')}
                    </button>
                  </div>`}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  #emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-contacts-table': EcContactsTable;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Contact } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

/**
 * Merging duplicates: the user picks the contact to keep; the others'
 * numbers, calls and records move to it. Fires `ec-submit` {keepId, mergeIds} and `ec-cancel`.
 */
@customElement('ec-contact-merge')
export class EcContactMerge extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 0.8rem;
        display: grid;
        gap: 0.3rem;
      }
      li label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 400;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) contacts: Contact[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;
  @state() private keepId: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const keep = this.keepId ?? this.contacts[0]?.id ?? null;
    return html`<form data-form="merge" @submit=${(e: SubmitEvent) => this.#submit(e, keep)}>
      <h3>${t.t('contacts.mergeTitle', { count: this.contacts.length })}</h3>
      <p class="muted">${t.t('contacts.mergeHint')}</p>
      <ul>
        ${this.contacts.map(
          (c) => html`<li>
            <label
              ><input type="radio" name="keep" value=${c.id} .checked=${c.id === keep} @change=${() => (this.keepId = c.id)} />
              <strong>${c.name}</strong> <span class="muted">${c.phones.join(', ')}</span></label
            >
          </li>`,
        )}
      </ul>
      <ec-error-message .error=${this.error}></ec-error-message>
      <div class="actions">
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="confirm-merge" ?disabled=${this.busy || !keep}>${t.t('contacts.merge')}</button>
      </div>
    </form>`;
  }

  #submit(e: SubmitEvent, keepId: string | null) {
    e.preventDefault();
    if (!keepId) return;
    const mergeIds = this.contacts.map((c) => c.id).filter((id) => id !== keepId);
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { keepId, mergeIds }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-contact-merge': EcContactMerge;
  }
}

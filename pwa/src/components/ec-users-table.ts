import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  profile: string;
  agentNumber: string | null;
  groups: string[];
  disabled: boolean;
}

export type UserAction = 'edit' | 'toggle-disabled' | 'delete';

/**
 * The users list. Fires `ec-user-action` `{action, id}`; a delete is asked
 * for only after an inline confirmation in the row.
 */
@customElement('ec-users-table')
export class EcUsersTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .status {
        font-size: 0.8rem;
        font-weight: 600;
        padding: 0.1rem 0.5rem;
        border-radius: 999px;
        white-space: nowrap;
      }
      .status.active {
        background: color-mix(in srgb, var(--ec-ok, #1e7b46) 14%, white);
        color: var(--ec-ok, #1e7b46);
      }
      .status.disabled {
        background: #eceff1;
        color: var(--ec-muted, #5b6b73);
      }
      tr.is-disabled td:not(:last-child) {
        opacity: 0.65;
      }
      .confirm {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
        color: var(--ec-danger, #b3261e);
        font-size: 0.88rem;
      }
      .username {
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        font-size: 0.88rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: UserListItem[] = [];
  /** Row whose action is in flight. */
  @property() busyId: string | null = null;
  /** No actions while the appliance cannot be reached. */
  @property({ type: Boolean }) readonly = false;

  @state() private confirming: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted empty">${t.t('users.empty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('users.username')}</th>
          <th>${t.t('users.displayName')}</th>
          <th>${t.t('users.profile')}</th>
          <th>${t.t('users.agentNumber')}</th>
          <th>${t.t('users.groups')}</th>
          <th>${t.t('users.status')}</th>
          <th>${t.t('users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((u) => this.#row(u))}
      </tbody>
    </table>`;
  }

  #row(u: UserListItem) {
    const t = this.i18n;
    const busy = this.busyId === u.id || this.readonly;
    return html`<tr data-user=${u.username} class=${u.disabled ? 'is-disabled' : ''}>
      <td class="username">${u.username}</td>
      <td class="display-name">${u.displayName}</td>
      <td>${u.profile}</td>
      <td>${u.agentNumber ?? t.t('common.none')}</td>
      <td>${u.groups.length ? u.groups.join(', ') : t.t('common.none')}</td>
      <td>
        <span class="status ${u.disabled ? 'disabled' : 'active'}">${u.disabled ? t.t('users.disabled') : t.t('users.active')}</span>
      </td>
      <td>
        ${this.confirming === u.id
          ? html`<div class="confirm" role="group">
              <span>${t.t('users.confirmDelete', { name: u.displayName })}</span>
              <button type="button" class="small danger solid" data-action="confirm-delete" ?disabled=${busy} @click=${() => this.#fire('delete', u.id)}>
                ${t.t('users.delete')}
              </button>
              <button type="button" class="small" @click=${() => (this.confirming = null)}>${t.t('common.cancel')}</button>
            </div>`
          : html`<div class="actions">
              <button type="button" class="small" data-action="edit" ?disabled=${busy} @click=${() => this.#fire('edit', u.id)}>${t.t('users.edit')}</button>
              <button type="button" class="small" data-action="toggle-disabled" ?disabled=${busy} @click=${() => this.#fire('toggle-disabled', u.id)}>
                ${u.disabled ? t.t('users.enable') : t.t('users.disable')}
              </button>
              <button type="button" class="small danger" data-action="delete" ?disabled=${busy} @click=${() => (this.confirming = u.id)}>
                ${t.t('users.delete')}
              </button>
            </div>`}
      </td>
    </tr>`;
  }

  #fire(action: UserAction, id: string) {
    this.confirming = null;
    this.dispatchEvent(new CustomEvent('ec-user-action', { detail: { action, id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-users-table': EcUsersTable;
  }
}

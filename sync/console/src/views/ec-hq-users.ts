import { html } from 'lit';
import type { HqRole, HqUserView } from '@edgecall/contracts/hq';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import type { SessionUser } from '../data/session.ts';
import { createUser, fetchUsers, updateUser } from '../data/users.ts';
import { describeError } from '../i18n/describe-error.ts';
import { fmtDateTime, t, type MessageKey } from '../i18n/index.ts';

const ROLES: HqRole[] = ['hq_admin', 'hq_viewer'];

/** HQ accounts: create, change role, disable, set a password. The server keeps at least one active admin. */
export class EcHqUsers extends HqElement {
  static override properties = { self: { attribute: false }, items: { state: true }, error: { state: true }, notice: { state: true } };
  self: SessionUser | null = null;
  items: HqUserView[] | null = null;
  error = '';
  notice = '';
  static override styles = [shared];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.items = await fetchUsers();
    } catch (e) {
      this.error = describeError(e);
    }
  }

  private async act(fn: () => Promise<unknown>) {
    this.error = '';
    this.notice = '';
    try {
      await fn();
      this.notice = t('common.saved');
    } catch (e) {
      this.error = describeError(e);
    }
    await this.load();
  }

  private create(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    void this.act(async () => {
      await createUser({ username: String(d.get('username')), displayName: String(d.get('displayName')), role: String(d.get('role')) as HqRole, password: String(d.get('password')) });
      form.reset();
    });
  }

  private setPassword(u: HqUserView) {
    const password = prompt(`${t('users.newPassword')} (${u.username})`);
    if (password) void this.act(() => updateUser(u.id, { password }));
  }

  override render() {
    return html`
      <h1>${t('users.title')}</h1>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${this.notice ? html`<div class="notice">${this.notice}</div>` : ''}
      ${this.items === null
        ? html`<p>${t('app.loading')}</p>`
        : html`<table data-users>
            <thead>
              <tr>
                <th>${t('users.username')}</th>
                <th>${t('users.displayName')}</th>
                <th>${t('users.role')}</th>
                <th>${t('users.lastLogin')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${this.items.map(
                (u) => html`<tr data-user=${u.username}>
                  <td><code>${u.username}</code> ${u.disabled ? html`<span class="badge bad">${t('users.disabled')}</span>` : ''}</td>
                  <td>${u.displayName}</td>
                  <td>
                    <select aria-label=${t('users.role')} @change=${(e: Event) => this.act(() => updateUser(u.id, { role: (e.target as HTMLSelectElement).value as HqRole }))}>
                      ${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${t(`role.${r}` as MessageKey)}</option>`)}
                    </select>
                  </td>
                  <td>${fmtDateTime(u.lastLoginAt)}</td>
                  <td>
                    <button class="secondary" @click=${() => this.setPassword(u)}>${t('users.setPassword')}</button>
                    ${u.id === this.self?.id
                      ? ''
                      : html`<button class=${u.disabled ? 'secondary' : 'danger'} @click=${() => this.act(() => updateUser(u.id, { disabled: !u.disabled }))}>
                          ${u.disabled ? t('users.enable') : t('users.disable')}
                        </button>`}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      <h2>${t('users.create')}</h2>
      <form class="card" data-create-user @submit=${this.create}>
        <label><span>${t('users.username')}</span><input name="username" required pattern="[a-z0-9][a-z0-9._\\-]{1,63}" /></label>
        <label><span>${t('users.displayName')}</span><input name="displayName" required /></label>
        <label
          ><span>${t('users.role')}</span
          ><select name="role">
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'hq_viewer'}>${t(`role.${r}` as MessageKey)}</option>`)}
          </select></label
        >
        <label><span>${t('users.password')}</span><input name="password" type="password" minlength="10" required autocomplete="new-password" /></label>
        <button type="submit">${t('users.create')}</button>
      </form>
    `;
  }
}
customElements.define('ec-hq-users', EcHqUsers);

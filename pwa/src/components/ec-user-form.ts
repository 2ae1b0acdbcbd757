import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { LOCALES, LOCALE_NAMES } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

/** The fields of a user this form edits (a structural subset of the appliance's user). */
export interface UserFormUser {
  username: string;
  displayName: string;
  profile: string;
  agentNumber: string | null;
  groups: string[];
  locale: string;
}

/** What `ec-submit` carries: all fields on create, only the changed ones on edit. */
export interface UserFormValue {
  username?: string;
  displayName?: string;
  password?: string;
  profile?: string;
  agentNumber?: string | null;
  groups?: string[];
  locale?: 'az' | 'en' | 'ru';
}

/** Create or edit a user. Fires `ec-submit` `{value}` and `ec-cancel`. */
@customElement('ec-user-form')
export class EcUserForm extends LitElement {
  static override styles = [
    sharedStyles,
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
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.8rem 1rem;
        align-items: start;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
        margin-top: 1rem;
      }
      ec-error-message {
        margin-top: 0.8rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property() mode: 'create' | 'edit' = 'create';
  @property({ attribute: false }) user: UserFormUser | null = null;
  @property({ attribute: false }) profiles: { name: string }[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;

  @query('form') private form!: HTMLFormElement;

  override render() {
    const t = this.i18n;
    const u = this.user;
    const editing = this.mode === 'edit' && u;
    const profileNames = this.profiles.map((p) => p.name);
    if (u && !profileNames.includes(u.profile)) profileNames.push(u.profile);
    return html`<form class="card" novalidate @submit=${this.#submit}>
      <h2>${editing ? t.t('users.editTitle', { name: u.displayName }) : t.t('users.createTitle')}</h2>
      <div class="grid">
        ${editing
          ? nothing
          : html`<label>${t.t('users.username')}<input name="username" autocomplete="off" required /></label>`}
        <label>${t.t('users.displayName')}<input name="displayName" .value=${u?.displayName ?? ''} required /></label>
        <label
          >${t.t('users.password')}
          <input name="password" type="password" autocomplete="new-password" />
          <span class="hint">${editing ? t.t('users.passwordKeep') : t.t('users.passwordHint')}</span>
        </label>
        <label
          >${t.t('users.profile')}
          <select name="profile">
            ${profileNames.map((p) => html`<option value=${p} ?selected=${p === (u?.profile ?? 'operator')}>${p}</option>`)}
          </select>
        </label>
        <label
          >${t.t('users.agentNumber')}
          <input name="agentNumber" inputmode="numeric" .value=${u?.agentNumber ?? ''} />
          <span class="hint">${t.t('users.agentNumberHint')}</span>
        </label>
        <label
          >${t.t('users.groups')}
          <input name="groups" .value=${(u?.groups ?? []).join(', ')} />
          <span class="hint">${t.t('users.groupsHint')}</span>
        </label>
        <label
          >${t.t('users.locale')}
          <select name="locale">
            ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === (u?.locale ?? 'az')}>${LOCALE_NAMES[l]}</option>`)}
          </select>
        </label>
      </div>
      <ec-error-message .error=${this.error} .fieldLabels=${this.#fieldLabels()}></ec-error-message>
      <div class="actions">
        <button type="button" @click=${this.#cancel} ?disabled=${this.busy}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.t('common.save')}</button>
      </div>
    </form>`;
  }

  #fieldLabels(): Record<string, string> {
    const t = this.i18n;
    return {
      username: t.t('users.username'),
      displayName: t.t('users.displayName'),
      password: t.t('users.password'),
      profile: t.t('users.profile'),
      agentNumber: t.t('users.agentNumber'),
      groups: t.t('users.groups'),
      locale: t.t('users.locale'),
    };
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(this.form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const groups = text('groups')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    const full: UserFormValue = {
      displayName: text('displayName'),
      profile: text('profile'),
      agentNumber: text('agentNumber') || null,
      groups,
      locale: text('locale') as UserFormValue['locale'],
    };
    const password = String(data.get('password') ?? '');
    let value: UserFormValue;
    if (this.mode === 'edit' && this.user) {
      // Send only what changed, so two admins editing different fields do not undo each other.
      const u = this.user;
      value = {};
      if (full.displayName !== u.displayName) value.displayName = full.displayName;
      if (full.profile !== u.profile) value.profile = full.profile;
      if (full.agentNumber !== u.agentNumber) value.agentNumber = full.agentNumber;
      if (full.groups!.join(',') !== u.groups.join(',')) value.groups = full.groups;
      if (full.locale !== u.locale) value.locale = full.locale;
      if (password) value.password = password;
    } else {
      value = { username: text('username'), password, ...full };
    }
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value }, bubbles: true, composed: true }));
  }

  #cancel() {
    this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-user-form': EcUserForm;
  }
}

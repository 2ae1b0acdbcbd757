import { html } from 'lit';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { changeOwnPassword, type SessionUser } from '../data/session.ts';
import { describeError } from '../i18n/describe-error.ts';
import { t, type MessageKey } from '../i18n/index.ts';

/** The signed-in user's own account: who they are, and a new password. */
export class EcHqAccount extends HqElement {
  static override properties = { user: { attribute: false }, error: { state: true }, notice: { state: true } };
  user: SessionUser | null = null;
  error = '';
  notice = '';
  static override styles = [shared];

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    this.error = '';
    this.notice = '';
    try {
      await changeOwnPassword(String(d.get('current')), String(d.get('next')));
      form.reset();
      this.notice = t('account.changed');
    } catch (err) {
      this.error = describeError(err);
    }
  }

  override render() {
    return html`<h1>${t('account.title')}</h1>
      ${this.user ? html`<p><code>${this.user.username}</code> · ${this.user.displayName} · ${t(`role.${this.user.role}` as MessageKey)}</p>` : ''}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''} ${this.notice ? html`<div class="notice">${this.notice}</div>` : ''}
      <form class="card" style="max-width:24rem" @submit=${this.submit}>
        <label><span>${t('account.current')}</span><input name="current" type="password" required autocomplete="current-password" /></label>
        <label><span>${t('account.new')}</span><input name="next" type="password" minlength="10" required autocomplete="new-password" /></label>
        <button type="submit">${t('account.change')}</button>
      </form>`;
  }
}
customElements.define('ec-hq-account', EcHqAccount);

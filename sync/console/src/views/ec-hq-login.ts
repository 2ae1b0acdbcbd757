import { css, html } from 'lit';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { ApiError } from '../data/api.ts';
import { createSession } from '../data/session.ts';
import { describeError } from '../i18n/describe-error.ts';
import { t } from '../i18n/index.ts';

/** Sign-in form; fires `logged-in` with the user. */
export class EcHqLogin extends HqElement {
  static override properties = { message: {}, busy: { state: true }, error: { state: true } };
  message = '';
  busy = false;
  error = '';

  static override styles = [shared, css`form { max-width: 22rem; margin: 3rem auto; } input { width: 100%; box-sizing: border-box; } button { margin-top: 0.75rem; width: 100%; }`];

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      const { user } = await createSession(String(data.get('username') ?? ''), String(data.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('logged-in', { detail: user, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError && err.id === 'invalid_credentials') this.error = t('login.failed');
      else if (err instanceof ApiError && err.id === 'rate_limited') this.error = t('login.limited', { seconds: (err.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60 });
      else this.error = describeError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="card" @submit=${this.submit}>
      <h1>${t('login.title')}</h1>
      <p class="intro">${t('login.intro')}</p>
      ${this.message ? html`<div class="notice">${this.message}</div>` : ''}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      <label><span>${t('login.username')}</span><input name="username" autocomplete="username" required /></label>
      <label><span>${t('login.password')}</span><input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t('login.busy') : t('login.submit')}</button>
    </form>`;
  }
}
customElements.define('ec-hq-login', EcHqLogin);

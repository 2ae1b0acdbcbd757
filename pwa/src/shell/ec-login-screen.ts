import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { AppStateController } from '../state/context.ts';
import { describeError } from '../i18n/describe-error.ts';
import { isApiError } from '../data/errors.ts';
import type { Locale } from '../i18n/translator.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import '../components/ec-language-switch.ts';
import '../components/ec-error-message.ts';
import './ec-pwa-actions.ts';

/** Username and password; explains every refusal by its error id, including how long to wait. */
@customElement('ec-login-screen')
export class EcLoginScreen extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        padding: 2rem 1rem;
        flex: 1;
      }
      .card {
        width: min(24rem, 100%);
        padding: 1.75rem 1.75rem 1.25rem;
        box-shadow: 0 8px 30px rgba(11, 93, 107, 0.08);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        margin-bottom: 1.25rem;
      }
      .brand img {
        width: 48px;
        height: 48px;
        border-radius: 10px;
      }
      h1 {
        font-size: 1.35rem;
        margin: 0;
      }
      .tagline {
        color: var(--ec-muted, #5b6b73);
        font-size: 0.9rem;
      }
      form {
        display: grid;
        gap: 0.9rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0;
        font-weight: 600;
      }
      input {
        width: 100%;
      }
      button[type='submit'] {
        justify-content: center;
        padding-block: 0.6rem;
      }
      .note {
        font-size: 0.88rem;
        padding: 0.5rem 0.7rem;
        border-radius: var(--ec-radius, 8px);
        background: #eaf2f4;
        color: #21535e;
        margin: 0;
      }
      .footer {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        margin-top: 1.25rem;
        padding-top: 0.9rem;
        border-top: 1px solid var(--ec-border, #d5dde1);
        color: var(--ec-primary, #0b5d6b);
        --ec-switch-border: var(--ec-border, #d5dde1);
        --ec-switch-active-bg: var(--ec-primary, #0b5d6b);
        --ec-switch-active-fg: #fff;
        --ec-pwa-border: var(--ec-primary, #0b5d6b);
        --ec-pwa-bg: transparent;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.session, a.connection]);

  @state() private busy = false;
  @state() private failure: unknown = null;
  @state() private missing = false;
  /** While rate-limited, the time (epoch ms) the appliance accepts a new attempt. */
  @state() private blockedUntil: number | null = null;

  @query('input[name="password"]') private passwordInput!: HTMLInputElement;

  override render() {
    const { i18n, session, connection } = this.#ctx.app;
    const t = i18n.t;
    const s = session.value;
    const reason = s.status === 'anonymous' ? s.reason : 'start';
    const offline = connection.value.banner === 'offline';
    return html`<div class="card">
      <div class="brand">
        <img src="/icons/icon-192.png" alt="" />
        <div>
          <h1>${t.t('app.name')}</h1>
          <div class="tagline">${t.t('app.tagline')}</div>
        </div>
      </div>
      <form novalidate @submit=${this.#submit}>
        <h2>${t.t('login.intro')}</h2>
        ${reason === 'expired' && !this.failure ? html`<p class="note" data-note="expired">${t.t('login.expired')}</p>` : nothing}
        ${reason === 'logout' && !this.failure ? html`<p class="note" data-note="logout">${t.t('login.loggedOut')}</p>` : nothing}
        ${offline ? html`<p class="note" data-note="offline">${t.t('login.offline')}</p>` : nothing}
        <label>${t.t('login.username')}<input name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required /></label>
        <label>${t.t('login.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        <ec-error-message
          data-error-id=${isApiError(this.failure) ? this.failure.id : this.failure ? 'network' : nothing}
          .error=${this.missing ? { message: t.t('login.required'), fields: [] } : this.failure ? describeError(t, this.failure) : null}
        ></ec-error-message>
        <button type="submit" class="primary" ?disabled=${this.busy || this.blockedUntil !== null}>
          ${this.busy ? t.t('login.busy') : t.t('login.submit')}
        </button>
      </form>
      <div class="footer">
        <ec-language-switch
          .locale=${t.locale}
          .label=${t.t('lang.label')}
          @ec-locale-change=${(e: CustomEvent<{ locale: Locale }>) => i18n.choose(e.detail.locale)}
        ></ec-language-switch>
        <ec-pwa-actions></ec-pwa-actions>
      </div>
    </div>`;
  }

  async #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.failure = null;
    this.missing = !username || !password;
    if (this.missing || this.busy || this.blockedUntil !== null) return;
    this.busy = true;
    try {
      await this.#ctx.app.session.login(username, password);
      // Success re-renders <ec-app> without this screen.
    } catch (err) {
      this.failure = err;
      if (isApiError(err, 'invalid_credentials')) this.passwordInput.value = '';
      if (isApiError(err, 'rate_limited') && err.retryAfterSeconds) this.#block(err.retryAfterSeconds);
    } finally {
      this.busy = false;
    }
  }

  /** The appliance will refuse until Retry-After has passed, so do not let the user try earlier. */
  #block(seconds: number) {
    this.blockedUntil = Date.now() + seconds * 1000;
    setTimeout(() => {
      this.blockedUntil = null;
    }, seconds * 1000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-login-screen': EcLoginScreen;
  }
}

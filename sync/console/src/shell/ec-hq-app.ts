import { css, html, nothing } from 'lit';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { ApiError, SESSION_LOST_EVENT } from '../data/api.ts';
import { endSession, fetchMe, type SessionUser } from '../data/session.ts';
import { LOCALES, locale, setLocale, t, type Locale, type MessageKey } from '../i18n/index.ts';
import '../views/ec-hq-login.ts';
import '../views/ec-hq-branches.ts';
import '../views/ec-hq-kpis.ts';
import '../views/ec-hq-reference.ts';
import '../views/ec-hq-rejects.ts';
import '../views/ec-hq-users.ts';
import '../views/ec-hq-audit.ts';
import '../views/ec-hq-account.ts';

interface Route {
  id: string;
  label: MessageKey;
  adminOnly: boolean;
}

/** Viewers see the dashboards and branch status; admins everything (the server checks the same per route). */
const ROUTES: Route[] = [
  { id: 'branches', label: 'nav.branches', adminOnly: false },
  { id: 'kpis', label: 'nav.kpis', adminOnly: false },
  { id: 'reference', label: 'nav.reference', adminOnly: true },
  { id: 'rejects', label: 'nav.rejects', adminOnly: true },
  { id: 'users', label: 'nav.users', adminOnly: true },
  { id: 'audit', label: 'nav.audit', adminOnly: true },
  { id: 'account', label: 'nav.account', adminOnly: false },
];

const routeFromHash = () => location.hash.replace(/^#\/?/, '').split('?')[0] || 'branches';

/** The HQ console: sign-in, navigation by `#/<route>`, language. */
export class EcHqApp extends HqElement {
  static override properties = {
    user: { state: true },
    checked: { state: true },
    route: { state: true },
    loginMessage: { state: true },
  };
  user: SessionUser | null = null;
  checked = false;
  route = routeFromHash();
  loginMessage = '';

  static override styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; min-height: 100vh; }
      header { display: flex; align-items: center; gap: 1rem; padding: 0.55rem 1rem; background: #0b5d6b; color: #fff; }
      header .brand { font-weight: 700; letter-spacing: 0.02em; }
      header .who { margin-left: auto; font-size: 0.9rem; }
      header select { padding: 0.15rem 0.3rem; }
      header button { background: transparent; border-color: #fff; }
      nav { display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0.4rem 1rem; background: #fff; border-bottom: 1px solid #d5dde1; }
      nav a { padding: 0.3rem 0.7rem; border-radius: 4px; color: #1c2b33; text-decoration: none; }
      nav a[aria-current='page'] { background: #e6f3f5; color: #0b5d6b; font-weight: 600; }
      main { padding: 1rem; flex: 1; max-width: 1400px; width: 100%; box-sizing: border-box; }
    `,
  ];

  private readonly onHash = () => (this.route = routeFromHash());
  private readonly onLost = () => {
    if (!this.user) return;
    this.user = null;
    this.loginMessage = t('login.expired');
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(SESSION_LOST_EVENT, this.onLost);
    fetchMe()
      .then((u) => (this.user = u))
      .catch((e) => {
        if (!(e instanceof ApiError && e.status === 401)) this.loginMessage = String((e as Error).message);
      })
      .finally(() => (this.checked = true));
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(SESSION_LOST_EVENT, this.onLost);
    super.disconnectedCallback();
  }

  private async logout() {
    await endSession().catch(() => undefined);
    this.user = null;
    this.loginMessage = '';
  }

  private languagePicker() {
    return html`<label class="inline"
      ><span class="muted" style="color:inherit">${t('lang.label')}</span>
      <select aria-label=${t('lang.label')} @change=${(e: Event) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
        ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === locale()}>${l.toUpperCase()}</option>`)}
      </select></label
    >`;
  }

  private view(route: string, admin: boolean) {
    switch (route) {
      case 'kpis':
        return html`<ec-hq-kpis></ec-hq-kpis>`;
      case 'reference':
        return html`<ec-hq-reference></ec-hq-reference>`;
      case 'rejects':
        return html`<ec-hq-rejects></ec-hq-rejects>`;
      case 'users':
        return html`<ec-hq-users .self=${this.user}></ec-hq-users>`;
      case 'audit':
        return html`<ec-hq-audit></ec-hq-audit>`;
      case 'account':
        return html`<ec-hq-account .user=${this.user}></ec-hq-account>`;
      default:
        return html`<ec-hq-branches ?admin=${admin}></ec-hq-branches>`;
    }
  }

  override render() {
    if (!this.checked) return html`<main>${t('app.loading')}</main>`;
    if (!this.user) {
      return html`<header><span class="brand">${t('app.title')}</span><span class="who">${this.languagePicker()}</span></header>
        <main><ec-hq-login .message=${this.loginMessage} @logged-in=${(e: CustomEvent<SessionUser>) => ((this.user = e.detail), (this.loginMessage = ''))}></ec-hq-login></main>`;
    }
    const admin = this.user.role === 'hq_admin';
    const routes = ROUTES.filter((r) => admin || !r.adminOnly);
    const route = routes.some((r) => r.id === this.route) ? this.route : 'branches';
    return html`
      <header>
        <span class="brand">${t('app.title')}</span>
        <span class="who">${this.languagePicker()} <span data-user>${this.user.displayName}</span> · ${t(`role.${this.user.role}` as MessageKey)}</span>
        <button class="secondary" data-logout @click=${() => this.logout()}>${t('nav.logout')}</button>
      </header>
      <nav aria-label="HQ">
        ${routes.map((r) => html`<a href="#/${r.id}" data-route=${r.id} aria-current=${r.id === route ? 'page' : nothing}>${t(r.label)}</a>`)}
      </nav>
      <main>${this.view(route, admin)}</main>
    `;
  }
}
customElements.define('ec-hq-app', EcHqApp);

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { provideAppState } from '../state/context.ts';
import { StoreController } from '../state/store.ts';
import type { AppState } from '../state/app-state.ts';
import type { Locale } from '../i18n/translator.ts';
import { matchRoute, routesFor, RouterController, type RouteDef } from './router.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import '../components/ec-nav-bar.ts';
import '../components/ec-language-switch.ts';
import './ec-connection-banner.ts';
import './ec-login-screen.ts';
import './ec-pwa-actions.ts';
import './ec-outbox-status.ts';

/**
 * The shell: provides the app state to everything below it, shows the login
 * screen or the role-aware navigation with the current panel, the
 * connection banner and the install/update/language/logout controls.
 */
@customElement('ec-app')
export class EcApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }
      header {
        background: var(--ec-primary, #0b5d6b);
        color: #fff;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.6rem 1rem;
        padding: 0.6rem 1.25rem;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        margin-inline-end: auto;
      }
      .brand img {
        width: 34px;
        height: 34px;
        border-radius: 8px;
      }
      .brand strong {
        font-size: 1.15rem;
        letter-spacing: 0.01em;
      }
      .brand .sub {
        font-size: 0.82rem;
        opacity: 0.85;
      }
      .who {
        font-size: 0.88rem;
        text-align: end;
        line-height: 1.25;
      }
      .who .profile {
        opacity: 0.8;
        font-size: 0.78rem;
      }
      header button.logout {
        background: transparent;
        color: #fff;
        border-color: rgba(255, 255, 255, 0.5);
      }
      header button.logout:hover {
        background: rgba(255, 255, 255, 0.12);
        border-color: #fff;
      }
      .navrow {
        background: var(--ec-surface, #fff);
        border-bottom: 1px solid var(--ec-border, #d5dde1);
        padding: 0.35rem 1rem;
      }
      main {
        flex: 1;
        width: 100%;
        max-width: 1200px;
        margin: 0 auto;
        padding: 1.25rem;
      }
      .splash {
        flex: 1;
        display: grid;
        place-items: center;
        color: var(--ec-muted, #5b6b73);
      }
      /* Printing (a request's printable view): the page only, without the app's bars. */
      @media print {
        header,
        ec-connection-banner,
        ec-outbox-status {
          display: none;
        }
        main {
          max-width: none;
          padding: 0;
        }
      }
    `,
  ];

  /** Set by main.ts before the element is connected. */
  @property({ attribute: false }) app!: AppState;

  @state() private loadedRoutes = new Set<string>();
  @state() private failedRoutes = new Set<string>();

  readonly #router = new RouterController(this);
  readonly #loading = new Set<string>();

  constructor() {
    super();
    new StoreController(this, () => [this.app.session, this.app.i18n, this.app.callbacks, this.app.alerts]);
  }

  override connectedCallback(): void {
    // Before super: children request the state while this element connects.
    provideAppState(this, this.app);
    super.connectedCallback();
  }

  override render() {
    const s = this.app.session.value;
    const t = this.app.i18n.t;
    if (s.status === 'restoring') return html`<div class="splash" role="status">${t.t('app.loading')}</div>`;
    if (s.status === 'anonymous') {
      return html`<ec-connection-banner></ec-connection-banner><ec-login-screen></ec-login-screen>`;
    }
    const allowed = routesFor(s.user);
    const route = matchRoute(this.#router.path, allowed);
    if (!route) {
      // Unknown path, or a panel this profile may not open: go home instead of a dead end.
      queueMicrotask(() => this.#router.navigate('/', { replace: true }));
      return nothing;
    }
    return html`<header>
        <div class="bar">
          <div class="brand">
            <img src="/icons/icon-192.png" alt="" />
            <div>
              <strong>${t.t('app.name')}</strong>
              <div class="sub">${t.t('app.tagline')} · ${s.site}</div>
            </div>
          </div>
          <ec-pwa-actions></ec-pwa-actions>
          <ec-language-switch .locale=${t.locale} .label=${t.t('lang.label')} @ec-locale-change=${this.#onLocale}></ec-language-switch>
          <div class="who">
            <div class="name" data-field="current-user">${s.user.displayName}</div>
            <div class="profile">${t.t(`kind.${s.user.kind}`)}</div>
          </div>
          <button type="button" class="logout" data-action="logout" @click=${() => this.app.session.logout()}>${t.t('nav.logout')}</button>
        </div>
        <div class="navrow">
          <ec-nav-bar
            .label=${t.t('nav.label')}
            .items=${allowed.map((r) => ({ id: r.id, href: r.path, label: t.t(r.label), section: r.section ? t.t(r.section) : undefined, ...this.#badge(r) }))}
            .current=${route.id}
            @ec-navigate=${this.#onNavigate}
          ></ec-nav-bar>
        </div>
      </header>
      <ec-connection-banner></ec-connection-banner>
      <ec-outbox-status></ec-outbox-status>
      <main>${this.#panel(route)}</main>`;
  }

  /** The callbacks link counts the open entries assigned to me; the alerts link the active alerts. */
  #badge(r: RouteDef): { badge?: number; badgeLabel?: string } {
    if (r.id === 'alerts') {
      const active = this.app.alerts.value.active.length;
      return active ? { badge: active, badgeLabel: this.app.i18n.t.t('alerts.badge', { count: active }) } : {};
    }
    const count = this.app.callbacks.value.count;
    if (r.id !== 'callbacks' || !count) return {};
    return { badge: count, badgeLabel: this.app.i18n.t.t('callbacks.badge', { count }) };
  }

  override willUpdate(): void {
    // Panels are separate chunks: start fetching the current one before it is rendered.
    const s = this.app.session.value;
    if (s.status !== 'authenticated') return;
    const route = matchRoute(this.#router.path, routesFor(s.user));
    const pending = route && (this.loadedRoutes.has(route.id) || this.#loading.has(route.id) || this.failedRoutes.has(route.id));
    if (route && !pending) void this.#load(route);
  }

  #panel(route: RouteDef) {
    if (this.failedRoutes.has(route.id)) return html`<p class="muted" role="alert">${this.app.i18n.t.t('error.network')}</p>`;
    if (!this.loadedRoutes.has(route.id)) return html`<p class="muted" role="status">${this.app.i18n.t.t('data.loading')}</p>`;
    const tag = unsafeStatic(route.tag);
    return staticHtml`<${tag}></${tag}>`;
  }

  async #load(route: RouteDef) {
    this.#loading.add(route.id);
    try {
      await route.load();
      this.loadedRoutes = new Set([...this.loadedRoutes, route.id]);
      this.failedRoutes = new Set([...this.failedRoutes].filter((id) => id !== route.id));
    } catch (e) {
      // Only when the chunk is neither cached nor reachable (service worker not installed yet).
      console.error('panel failed to load', e);
      this.failedRoutes = new Set([...this.failedRoutes, route.id]);
    } finally {
      this.#loading.delete(route.id);
    }
  }

  #onNavigate(e: CustomEvent<{ href: string }>) {
    this.failedRoutes = new Set(); // a click is also the way to retry a panel that failed to load
    this.#router.navigate(e.detail.href);
  }

  #onLocale(e: CustomEvent<{ locale: Locale }>) {
    this.app.i18n.choose(e.detail.locale);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-app': EcApp;
  }
}

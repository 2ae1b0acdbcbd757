import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { AppStateController } from '../../state/context.ts';
import { RouterController } from '../../shell/router.ts';
import type { CatalogScreen } from './catalog-screen.ts';
import { SETTINGS_BASE, SETTINGS_LINKS, SETTINGS_SCREENS, screenFor, type SettingsScreen } from './settings-screens.ts';
import '../../components/ec-nav-bar.ts';
import './ec-catalog-panel.ts';

/**
 * The admin area: a sub-navigation over every setting of the brochure
 * (reference lists, queues and IVR, agents, quality and tickets, plus
 * links to users and the audit log), and the chosen screen, each at its
 * own path so it can be bookmarked and reached with back/forward.
 */
@customElement('ec-settings-panel')
export class EcSettingsPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .subnav {
      background: var(--ec-surface, #fff);
      border: 1px solid var(--ec-border, #d5dde1);
      border-radius: calc(var(--ec-radius, 8px) * 1.5);
      padding: 0.35rem 0.6rem;
      margin-bottom: 1rem;
    }
  `;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.session]);
  readonly #router = new RouterController(this);
  @state() private loaded = new Map<string, CatalogScreen<{ id: string }, unknown> | null>();
  @state() private failed: string | null = null;
  readonly #loading = new Set<string>();

  override willUpdate() {
    const screen = screenFor(this.#router.path);
    // The area's own path (or an unknown one below it) opens the first screen.
    if (!screen) {
      if (this.#router.path.startsWith(SETTINGS_BASE)) queueMicrotask(() => this.#router.navigate(`${SETTINGS_BASE}/${SETTINGS_SCREENS[0].id}`, { replace: true }));
      return;
    }
    if (!this.loaded.has(screen.id) && !this.#loading.has(screen.id) && this.failed !== screen.id) void this.#load(screen);
  }

  override render() {
    const { i18n, session } = this.#ctx.app;
    const t = i18n.t;
    const s = session.value;
    const permissions: readonly string[] = s.status === 'authenticated' ? s.user.permissions : [];
    const screen = screenFor(this.#router.path);
    const items = [
      ...SETTINGS_SCREENS.filter((x) => !x.permission || permissions.includes(x.permission)).map((x) => ({ id: x.id, href: `${SETTINGS_BASE}/${x.id}`, label: t.t(x.label), section: t.t(x.section) })),
      ...SETTINGS_LINKS.filter((l) => permissions.includes(l.permission)).map((l) => ({ id: l.id, href: l.href, label: t.t(l.label), section: t.t(l.section) })),
    ];
    return html`<div class="subnav"><ec-nav-bar data-nav="settings" .label=${t.t('admin.subnav')} .items=${items} .current=${screen?.id ?? ''} @ec-navigate=${this.#onNavigate}></ec-nav-bar></div>
      ${screen ? this.#screen(screen) : nothing}`;
  }

  #screen(screen: SettingsScreen) {
    const t = this.#ctx.app.i18n.t;
    if (this.failed === screen.id) return html`<p class="muted" role="alert">${t.t('error.network')}</p>`;
    if (!this.loaded.has(screen.id)) return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    const config = this.loaded.get(screen.id);
    // Keyed: a new screen is a new element, never an old one's state with another list.
    if (config) return keyed(screen.id, html`<ec-catalog-panel data-screen=${screen.id} .screen=${config}></ec-catalog-panel>`);
    const tag = unsafeStatic(screen.tag);
    return keyed(screen.id, staticHtml`<${tag} data-screen=${screen.id}></${tag}>`);
  }

  /** The shell listens on its own nav bar only: the history change reaches it (and every router) as a popstate. */
  #onNavigate(e: CustomEvent<{ href: string }>) {
    e.stopPropagation();
    this.failed = null;
    this.#router.navigate(e.detail.href);
  }

  async #load(screen: SettingsScreen) {
    this.failed = null;
    this.#loading.add(screen.id);
    try {
      const config = await screen.load();
      this.loaded = new Map([...this.loaded, [screen.id, config]]);
    } catch (e) {
      // Only when the chunk is neither cached nor reachable.
      console.error('settings screen failed to load', e);
      this.failed = screen.id;
    } finally {
      this.#loading.delete(screen.id);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-settings-panel': EcSettingsPanel;
  }
}

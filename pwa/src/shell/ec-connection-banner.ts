import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../state/context.ts';
import type { BannerState } from '../state/connection-state.ts';
import type { MessageKey } from '../i18n/translator.ts';

/**
 * The connection banner: offline (appliance unreachable), reachable (live
 * channel not up), live, stale (no heartbeat for > 15 s). The state is
 * reflected as `state="…"` for styling and tests.
 */
@customElement('ec-connection-banner')
export class EcConnectionBanner extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-size: 0.9rem;
    }
    .banner {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      padding: 0.45rem 1.25rem;
      border-bottom: 1px solid transparent;
    }
    .dot {
      width: 0.65rem;
      height: 0.65rem;
      border-radius: 50%;
      flex: none;
      background: currentColor;
    }
    .text {
      flex: 1;
    }
    button {
      font: inherit;
      font-size: 0.85rem;
      padding: 0.2rem 0.7rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    :host([state='offline']) .banner {
      background: #fbe9e7;
      color: #8c1d18;
      border-color: #f2c4bf;
    }
    :host([state='stale']) .banner {
      background: #fff4e0;
      color: #7a4d00;
      border-color: #f3d9a8;
    }
    :host([state='reachable']) .banner,
    :host([state='checking']) .banner {
      background: #eaf2f4;
      color: #21535e;
      border-color: #cfe0e4;
    }
    :host([state='live']) .banner {
      background: #e8f5ed;
      color: #1e6b3f;
      border-color: #c6e6d2;
      padding-block: 0.25rem;
      font-size: 0.82rem;
    }
    :host([state='checking']) .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host([state='checking']) .dot {
        animation: none;
      }
    }
  `;

  readonly #ctx = new AppStateController(this, (a) => [a.connection, a.i18n, a.session]);
  @state() private probing = false;

  override updated(): void {
    const banner = this.#ctx.app.connection.value.banner;
    if (this.getAttribute('state') !== banner) this.setAttribute('state', banner);
  }

  override render() {
    const { connection, i18n, session } = this.#ctx.app;
    const c = connection.value;
    const t = i18n.t;
    const anonymous = session.value.status !== 'authenticated';
    const keys: Record<BannerState, MessageKey> = {
      checking: 'conn.checking',
      offline: 'conn.offline',
      reachable: anonymous ? 'conn.reachable' : 'conn.reachableLive',
      live: 'conn.live',
      stale: c.lastHeartbeatTs ? 'conn.stale' : 'conn.staleNever',
    };
    const text = t.t(keys[c.banner], c.lastHeartbeatTs ? { time: t.time(c.lastHeartbeatTs) } : undefined);
    return html`<div class="banner" role="status" aria-live="polite">
      <span class="dot" aria-hidden="true"></span>
      <span class="text">${text}</span>
      ${c.banner === 'offline'
        ? html`<button type="button" data-action="retry" ?disabled=${this.probing} @click=${this.#retry}>${t.t('conn.retry')}</button>`
        : nothing}
    </div>`;
  }

  async #retry() {
    this.probing = true;
    try {
      await this.#ctx.app.connection.probe();
    } finally {
      this.probing = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-connection-banner': EcConnectionBanner;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-data-age.ts';

/**
 * Every role's start page: who is logged in, where, and how the live channel
 * is doing. Works offline from the session the device remembers.
 */
@customElement('ec-home-panel')
export class EcHomePanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.75rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.45rem 1.25rem;
        margin: 0;
      }
      dt {
        color: var(--ec-muted, #5b6b73);
        font-size: 0.9rem;
      }
      dd {
        margin: 0;
        font-weight: 500;
      }
      .pill {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
      }
      .pill::before {
        content: '';
        width: 0.6rem;
        height: 0.6rem;
        border-radius: 50%;
        background: var(--dot, #9aa7ad);
      }
      .pill.live {
        --dot: var(--ec-ok, #1e7b46);
      }
      .pill.stale {
        --dot: #d08b00;
      }
      .pill.down,
      .pill.offline {
        --dot: var(--ec-danger, #b3261e);
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.session, a.connection, a.i18n]);

  override render() {
    const { session, connection, i18n } = this.#ctx.app;
    const s = session.value;
    if (s.status !== 'authenticated') return nothing;
    const t = i18n.t;
    const u = s.user;
    const c = connection.value;
    const liveKey: MessageKey = c.banner === 'stale' ? 'live.stale' : `live.${c.live}`;
    const liveClass = c.banner === 'stale' ? 'stale' : c.banner === 'offline' ? 'offline' : c.live === 'up' ? 'live' : c.live;
    return html`<div class="head">
        <h1 data-field="welcome">${t.t('home.welcome', { name: u.displayName })}</h1>
        <ec-data-age .i18n=${t} .savedAt=${s.confirmedAt} .fromCache=${!s.confirmed}></ec-data-age>
      </div>
      <div class="cards">
        <section class="card" aria-labelledby="account">
          <h2 id="account">${t.t('home.account')}</h2>
          <dl>
            <dt>${t.t('home.username')}</dt>
            <dd data-field="username">${u.username}</dd>
            <dt>${t.t('home.profile')}</dt>
            <dd data-field="profile">${u.profile} · ${t.t(`kind.${u.kind}`)}</dd>
            <dt>${t.t('home.agentNumber')}</dt>
            <dd data-field="agent-number">${u.agentNumber ?? t.t('home.notAssigned')}</dd>
            <dt>${t.t('home.groups')}</dt>
            <dd data-field="groups">${u.groups.length ? u.groups.join(', ') : t.t('home.noGroups')}</dd>
            <dt>${t.t('home.site')}</dt>
            <dd data-field="site">${s.site}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="live">
          <h2 id="live">${t.t('home.liveTitle')}</h2>
          <dl>
            <dt>${t.t('home.liveStatus')}</dt>
            <dd data-field="live-status"><span class="pill ${liveClass}">${t.t(liveKey)}</span></dd>
            <dt>${t.t('home.heartbeat')}</dt>
            <dd data-field="heartbeat">${c.lastHeartbeatTs ? t.dateTime(c.lastHeartbeatTs) : t.t('home.noHeartbeat')}</dd>
            ${c.applianceOnline?.online
              ? html`<dt>${t.t('home.applianceSince')}</dt>
                  <dd data-field="appliance-since">${t.dateTime(c.applianceOnline.since)}</dd>`
              : nothing}
          </dl>
        </section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-home-panel': EcHomePanel;
  }
}

import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchAlerts, type AlertEvent } from '../../data/alerts.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-alert-list.ts';
import '../../components/ec-alert-log.ts';
import '../../components/ec-notification-switch.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const LOG_SETTLE_MS = 1_000;

/**
 * Alerts: the active ones live (the app-wide alert store follows the
 * retained alert topics), browser notifications on request, and the log of
 * raises and clears, read again whenever the active set changes.
 */
@customElement('ec-alerts-panel')
export class EcAlertsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      h2 {
        font-size: 1rem;
        margin: 0 0 0.75rem;
      }
    `,
  ];

  #activeKey = '';
  #reload: ReturnType<typeof setTimeout> | undefined;
  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.alerts], () => this.#onStores());

  readonly #log = new ResourceController<{ active: AlertEvent[]; log: AlertEvent[] }>(this, () => this.#ctx.app, 'alerts.log', (app) => fetchAlerts(app.api));

  override render() {
    const { i18n, alerts } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#log.current;
    const error = this.#log.error;
    return html`<div class="head">
        <h1>${t.t('alerts.title')}</h1>
        <ec-notification-switch .i18n=${t} .permission=${alerts.value.permission} @ec-enable-notifications=${() => void alerts.requestPermission()}></ec-notification-switch>
      </div>
      <div class="stack">
        <section class="card" aria-labelledby="active" data-section="active">
          <h2 id="active">${t.t('alerts.active')}</h2>
          <ec-alert-list .i18n=${t} .alerts=${alerts.value.active}></ec-alert-list>
        </section>
        <section class="card" aria-labelledby="log" data-section="log">
          <div class="head">
            <h2 id="log">${t.t('alerts.log')}</h2>
            <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
          </div>
          ${current
            ? html`<ec-alert-log .i18n=${t} .entries=${current.value.log}></ec-alert-log>`
            : error
              ? html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`
              : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
        </section>
      </div>`;
  }

  /** A raise or a clear is a new line (or a closed one) in the log. */
  #onStores() {
    const key = this.#ctx.app.alerts.value.active.map((a) => `${a.ruleId}@${a.raisedAt}`).join(',');
    if (key === this.#activeKey) return;
    this.#activeKey = key;
    clearTimeout(this.#reload);
    // The appliance publishes first and writes its log just after: read it a moment later.
    this.#reload = setTimeout(() => void this.#log.load(), LOG_SETTLE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#reload);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-alerts-panel': EcAlertsPanel;
  }
}

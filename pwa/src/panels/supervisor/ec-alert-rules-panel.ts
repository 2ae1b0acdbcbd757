import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { describeError, type ErrorView } from '../../i18n/describe-error.ts';
import { ALERT_FIGURES, fetchAlertRules, saveAlertRules, type AlertRule } from '../../data/alerts.ts';
import { fetchQueueIds } from '../../data/targets.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-alert-rules-form.ts';
import '../../components/ec-error-message.ts';

/**
 * The admin's alert rules. Settings are edited online only: a rule saved
 * from a stale copy would silently replace newer ones.
 */
@customElement('ec-alert-rules-panel')
export class EcAlertRulesPanel extends LitElement {
  static override styles = [sharedStyles, panelStyles];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private rules: AlertRule[] | null = null;
  @state() private scopes: string[] = ['branch'];
  @state() private loadError: unknown = null;
  @state() private saveError: ErrorView | null = null;
  @state() private busy = false;
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const offline = connection.value.reachable === false;
    return html`<div class="head"><h1>${t.t('alertRules.title')}</h1></div>
      <p class="muted">${t.t('alertRules.intro')}</p>
      ${this.notice ? html`<p class="notice" role="status" data-field="notice">${this.notice}</p>` : ''}
      ${offline ? html`<p class="offline-note">${t.t('supervision.onlineOnly')}</p>` : ''}
      ${this.rules
        ? html`<section class="card">
            <ec-alert-rules-form
              .i18n=${t}
              .rules=${this.rules}
              .scopes=${this.scopes}
              .figures=${ALERT_FIGURES}
              .error=${this.saveError}
              ?busy=${this.busy || offline}
              @ec-save=${this.#save}
            ></ec-alert-rules-form>
          </section>`
        : this.loadError
          ? html`<ec-error-message .error=${describeError(t, this.loadError)}></ec-error-message>`
          : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}`;
  }

  async #load() {
    const api = this.#ctx.app.api;
    try {
      const [rules, queues] = await Promise.all([fetchAlertRules(api), fetchQueueIds(api).catch(() => [] as string[])]);
      // Until groups and queues differ (decision 0002), each queue is also its own group.
      this.scopes = ['branch', ...queues.map((q) => `queue:${q}`), ...queues.map((q) => `group:${q}`)];
      this.rules = rules.items;
      this.loadError = null;
    } catch (e) {
      this.loadError = e;
    }
  }

  async #save(e: CustomEvent<{ rules: AlertRule[] }>) {
    const t = this.#ctx.app.i18n.t;
    this.busy = true;
    this.notice = '';
    this.saveError = null;
    try {
      const saved = await saveAlertRules(this.#ctx.app.api, e.detail.rules);
      this.rules = saved.items;
      this.notice = t.t('alertRules.saved');
    } catch (err) {
      this.saveError = describeError(t, err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-alert-rules-panel': EcAlertRulesPanel;
  }
}

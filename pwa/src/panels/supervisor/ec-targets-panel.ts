import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { TARGET_PERIODS, fetchTargetProgress, type TargetPeriod, type TargetProgressAnswer } from '../../data/targets.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-target-progress-view.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

/** The progress is recomputed from stored calls: read again this often while the view is open. */
const REFRESH_MS = 60_000;

/**
 * Targets: the queues' figures and the agents' amounts for the current day,
 * week or month against what the admin set, furthest from target first.
 */
@customElement('ec-targets-panel')
export class EcTargetsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .periods {
        display: inline-flex;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        overflow: hidden;
      }
      .periods button {
        border: none;
        border-radius: 0;
      }
      .periods button[aria-pressed='true'] {
        background: var(--ec-primary, #0b5d6b);
        color: #fff;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private period: TargetPeriod = 'day';
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #progress = new ResourceController<TargetProgressAnswer>(this, () => this.#ctx.app, 'targets.progress', (app) =>
    fetchTargetProgress(app.api, this.period),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      if (this.#ctx.app.connection.value.reachable !== false) void this.#progress.load();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render() {
    const t = this.#ctx.app.i18n.t;
    const current = this.#progress.current;
    // The saved copy may be of another period (offline): say which one is shown.
    const shown = current?.value ?? null;
    return html`<div class="head">
        <h1>${t.t('target.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <div class="periods" role="group" aria-label=${t.t('target.period')}>
          ${TARGET_PERIODS.map(
            (p) => html`<button type="button" data-period=${p} aria-pressed=${p === this.period ? 'true' : 'false'} @click=${() => this.#choose(p)}>
              ${t.t(`target.period.${p}` as MessageKey)}
            </button>`,
          )}
        </div>
      </div>
      ${this.#body(shown)}`;
  }

  #body(shown: TargetProgressAnswer | null) {
    const t = this.#ctx.app.i18n.t;
    const error = this.#progress.error;
    if (!shown) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    return html`<ec-error-message .error=${error ? describeError(t, error) : null}></ec-error-message>
      <ec-target-progress-view data-period=${shown.period} .i18n=${t} .progress=${shown}></ec-target-progress-view>`;
  }

  #choose(p: TargetPeriod) {
    if (p === this.period) return;
    this.period = p;
    void this.#progress.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-targets-panel': EcTargetsPanel;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { addHolidayPreset, fetchWorkingHours, saveWorkingHours, type WorkingHours } from '../../data/working-hours.ts';
import type { MessageKey, MessageParams } from '../../i18n/translator.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-hours-editor.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

/** Working hours, holidays and special days: the IVR's closed branch and the SLA clocks follow them. */
@customElement('ec-hours-panel')
export class EcHoursPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .intro {
        margin: 0;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;
  /** What the editor starts from: the loaded hours, then each saved answer. */
  @state() private shown: WorkingHours | null = null;

  readonly #hours = new ResourceController<WorkingHours>(this, () => this.#ctx.app, 'admin.hours', (app) => fetchWorkingHours(app.api));

  override willUpdate() {
    const loaded = this.#hours.current?.value ?? null;
    if (loaded && !this.shown) this.shown = loaded;
  }

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#hours.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    return html`<div class="head">
        <h1>${t.t('admin.hours.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        <p class="intro muted">${t.t('admin.hours.intro')}</p>
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        ${this.shown
          ? html`<ec-hours-editor
              .i18n=${t}
              .value=${this.shown}
              .busy=${this.busy || offline}
              .error=${this.error ? describeError(t, this.error) : null}
              @ec-submit=${this.#save}
              @ec-preset=${this.#preset}
            ></ec-hours-editor>`
          : this.#hours.error
            ? html`<ec-error-message .error=${isNetworkError(this.#hours.error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.#hours.error)}></ec-error-message>`
            : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
      </div>`;
  }

  async #save(e: CustomEvent<{ value: WorkingHours }>) {
    await this.#run(async () => {
      this.shown = await saveWorkingHours(this.#ctx.app.api, e.detail.value);
      this.notice = { key: 'admin.hours.saved', params: {} };
    });
  }

  async #preset(e: CustomEvent<{ year: number }>) {
    await this.#run(async () => {
      const r = await addHolidayPreset(this.#ctx.app.api, e.detail.year);
      this.shown = r.hours;
      this.notice = r.missing.length
        ? { key: 'admin.hours.presetAddedMissing', params: { count: r.added.length, year: e.detail.year, missing: r.missing.join(', ') } }
        : { key: 'admin.hours.presetAdded', params: { count: r.added.length, year: e.detail.year } };
    });
  }

  async #run(fn: () => Promise<void>) {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      await fn();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-hours-panel': EcHoursPanel;
  }
}

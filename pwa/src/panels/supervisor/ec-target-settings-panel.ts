import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { describeError, type ErrorView } from '../../i18n/describe-error.ts';
import { fetchQueueIds, fetchTargets, saveTargets, type Targets, type TargetsInput } from '../../data/targets.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-targets-form.ts';
import '../../components/ec-error-message.ts';

/**
 * The admin's targets. Edited online only: the list is replaced whole, so a
 * save from a stale copy would undo someone else's change.
 */
@customElement('ec-target-settings-panel')
export class EcTargetSettingsPanel extends LitElement {
  static override styles = [sharedStyles, panelStyles];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private targets: Targets | null = null;
  @state() private queues: string[] = [];
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
    return html`<div class="head"><h1>${t.t('targetSettings.title')}</h1></div>
      ${this.notice ? html`<p class="notice" role="status" data-field="notice">${this.notice}</p>` : ''}
      ${offline ? html`<p class="offline-note">${t.t('supervision.onlineOnly')}</p>` : ''}
      ${this.targets
        ? html`<section class="card">
            <ec-targets-form
              .i18n=${t}
              .targets=${this.targets}
              .queues=${this.queues}
              .error=${this.saveError}
              ?busy=${this.busy || offline}
              @ec-save=${this.#save}
            ></ec-targets-form>
          </section>`
        : this.loadError
          ? html`<ec-error-message .error=${describeError(t, this.loadError)}></ec-error-message>`
          : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}`;
  }

  async #load() {
    const api = this.#ctx.app.api;
    try {
      const [targets, queues] = await Promise.all([fetchTargets(api), fetchQueueIds(api).catch(() => [] as string[])]);
      this.queues = queues;
      this.targets = targets;
      this.loadError = null;
    } catch (e) {
      this.loadError = e;
    }
  }

  async #save(e: CustomEvent<{ targets: TargetsInput }>) {
    const t = this.#ctx.app.i18n.t;
    this.busy = true;
    this.notice = '';
    this.saveError = null;
    try {
      this.targets = await saveTargets(this.#ctx.app.api, e.detail.targets);
      this.notice = t.t('targetSettings.saved');
    } catch (err) {
      this.saveError = describeError(t, err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-target-settings-panel': EcTargetSettingsPanel;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchTicketWorkflow, saveTicketWorkflow, type TicketWorkflowView } from '../../data/ticket-workflow.ts';
import type { WorkflowValue } from '../../components/ec-ticket-workflow-editor.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-ticket-workflow-editor.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const toValue = (w: TicketWorkflowView): WorkflowValue => ({
  statuses: [...w.statuses]
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
    .map(({ code, name, kind, initial, allowReopen, active, sort }) => ({ code, name, kind, initial, allowReopen, active, sort })),
  transitions: w.transitions.map(({ from, to }) => ({ from, to })),
});

/** Execution statuses of requests (tickets) and the moves allowed between them, saved as a whole. */
@customElement('ec-ticket-statuses-panel')
export class EcTicketStatusesPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .intro {
        margin: 0;
      }
      .problems {
        color: var(--ec-warn, #9a6200);
        margin: 0;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private saved = false;
  @state() private shown: WorkflowValue | null = null;
  @state() private problems: string[] = [];

  readonly #workflow = new ResourceController<TicketWorkflowView>(this, () => this.#ctx.app, 'admin.ticket-workflow', (app) => fetchTicketWorkflow(app.api));

  override willUpdate() {
    const loaded = this.#workflow.current?.value;
    if (loaded && !this.shown) {
      this.shown = toValue(loaded);
      this.problems = loaded.problems.map((p) => p.message);
    }
  }

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#workflow.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    return html`<div class="head">
        <h1>${t.t('admin.ts.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        <p class="intro muted">${t.t('admin.ts.intro')}</p>
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.saved ? html`<p class="notice" role="status">${t.t('admin.ts.saved')}</p>` : nothing}
        ${this.problems.length ? html`<p class="problems" lang="en">${this.problems.join('; ')}</p>` : nothing}
        ${this.shown
          ? html`<ec-ticket-workflow-editor .i18n=${t} .value=${this.shown} .busy=${this.busy || offline} .error=${this.error ? describeError(t, this.error) : null} @ec-submit=${this.#save}></ec-ticket-workflow-editor>`
          : this.#workflow.error
            ? html`<ec-error-message .error=${isNetworkError(this.#workflow.error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.#workflow.error)}></ec-error-message>`
            : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
      </div>`;
  }

  async #save(e: CustomEvent<{ value: WorkflowValue }>) {
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      const w = await saveTicketWorkflow(this.#ctx.app.api, e.detail.value);
      this.shown = toValue(w);
      this.problems = [];
      this.saved = true;
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-statuses-panel': EcTicketStatusesPanel;
  }
}

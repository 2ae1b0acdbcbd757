import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { callsCsvUrl, fetchCalls, isMissed, startOfToday, type CallPage, type CallQuery } from '../../data/calls.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-call-list.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

type Tab = 'incoming' | 'missed';

/** Enough for one agent's day; the CSV export has no limit. */
const LIMIT = 200;

/**
 * The agent's calls today: incoming and missed lists, a search by caller
 * number, the journey of a call on click, and the same selection as CSV.
 */
@customElement('ec-agent-calls')
export class EcAgentCalls extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      h2 {
        font-size: 1rem;
        margin: 0;
        margin-inline-end: auto;
      }
      .tabs {
        display: flex;
        gap: 0.4rem;
      }
      .tabs button[aria-selected='true'] {
        background: var(--ec-primary, #0b5d6b);
        border-color: var(--ec-primary, #0b5d6b);
        color: #fff;
      }
    `,
  ];

  @property() agent = '';
  /** Changed by the panel when a call is answered or ends: reload. */
  @property({ type: Number }) version = 0;
  @state() private tab: Tab = 'incoming';
  @state() private number = '';
  @state() private selected: string | null = null;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  readonly #calls = new ResourceController<CallPage>(this, () => this.#ctx.app, 'operator.calls', (app) => fetchCalls(app.api, this.#query()));

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('version') && changed.get('version') !== undefined) void this.#calls.load();
  }

  #query(): CallQuery {
    return { agent: this.agent, from: startOfToday(), limit: LIMIT, number: this.number || undefined, direction: 'inbound' };
  }

  override render() {
    const { i18n, api, connection } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#calls.current;
    const offline = connection.value.reachable === false;
    return html`<section class="card" aria-labelledby="calls-title">
      <div class="head">
        <h2 id="calls-title">${t.t('calls.title')}</h2>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <a class="button" data-action="export-calls" href=${callsCsvUrl(api, this.#query())} download="calls-${this.agent}.csv">${t.t('calls.export')}</a>
      </div>
      <div class="toolbar">
        <div class="tabs" role="tablist">
          ${(['incoming', 'missed'] as const).map(
            (tab) =>
              html`<button role="tab" data-tab=${tab} aria-selected=${this.tab === tab ? 'true' : 'false'} @click=${() => (this.tab = tab)}>
                ${t.t(`calls.${tab}`)}
              </button>`,
          )}
        </div>
        <form class="toolbar" style="margin:0" @submit=${this.#search}>
          <label>${t.t('calls.byNumber')}<input name="number" type="search" inputmode="tel" .value=${this.number} /></label>
          <button type="submit" ?disabled=${offline}>${t.t('common.search')}</button>
        </form>
      </div>
      ${this.#list()}
    </section>`;
  }

  #list() {
    const t = this.#ctx.app.i18n.t;
    const current = this.#calls.current;
    const error = this.#calls.error;
    if (!current) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const items = current.value.items
      .filter((c) => (this.tab === 'missed' ? isMissed(c) : true))
      // Newest first: the call just handled is the one the agent looks for.
      .sort((a, b) => b.arrivedAt - a.arrivedAt);
    return html`${error ? html`<ec-error-message .error=${describeError(t, error)}></ec-error-message>` : nothing}
      <ec-call-list
        data-list=${this.tab}
        .i18n=${t}
        .items=${items}
        .selectedId=${this.selected}
        @ec-select=${(e: CustomEvent<{ id: string | null }>) => (this.selected = e.detail.id)}
      ></ec-call-list>`;
  }

  #search(e: SubmitEvent) {
    e.preventDefault();
    this.number = String(new FormData(e.target as HTMLFormElement).get('number') ?? '').trim();
    void this.#calls.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-agent-calls': EcAgentCalls;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { OPERATOR_MODES } from '@edgecall/contracts/settings/operator-modes';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchOperatorModes, resetOperatorMode, setOperatorMode, type OperatorMode, type OperatorModeRow } from '../../data/operator-modes.ts';
import type { Page } from '../../data/catalog.ts';
import type { MessageKey, MessageParams } from '../../i18n/translator.ts';
import type { RowAction } from '../../components/ec-settings-table.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-settings-table.ts';
import '../../components/ec-list-toolbar.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const PAGE_SIZE = 20;
type Row = OperatorModeRow & { id: string };

/** Operator modes: which work each agent is offered (inbound calls, outbound callbacks, or both). */
@customElement('ec-operator-modes-panel')
export class EcOperatorModesPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      ec-pager {
        margin-top: 0.75rem;
      }
      .intro {
        margin: 0;
      }
      .default {
        color: var(--ec-muted, #5b6b73);
        font-size: 0.85rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private search = '';
  @state() private offset = 0;
  @state() private mode: OperatorMode | '' = '';
  @state() private busyId: string | null = null;
  @state() private actionError: unknown = null;
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;

  readonly #rows = new ResourceController<{ offset: number; page: Page<OperatorModeRow> }>(this, () => this.#ctx.app, 'admin.operator-modes', async (app) => {
    const offset = this.offset;
    return { offset, page: await fetchOperatorModes(app.api, { search: this.search, offset, limit: PAGE_SIZE, mode: this.mode || undefined }) };
  });

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#rows.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    const modeName = (m: OperatorMode) => t.t(`admin.modes.${m}` as MessageKey);
    const actions: RowAction[] = [...OPERATOR_MODES.map((m) => ({ id: m, label: modeName(m) })), { id: 'reset', label: t.t('admin.modes.reset') }];
    return html`<div class="head">
        <h1>${t.t('admin.modes.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        <p class="intro muted">${t.t('admin.modes.intro')}</p>
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        <section class="card" data-list="operator-modes">
          <ec-list-toolbar .i18n=${t} .search=${this.search} .placeholder=${`${t.t('common.search')}: ${t.t('admin.modes.searchHint')}`} @ec-search=${(e: CustomEvent<{ search: string }>) => this.#requery(e.detail.search, 0)}>
            <label
              >${t.t('admin.modes.mode')}
              <select name="filter-mode" @change=${(e: Event) => ((this.mode = (e.target as HTMLSelectElement).value as OperatorMode | ''), this.#requery(this.search, 0))}>
                <option value="">${t.t('admin.all')}</option>
                ${OPERATOR_MODES.map((m) => html`<option value=${m} ?selected=${m === this.mode}>${modeName(m)}</option>`)}
              </select>
            </label>
          </ec-list-toolbar>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${current
            ? html`<ec-settings-table
                  .i18n=${t}
                  .items=${current.value.page.items.map((r): Row => ({ ...r, id: r.agent }))}
                  .columns=${[
                    { key: 'agent', label: t.t('admin.modes.agent'), render: (r: Row) => r.agent },
                    { key: 'user', label: t.t('admin.modes.user'), render: (r: Row) => (r.name ? `${r.name} (${r.username})` : t.t('common.none')) },
                    {
                      key: 'mode',
                      label: t.t('admin.modes.mode'),
                      render: (r: Row) => html`${modeName(r.mode)} ${r.explicit ? nothing : html`<span class="default">(${t.t('admin.modes.default')})</span>`}`,
                    },
                  ]}
                  .actions=${actions}
                  .actionsFor=${(r: Row) => [...OPERATOR_MODES.filter((m) => m !== r.mode || !r.explicit), ...(r.explicit ? ['reset'] : [])]}
                  .nameOf=${(r: Row) => r.agent}
                  .emptyText=${t.t('admin.modes.empty')}
                  .busyId=${this.busyId}
                  .readonly=${offline}
                  @ec-row-action=${this.#onAction}
                ></ec-settings-table>
                <ec-pager .i18n=${t} .offset=${current.value.offset} .limit=${PAGE_SIZE} .total=${current.value.page.total} @ec-page=${(e: CustomEvent<{ offset: number }>) => this.#requery(this.search, e.detail.offset)}></ec-pager>`
            : this.#rows.error
              ? html`<ec-error-message .error=${isNetworkError(this.#rows.error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.#rows.error)}></ec-error-message>`
              : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
        </section>
      </div>`;
  }

  #requery(search: string, offset: number) {
    this.search = search;
    this.offset = offset;
    void this.#rows.load();
  }

  async #onAction(e: CustomEvent<{ action: string; id: string }>) {
    const { api, i18n } = this.#ctx.app;
    const agent = e.detail.id;
    this.busyId = agent;
    this.actionError = null;
    this.notice = null;
    try {
      const row = e.detail.action === 'reset' ? await resetOperatorMode(api, agent) : await setOperatorMode(api, agent, e.detail.action as OperatorMode);
      this.notice = { key: 'admin.modes.set', params: { agent, mode: i18n.t.t(`admin.modes.${row.mode}` as MessageKey) } };
      await this.#rows.load();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busyId = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-operator-modes-panel': EcOperatorModesPanel;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { auditCsvUrl, fetchAudit, fetchAuditVerification, type AuditPage, type AuditQuery, type AuditVerification } from '../../data/audit.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-audit-table.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const PAGE_SIZE = 25;

interface AuditSnapshot {
  query: AuditQuery;
  page: AuditPage;
}

/** The audit log (admins and supervisors with audit:read): browse, filter, export, verify the hash chain. */
@customElement('ec-audit-panel')
export class EcAuditPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .verify {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.6rem;
      }
      .result {
        margin: 0;
        font-size: 0.92rem;
        font-weight: 600;
      }
      .result.ok {
        color: var(--ec-ok, #1e7b46);
      }
      .result.broken {
        color: var(--ec-danger, #b3261e);
      }
      ec-pager {
        margin-top: 0.75rem;
      }
      form.toolbar label {
        font-weight: 500;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private query: AuditQuery = { offset: 0, limit: PAGE_SIZE, action: '', actor: '' };
  @state() private verifying = false;
  @state() private verification: AuditVerification | null = null;
  @state() private verifyError: unknown = null;

  readonly #audit = new ResourceController<AuditSnapshot>(this, () => this.#ctx.app, 'audit.page', async (app) => {
    const query = { ...this.query };
    return { query, page: await fetchAudit(app.api, query) };
  });

  override render() {
    const { i18n, connection, api } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#audit.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    const shown = current?.fromCache ? current.value.query : this.query;
    const v = this.verification;
    return html`<div class="head">
        <h1>${t.t('audit.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <a class="button" data-action="export-csv" href=${auditCsvUrl(api)} download="audit-log.csv">${t.t('audit.export')}</a>
      </div>
      <div class="stack">
        <section class="card verify">
          <button type="button" data-action="verify" ?disabled=${this.verifying || offline} @click=${this.#verify}>
            ${this.verifying ? t.t('audit.verifying') : t.t('audit.verify')}
          </button>
          ${v
            ? html`<p class="result ${v.ok ? 'ok' : 'broken'}" role="status" data-result=${v.ok ? 'ok' : 'broken'}>
                ${v.ok ? t.t('audit.verifyOk', { count: v.checked }) : t.t('audit.verifyBroken', { seq: v.brokenAt ?? 0, count: v.checked })}
              </p>`
            : nothing}
          <ec-error-message .error=${this.verifyError ? describeError(t, this.verifyError) : null}></ec-error-message>
          ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        </section>
        <section class="card">
          <form class="toolbar" @submit=${this.#applyFilters}>
            <label>${t.t('audit.filterAction')}<input name="action" .value=${shown.action ?? ''} /></label>
            <label>${t.t('audit.filterActor')}<input name="actor" .value=${shown.actor ?? ''} /></label>
            <button type="submit" ?disabled=${offline}>${t.t('audit.apply')}</button>
          </form>
          ${this.#list()}
        </section>
      </div>`;
  }

  #list() {
    const t = this.#ctx.app.i18n.t;
    const current = this.#audit.current;
    const error = this.#audit.error;
    if (!current) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { page, query } = current.value;
    return html`${error ? html`<ec-error-message .error=${describeError(t, error)}></ec-error-message>` : nothing}
      <ec-audit-table .i18n=${t} .items=${page.items}></ec-audit-table>
      <ec-pager .i18n=${t} .offset=${query.offset} .limit=${query.limit} .total=${page.total} .disabled=${this.#audit.loading} @ec-page=${this.#onPage}></ec-pager>`;
  }

  #applyFilters(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.query = { ...this.query, offset: 0, action: String(data.get('action') ?? ''), actor: String(data.get('actor') ?? '') };
    void this.#audit.load();
  }

  #onPage(e: CustomEvent<{ offset: number }>) {
    this.query = { ...this.query, offset: e.detail.offset };
    void this.#audit.load();
  }

  async #verify() {
    this.verifying = true;
    this.verifyError = null;
    this.verification = null;
    try {
      this.verification = await fetchAuditVerification(this.#ctx.app.api);
    } catch (e) {
      this.verifyError = e;
    } finally {
      this.verifying = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-audit-panel': EcAuditPanel;
  }
}

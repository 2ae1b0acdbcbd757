import { html } from 'lit';
import type { HqAuditEntry } from '@edgecall/contracts/hq';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { fetchAudit } from '../data/users.ts';
import { describeError } from '../i18n/describe-error.ts';
import { fmtDateTime, fmtNumber, t } from '../i18n/index.ts';

const PAGE = 50;
const show = (v: unknown) => (v === null || v === undefined ? t('common.none') : JSON.stringify(v, null, 2));

/** The append-only audit log of HQ actions, newest first, with before and after. */
export class EcHqAudit extends HqElement {
  static override properties = { page: { state: true }, error: { state: true }, offset: { state: true }, action: { state: true } };
  page: { items: HqAuditEntry[]; total: number } | null = null;
  error = '';
  offset = 0;
  action = '';
  static override styles = [shared];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.page = await fetchAudit({ action: this.action || undefined, offset: this.offset, limit: PAGE });
      this.error = '';
    } catch (e) {
      this.error = describeError(e);
    }
  }

  override render() {
    const p = this.page;
    return html`
      <h1>${t('audit.title')}</h1>
      <form
        class="toolbar"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.action = String(new FormData(e.target as HTMLFormElement).get('action') ?? '').trim();
          this.offset = 0;
          void this.load();
        }}
      >
        <label><span>${t('audit.filter')}</span><input name="action" placeholder="ref." .value=${this.action} /></label>
        <button type="submit" class="secondary">${t('common.refresh')}</button>
      </form>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${!p
        ? html`<p>${t('app.loading')}</p>`
        : html`<p class="muted">${t('common.total', { count: fmtNumber(p.total, 0) })}</p>
            <table data-audit>
              <thead>
                <tr>
                  <th>${t('audit.at')}</th>
                  <th>${t('audit.actor')}</th>
                  <th>${t('audit.action')}</th>
                  <th>${t('audit.target')}</th>
                  <th>${t('audit.address')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${p.items.map(
                  (a) => html`<tr data-audit-id=${a.id} data-action=${a.action}>
                    <td>${fmtDateTime(a.at)}</td>
                    <td>${a.actorName}</td>
                    <td><code>${a.action}</code></td>
                    <td><code>${a.target ?? ''}</code></td>
                    <td>${a.address ?? ''}</td>
                    <td>
                      ${a.before !== null || a.after !== null
                        ? html`<details>
                            <summary>${t('common.details')}</summary>
                            <strong>${t('audit.before')}</strong>
                            <pre>${show(a.before)}</pre>
                            <strong>${t('audit.after')}</strong>
                            <pre>${show(a.after)}</pre>
                          </details>`
                        : ''}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <div class="toolbar" style="margin-top:0.5rem">
              <button class="secondary" ?disabled=${this.offset === 0} @click=${() => ((this.offset = Math.max(0, this.offset - PAGE)), void this.load())}>${t('common.prev')}</button>
              <button class="secondary" ?disabled=${this.offset + PAGE >= p.total} @click=${() => ((this.offset += PAGE), void this.load())}>${t('common.next')}</button>
            </div>`}
    `;
  }
}
customElements.define('ec-hq-audit', EcHqAudit);

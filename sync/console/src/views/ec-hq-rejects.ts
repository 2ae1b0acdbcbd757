import { html } from 'lit';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { fetchBranches } from '../data/branches.ts';
import { dismissReject, fetchRejects, retryReject, type Reject } from '../data/rejects.ts';
import { describeError } from '../i18n/describe-error.ts';
import { fmtDateTime, fmtNumber, t, tMaybe, type MessageKey } from '../i18n/index.ts';

const PAGE = 50;

/** The rejects queue: each record HQ set aside, with its reason; retry after an HQ upgrade, or dismiss. */
export class EcHqRejects extends HqElement {
  static override properties = { status: { state: true }, appliance: { state: true }, page: { state: true }, error: { state: true }, offset: { state: true } };
  status = 'open';
  appliance = '';
  offset = 0;
  page: { items: Reject[]; total: number } | null = null;
  error = '';
  private branches: { id: string; name: string }[] = [];
  static override styles = [shared];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    fetchBranches().then((b) => ((this.branches = b), this.requestUpdate()), () => undefined);
  }

  private async load() {
    try {
      this.page = await fetchRejects({ status: this.status, appliance: this.appliance || undefined, offset: this.offset, limit: PAGE });
      this.error = '';
    } catch (e) {
      this.error = describeError(e);
    }
  }

  private async act(fn: () => Promise<unknown>) {
    try {
      await fn();
      this.error = '';
    } catch (e) {
      this.error = describeError(e);
    }
    await this.load();
  }

  override render() {
    const p = this.page;
    return html`
      <h1>${t('rejects.title')}</h1>
      <p class="intro">${t('rejects.intro')}</p>
      <div class="toolbar">
        <label
          ><span>${t('branches.status')}</span
          ><select data-status @change=${(e: Event) => ((this.status = (e.target as HTMLSelectElement).value), (this.offset = 0), void this.load())}>
            ${['open', 'resolved', 'all'].map((s) => html`<option value=${s} ?selected=${s === this.status}>${t(`rejects.status.${s}` as MessageKey)}</option>`)}
          </select></label
        >
        <label
          ><span>${t('rejects.branch')}</span
          ><select @change=${(e: Event) => ((this.appliance = (e.target as HTMLSelectElement).value), (this.offset = 0), void this.load())}>
            <option value="">${t('rejects.allBranches')}</option>
            ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.appliance}>${b.name}</option>`)}
          </select></label
        >
        <button class="secondary" @click=${() => this.load()}>${t('common.refresh')}</button>
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${!p
        ? html`<p>${t('app.loading')}</p>`
        : p.items.length === 0
          ? html`<p class="muted">${t('common.empty')}</p>`
          : html`<p class="muted">${t('common.total', { count: fmtNumber(p.total, 0) })}</p>
              <table data-rejects>
                <thead>
                  <tr>
                    <th>${t('rejects.branch')}</th>
                    <th class="num">${t('rejects.seq')}</th>
                    <th>${t('rejects.entity')}</th>
                    <th>${t('rejects.reason')}</th>
                    <th>${t('rejects.received')}</th>
                    <th>${t('rejects.resolution')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${p.items.map(
                    (r) => html`<tr data-reject=${r.id}>
                      <td><code>${r.applianceId}</code></td>
                      <td class="num">${r.seq}</td>
                      <td>${r.entity ?? t('common.none')}<br /><code class="muted">${r.entityId ?? ''}</code></td>
                      <td data-reason=${r.reason}>
                        <strong>${tMaybe(`rejects.reason.${r.reason}`, r.reason)}</strong> <code class="muted">${r.reason}</code><br />${r.message}
                        <details>
                          <summary>${t('rejects.record')}</summary>
                          <pre>${JSON.stringify({ details: r.details, record: r.record }, null, 2)}</pre>
                        </details>
                      </td>
                      <td>${fmtDateTime(r.receivedAt)}</td>
                      <td>${r.resolution ? html`${tMaybe(`rejects.resolution.${r.resolution}`, r.resolution)}<br /><span class="muted">${fmtDateTime(r.resolvedAt)}</span>` : t('common.none')}</td>
                      <td>
                        ${r.resolvedAt
                          ? ''
                          : html`<button class="secondary" data-retry @click=${() => this.act(() => retryReject(r.id))}>${t('rejects.retry')}</button>
                              <button class="danger" data-dismiss @click=${() => this.act(() => dismissReject(r.id))}>${t('rejects.dismiss')}</button>`}
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
customElements.define('ec-hq-rejects', EcHqRejects);

import { html } from 'lit';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { createBranch, createEnrollmentToken, fetchBranches, revokeBranch, type Branch, type EnrollmentToken } from '../data/branches.ts';
import { describeError } from '../i18n/describe-error.ts';
import { fmtDateTime, fmtDuration, fmtNumber, t } from '../i18n/index.ts';

/** Every branch's sync health: last contact, backlog, lag, rejects, errors, schema. Admins also enroll and revoke. */
export class EcHqBranches extends HqElement {
  static override properties = { admin: { type: Boolean }, items: { state: true }, error: { state: true }, token: { state: true }, adding: { state: true } };
  admin = false;
  items: Branch[] | null = null;
  error = '';
  token: EnrollmentToken | null = null;
  adding = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  static override styles = [shared];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), 15_000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private async load() {
    try {
      this.items = await fetchBranches();
      this.error = '';
    } catch (e) {
      this.error = describeError(e);
    }
  }

  private async act(fn: () => Promise<unknown>) {
    this.error = '';
    try {
      await fn();
      await this.load();
    } catch (e) {
      this.error = describeError(e);
    }
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    await this.act(async () => {
      this.token = await createBranch(String(data.get('id')), String(data.get('name')));
      this.adding = false;
    });
  }

  private status(b: Branch) {
    if (b.enrolled) return html`<span class="badge ok">${t('branches.status.enrolled')}</span>`;
    if (b.enrolledAt) return html`<span class="badge bad">${t('branches.status.revoked')}</span>`;
    return html`<span class="badge warn">${t('branches.status.pending')}</span>`;
  }

  override render() {
    return html`
      <h1>${t('branches.title')}</h1>
      <div class="toolbar">
        <button class="secondary" @click=${() => this.load()}>${t('common.refresh')}</button>
        ${this.admin ? html`<button @click=${() => (this.adding = !this.adding)}>${t('branches.add')}</button>` : ''}
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${this.adding
        ? html`<form class="card" @submit=${this.add}>
            <label><span>${t('branches.id')}</span><input name="id" required pattern="[a-z0-9][a-z0-9\\-]{0,62}" /></label>
            <label><span>${t('branches.name')}</span><input name="name" required maxlength="200" /></label>
            <button type="submit">${t('branches.create')}</button>
            <button type="button" class="secondary" @click=${() => (this.adding = false)}>${t('common.cancel')}</button>
          </form>`
        : ''}
      ${this.token
        ? html`<div class="notice" data-token>
            ${t('branches.token', { id: this.token.applianceId, until: fmtDateTime(this.token.expiresAt) })}
            <pre>${this.token.enrollmentToken}</pre>
            <button class="link" @click=${() => (this.token = null)}>OK</button>
          </div>`
        : ''}
      ${this.items === null
        ? html`<p>${t('app.loading')}</p>`
        : this.items.length === 0
          ? html`<p class="muted">${t('common.empty')}</p>`
          : html`<table data-branches>
              <thead>
                <tr>
                  <th>${t('branches.name')}</th>
                  <th>${t('branches.status')}</th>
                  <th>${t('branches.lastContact')}</th>
                  <th class="num" title=${t('branches.backlogHint')}>${t('branches.backlog')}</th>
                  <th class="num">${t('branches.lag')}</th>
                  <th class="num">${t('branches.rejects')}</th>
                  <th>${t('branches.lastError')}</th>
                  <th class="num">${t('branches.schema')}</th>
                  <th>${t('branches.app')}</th>
                  <th class="num">${t('branches.skew')}</th>
                  ${this.admin ? html`<th></th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${this.items.map(
                  (b) => html`<tr data-branch=${b.id}>
                    <td><strong>${b.name}</strong><br /><code>${b.id}</code></td>
                    <td>${this.status(b)}</td>
                    <td data-field="lastContact">${b.lastContactAt ? fmtDateTime(b.lastContactAt) : t('branches.never')}</td>
                    <td class="num" data-field="backlog">${fmtNumber(b.backlog, 0)}</td>
                    <td class="num" data-field="lag">${fmtDuration(b.lagMs)}</td>
                    <td class="num" data-field="rejects">${fmtNumber(b.rejectsOpen, 0)} / ${fmtNumber(b.totals.rejects, 0)}</td>
                    <td>${b.lastError ? html`<code>${b.lastError.id}</code> <span class="muted">${fmtDateTime(b.lastError.at)}</span><br />${b.lastError.message}` : t('common.none')}</td>
                    <td class="num" data-field="schema">${b.schemaVersion ?? t('common.none')}</td>
                    <td>${b.appVersion ?? t('common.none')}</td>
                    <td class="num">${fmtDuration(b.clockSkewMs)}</td>
                    ${this.admin
                      ? html`<td>
                          <button class="secondary" @click=${() => this.act(async () => (this.token = await createEnrollmentToken(b.id)))}>${t('branches.newToken')}</button>
                          ${b.enrolled
                            ? html`<button class="danger" @click=${() => confirm(t('branches.confirmRevoke', { id: b.id })) && this.act(() => revokeBranch(b.id))}>${t('branches.revoke')}</button>`
                            : ''}
                        </td>`
                      : ''}
                  </tr>`,
                )}
              </tbody>
            </table>`}
    `;
  }
}
customElements.define('ec-hq-branches', EcHqBranches);

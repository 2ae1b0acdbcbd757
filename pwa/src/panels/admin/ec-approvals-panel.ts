import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { APPROVAL_REQUEST_STATES } from '@edgecall/contracts/settings/approvals';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { approve, fetchApprovalPolicies, fetchApprovals, reject, saveApprovalPolicy, withdraw, type ApprovalKind, type ApprovalPolicy, type ApprovalRequestView } from '../../data/approvals.ts';
import { profilesApi, type ProfileView } from '../../data/profiles.ts';
import type { Page } from '../../data/catalog.ts';
import type { MessageKey, MessageParams, Translator } from '../../i18n/translator.ts';
import type { FormValues } from '../../components/ec-settings-form.ts';
import type { RowAction } from '../../components/ec-settings-table.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import { numberOr, text, yesNo } from './catalog-screen.ts';
import '../../components/ec-settings-form.ts';
import '../../components/ec-settings-table.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-error-message.ts';

const PAGE = 20;
type Status = (typeof APPROVAL_REQUEST_STATES)[number] | 'all';
type PolicyRow = ApprovalPolicy & { id: string };

/**
 * Approvals: who must approve what (a policy per kind: the profiles that
 * approve, how many approvals, whether the submitter may approve), and the
 * queue of requests to approve, reject with a reason, or withdraw.
 */
@customElement('ec-approvals-panel')
export class EcApprovalsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      h2 {
        font-size: 1.1rem;
        margin: 0 0 0.6rem;
      }
      .toolbar select {
        min-width: 10rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private status: Status = 'pending';
  @state() private offset = 0;
  @state() private editing: ApprovalKind | null = null;
  @state() private rejecting: ApprovalRequestView | null = null;
  @state() private busy = false;
  @state() private formError: unknown = null;
  @state() private actionError: unknown = null;
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;
  #formValue: FormValues = {};
  #rejectValue: FormValues = { reason: '' };

  readonly #policies = new ResourceController<{ policies: ApprovalPolicy[]; profiles: ProfileView[] }>(this, () => this.#ctx.app, 'admin.approval-policies', async (app) => ({
    policies: await fetchApprovalPolicies(app.api),
    profiles: (await profilesApi.fetch(app.api, { offset: 0, limit: 500 })).items,
  }));
  readonly #queue = new ResourceController<{ offset: number; page: Page<ApprovalRequestView> }>(this, () => this.#ctx.app, 'admin.approvals', async (app) => {
    const offset = this.offset;
    return { offset, page: await fetchApprovals(app.api, { status: this.status, offset, limit: PAGE }) };
  });

  override render() {
    const t = this.#ctx.app.i18n.t;
    const offline = this.#ctx.app.connection.value.reachable === false;
    return html`<div class="head"><h1>${t.t('admin.approval.title')}</h1></div>
      <div class="stack">
        <p class="intro muted">${t.t('admin.approval.intro')}</p>
        ${this.notice ? html`<p class="notice" role="status">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        ${this.#policiesCard(t, offline)} ${this.#queueCard(t, offline)}
      </div>`;
  }

  #kindName = (t: Translator, k: ApprovalKind) => t.t(`admin.approval.kind.${k}` as MessageKey);

  #policiesCard(t: Translator, offline: boolean) {
    const data = this.#policies.current?.value;
    if (!data) return this.#loading(t, this.#policies.error);
    const profileName = (id: string) => data.profiles.find((p) => p.id === id)?.name ?? id;
    const editing = this.editing ? data.policies.find((p) => p.kind === this.editing) : null;
    return html`<section class="card" data-list="approval-policies">
      <h2>${t.t('admin.approval.policies')}</h2>
      <ec-settings-table
        .i18n=${t}
        .items=${data.policies.map((p): PolicyRow => ({ ...p, id: p.kind }))}
        .columns=${[
          { key: 'kind', label: t.t('admin.approval.kind'), render: (p: PolicyRow) => html`${this.#kindName(t, p.kind)}${p.kind === 'campaign' ? html` <span class="muted">(${t.t('admin.approval.noCampaigns')})</span>` : nothing}` },
          { key: 'required', label: t.t('admin.approval.required'), render: (p: PolicyRow) => yesNo(t, p.required) },
          { key: 'approvers', label: t.t('admin.approval.approvers'), render: (p: PolicyRow) => p.approverProfiles.map(profileName).join(', ') || t.t('common.none') },
          { key: 'needed', label: t.t('admin.approval.needed'), render: (p: PolicyRow) => t.number(p.approvalsNeeded) },
          { key: 'self', label: t.t('admin.approval.self'), render: (p: PolicyRow) => yesNo(t, p.allowSelfApproval) },
        ]}
        .actions=${[{ id: 'edit', label: t.t('admin.edit') }] as RowAction[]}
        .nameOf=${(p: PolicyRow) => p.kind}
        .readonly=${offline}
        @ec-row-action=${(e: CustomEvent<{ id: string }>) => this.#edit(e.detail.id as ApprovalKind, data.policies)}
      ></ec-settings-table>
      ${editing
        ? html`<ec-settings-form
            data-form="approval-policy"
            .i18n=${t}
            .heading=${t.t('admin.editTitle', { name: this.#kindName(t, editing.kind) })}
            .fields=${[
              { name: 'required', label: t.t('admin.approval.required'), type: 'checkbox', hint: t.t('admin.approval.requiredHint') },
              { name: 'approverProfiles', label: t.t('admin.approval.approvers'), type: 'checkboxes', options: data.profiles.map((p) => ({ value: p.id, label: p.name })) },
              { name: 'approvalsNeeded', label: t.t('admin.approval.needed'), type: 'number', min: 1, max: 5, step: 1 },
              { name: 'allowSelfApproval', label: t.t('admin.approval.self'), type: 'checkbox', hint: t.t('admin.approval.selfHint') },
            ]}
            .value=${this.#formValue}
            .busy=${this.busy || offline}
            .error=${this.formError ? describeError(t, this.formError) : null}
            @ec-submit=${(e: CustomEvent<{ value: FormValues }>) => this.#savePolicy(editing.kind, e.detail.value)}
            @ec-cancel=${() => ((this.editing = null), (this.formError = null))}
          ></ec-settings-form>`
        : nothing}
    </section>`;
  }

  #queueCard(t: Translator, offline: boolean) {
    const current = this.#queue.current?.value;
    const actions: RowAction[] = [
      { id: 'approve', label: t.t('admin.approval.approve') },
      { id: 'reject', label: t.t('admin.approval.reject'), danger: true },
      { id: 'withdraw', label: t.t('admin.approval.withdraw'), confirm: t.t('admin.approval.confirmWithdraw') },
    ];
    const approvals = (r: ApprovalRequestView) => r.decisions.filter((d) => d.decision === 'approve').length;
    return html`<section class="card" data-list="approvals">
      <h2>${t.t('admin.approval.queue')}</h2>
      <div class="toolbar">
        <label
          >${t.t('admin.approval.status')}
          <select name="filter-status" @change=${(e: Event) => ((this.status = (e.target as HTMLSelectElement).value as Status), (this.offset = 0), void this.#queue.load())}>
            ${[...APPROVAL_REQUEST_STATES, 'all' as const].map((s) => html`<option value=${s} ?selected=${s === this.status}>${t.t(`admin.approval.status.${s}` as MessageKey)}</option>`)}
          </select></label
        >
      </div>
      <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
      ${this.rejecting
        ? html`<ec-settings-form
            data-form="reject"
            .i18n=${t}
            .heading=${t.t('admin.approval.rejectTitle', { name: this.rejecting.targetName })}
            .submitLabel=${t.t('admin.approval.reject')}
            .fields=${[{ name: 'reason', label: t.t('admin.approval.reason'), type: 'textarea', required: true }]}
            .value=${this.#rejectValue}
            .busy=${this.busy || offline}
            .error=${this.formError ? describeError(t, this.formError) : null}
            @ec-submit=${(e: CustomEvent<{ value: FormValues }>) => this.#reject(this.rejecting!, text(e.detail.value.reason))}
            @ec-cancel=${() => ((this.rejecting = null), (this.formError = null))}
          ></ec-settings-form>`
        : nothing}
      ${current
        ? html`<ec-settings-table
              .i18n=${t}
              .items=${current.page.items}
              .columns=${[
                { key: 'item', label: t.t('admin.approval.item'), render: (r: ApprovalRequestView) => `${this.#kindName(t, r.kind)}: ${r.targetName}` },
                { key: 'submitted', label: t.t('admin.approval.submittedBy'), render: (r: ApprovalRequestView) => `${r.submittedBy.name}, ${t.dateTime(new Date(r.submittedAt))}` },
                { key: 'note', label: t.t('admin.approval.note'), render: (r: ApprovalRequestView) => r.note || '—' },
                { key: 'count', label: t.t('admin.approval.count'), render: (r: ApprovalRequestView) => `${approvals(r)} / ${r.approvalsNeeded}` },
                { key: 'status', label: t.t('admin.approval.status'), render: (r: ApprovalRequestView) => t.t(`admin.approval.status.${r.status}` as MessageKey) },
                { key: 'reason', label: t.t('admin.approval.reason'), render: (r: ApprovalRequestView) => r.reason ?? '—' },
              ]}
              .actions=${actions}
              .actionsFor=${(r: ApprovalRequestView) => (r.status !== 'pending' ? [] : [...(r.canDecide ? ['approve', 'reject'] : []), 'withdraw'])}
              .nameOf=${(r: ApprovalRequestView) => r.targetName}
              .emptyText=${t.t('admin.approval.empty')}
              .readonly=${offline}
              @ec-row-action=${(e: CustomEvent<{ action: string; id: string }>) => this.#onAction(e.detail.action, current.page.items.find((r) => r.id === e.detail.id)!)}
            ></ec-settings-table>
            <ec-pager .i18n=${t} .offset=${current.offset} .limit=${PAGE} .total=${current.page.total} @ec-page=${(e: CustomEvent<{ offset: number }>) => ((this.offset = e.detail.offset), void this.#queue.load())}></ec-pager>`
        : this.#loading(t, this.#queue.error)}
    </section>`;
  }

  #loading(t: Translator, error: unknown) {
    if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
    return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
  }

  #edit(kind: ApprovalKind, policies: ApprovalPolicy[]) {
    const p = policies.find((x) => x.kind === kind)!;
    this.#formValue = { required: p.required, approverProfiles: [...p.approverProfiles], approvalsNeeded: p.approvalsNeeded, allowSelfApproval: p.allowSelfApproval };
    this.formError = null;
    this.notice = null;
    this.editing = kind;
  }

  async #savePolicy(kind: ApprovalKind, v: FormValues) {
    this.busy = true;
    this.formError = null;
    try {
      await saveApprovalPolicy(this.#ctx.app.api, kind, {
        required: v.required === true,
        approverProfiles: (v.approverProfiles as string[]) ?? [],
        approvalsNeeded: numberOr(v.approvalsNeeded) ?? 1,
        allowSelfApproval: v.allowSelfApproval === true,
      });
      await this.#policies.load();
      this.notice = { key: 'admin.saved', params: { name: this.#kindName(this.#ctx.app.i18n.t, kind) } };
      this.editing = null;
    } catch (err) {
      this.formError = err;
    } finally {
      this.busy = false;
    }
  }

  async #onAction(action: string, r: ApprovalRequestView) {
    this.actionError = null;
    this.notice = null;
    if (action === 'reject') {
      this.formError = null;
      this.#rejectValue = { reason: '' };
      this.rejecting = r;
      return;
    }
    this.busy = true;
    try {
      const done = action === 'approve' ? await approve(this.#ctx.app.api, r.id) : await withdraw(this.#ctx.app.api, r.id);
      this.notice = { key: `admin.approval.done.${done.status}` as MessageKey, params: { name: r.targetName } };
      await this.#queue.load();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busy = false;
    }
  }

  async #reject(r: ApprovalRequestView, reason: string) {
    this.busy = true;
    this.formError = null;
    try {
      await reject(this.#ctx.app.api, r.id, reason);
      this.notice = { key: 'admin.approval.done.rejected', params: { name: r.targetName } };
      this.rejecting = null;
      await this.#queue.load();
    } catch (err) {
      this.formError = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-approvals-panel': EcApprovalsPanel;
  }
}

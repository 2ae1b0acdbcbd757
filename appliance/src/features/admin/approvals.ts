/**
 * Approvals (issue 6): per kind, a policy (required or not, which profiles
 * approve, how many approvals, whether the submitter may approve), and the
 * request queue: submit, approve, reject with a reason, withdraw, each
 * audited. While a kind needs approval its items are drafts until approved:
 * inactive, so nothing uses them (tickets take only active request
 * templates; evaluations will offer only active forms). Changing an item's
 * content sends it back to draft. Campaigns keep a policy for the module
 * that will bring them; nothing can be submitted for them yet.
 */
import {
  APPROVAL_KINDS,
  AppError,
  approvalPolicyProblems,
  type ApprovalKind,
  type ApprovalPolicy,
  type ApprovalPolicyInput,
  type ApprovalRequestState,
  type ApprovalRequestView,
  type ApprovalState,
  type SessionUser,
} from '@edgecall/contracts';
import type { Actor } from '../../lib/audit.ts';
import { invalid, type CatalogDeps } from './catalog.ts';
import type { AdminQueries, ApprovableKind, StoredApprovalRequest, StoredPolicy } from './ports.ts';

const NO_POLICY = (kind: ApprovalKind): StoredPolicy => ({ kind, required: false, approverProfiles: [], approvalsNeeded: 1, allowSelfApproval: false, updatedAt: null });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const LABEL: Record<ApprovalKind, string> = { campaign: 'campaign', template: 'template', evaluation_form: 'evaluation form' };

/** Fields whose change does not touch what was approved. */
const BOOKKEEPING = new Set(['active', 'approval', 'updatedAt']);
const content = (item: object) => JSON.stringify(Object.entries(item).filter(([k]) => !BOOKKEEPING.has(k)).sort(([a], [b]) => a.localeCompare(b)));

export interface ApprovalDeps extends CatalogDeps {
  /** Profile ids that exist (an approver must be one). */
  profileIds: () => Promise<Set<string>>;
  /** The profile id behind a session's profile name. */
  profileIdOf: (user: SessionUser) => Promise<string | null>;
}

export function createApprovals(deps: ApprovalDeps) {
  const { store, audit, clock } = deps;

  async function policyOf(tx: AdminQueries, kind: ApprovalKind): Promise<StoredPolicy> {
    return (await tx.policies()).find((p) => p.kind === kind) ?? NO_POLICY(kind);
  }

  async function policies(): Promise<ApprovalPolicy[]> {
    const stored = await store.policies();
    return APPROVAL_KINDS.map((kind) => {
      const p = stored.find((x) => x.kind === kind) ?? NO_POLICY(kind);
      return { ...p, updatedAt: iso(p.updatedAt) };
    });
  }

  async function setPolicy(kind: ApprovalKind, input: ApprovalPolicyInput, actor: Actor): Promise<ApprovalPolicy> {
    const problems = approvalPolicyProblems(input);
    const known = await deps.profileIds();
    input.approverProfiles.forEach((id, i) => {
      if (!known.has(id)) problems.push({ field: `approverProfiles.${i}`, message: `no profile ${id}` });
    });
    if (problems.length) throw invalid(problems);
    const before = await policyOf(store, kind);
    const next: StoredPolicy = { kind, ...input, updatedAt: clock.now() };
    await store.putPolicy(next);
    await audit.record({ ...actor, action: 'settings.approval_policy.update', targetType: 'approval_policy', targetId: kind, before, after: next });
    return { ...next, updatedAt: iso(next.updatedAt) };
  }

  /**
   * The catalogs' `adjust` for templates and evaluation forms: with a policy,
   * a new item or a changed content is a draft and inactive; without one,
   * every write leaves the item usable.
   */
  async function gate<T extends { id: string; active: boolean; approval?: ApprovalState }>(tx: AdminQueries, kind: ApprovableKind, next: T, prev: T | null): Promise<T> {
    const policy = await policyOf(tx, kind);
    if (!policy.required) return { ...next, approval: 'approved' };
    if (!prev || content(prev) !== content(next)) {
      if (prev) await withdrawOpen(tx, kind, next.id, 'the item changed after it was submitted');
      return { ...next, approval: 'draft', active: false };
    }
    return { ...next, approval: prev.approval ?? 'approved' };
  }

  /** The catalogs' check: an item that needs approval is not switched on by hand. */
  async function gateProblems(tx: AdminQueries, kind: ApprovableKind, next: { active: boolean; approval?: ApprovalState }) {
    const policy = await policyOf(tx, kind);
    return policy.required && next.active && (next.approval ?? 'approved') !== 'approved' ? [{ field: 'active', message: `a ${LABEL[kind]} needs approval before it is active: submit it for approval` }] : [];
  }

  /** What refers to an item: its open request (deletion waits for a decision or a withdrawal). */
  async function usage(tx: AdminQueries, kind: ApprovableKind, id: string) {
    const open = (await tx.approvalRequests({ status: 'pending', kind, targetId: id }, 0, 1)).total;
    return open ? [{ what: 'pending approval request', count: open }] : [];
  }

  async function withdrawOpen(tx: AdminQueries, kind: ApprovalKind, targetId: string, reason: string) {
    for (const r of (await tx.approvalRequests({ status: 'pending', kind, targetId }, 0, 100)).items) {
      await tx.putApprovalRequest({ ...r, status: 'withdrawn', reason, decidedAt: clock.now() });
    }
  }

  async function canDecide(r: StoredApprovalRequest, user: SessionUser, policy: StoredPolicy, profileId: string | null): Promise<boolean> {
    if (r.status !== 'pending' || !profileId || !policy.approverProfiles.includes(profileId)) return false;
    if (r.decisions.some((d) => d.by === user.id)) return false;
    return policy.allowSelfApproval || r.submittedBy !== user.id;
  }

  async function view(r: StoredApprovalRequest, user: SessionUser | null, profileId: string | null, all: StoredPolicy[]): Promise<ApprovalRequestView> {
    const policy = all.find((p) => p.kind === r.kind) ?? NO_POLICY(r.kind);
    return {
      id: r.id,
      kind: r.kind,
      targetId: r.targetId,
      targetName: r.targetName,
      status: r.status,
      note: r.note,
      submittedBy: { id: r.submittedBy, name: r.submittedByName },
      submittedAt: iso(r.submittedAt)!,
      decisions: r.decisions,
      approvalsNeeded: policy.approvalsNeeded,
      reason: r.reason,
      decidedAt: iso(r.decidedAt),
      canDecide: user ? await canDecide(r, user, policy, profileId) : false,
    };
  }

  /** Settings managers see every request; others the ones they submitted or may decide. */
  async function list(q: { status: ApprovalRequestState | 'all'; kind?: ApprovalKind; offset: number; limit: number }, user: SessionUser) {
    const profileId = await deps.profileIdOf(user);
    const all = await store.policies();
    const filter = { ...(q.status === 'all' ? {} : { status: q.status }), ...(q.kind ? { kind: q.kind } : {}) };
    if (user.permissions.includes('settings:manage')) {
      const { items, total } = await store.approvalRequests(filter, q.offset, q.limit);
      return { items: await Promise.all(items.map((r) => view(r, user, profileId, all))), total };
    }
    const mine = all.filter((p) => profileId && p.approverProfiles.includes(profileId)).map((p) => p.kind);
    const { items } = await store.approvalRequests(filter, 0, 10_000);
    const visible = items.filter((r) => r.submittedBy === user.id || mine.includes(r.kind));
    return { items: await Promise.all(visible.slice(q.offset, q.offset + q.limit).map((r) => view(r, user, profileId, all))), total: visible.length };
  }

  async function submit(input: { kind: ApprovalKind; targetId: string; note: string }, user: SessionUser, actor: Actor): Promise<ApprovalRequestView> {
    if (input.kind === 'campaign') throw invalid([{ field: 'kind', message: 'campaigns do not exist yet: their approval policy is kept for the campaigns module' }]);
    const kind = input.kind;
    const request = await store.transaction(async (tx) => {
      const policy = await policyOf(tx, kind);
      if (!policy.required) throw new AppError('conflict', `${LABEL[kind]}s need no approval: the policy is off`);
      const item = await tx.get(kind, input.targetId);
      if (!item) throw new AppError('not_found', `No ${LABEL[kind]} ${input.targetId}`);
      const state = item.approval ?? 'approved';
      if (state === 'pending') throw new AppError('conflict', `“${item.name}” is already waiting for approval`);
      if (state === 'approved') throw new AppError('conflict', `“${item.name}” is approved already; change it to submit a new version`);
      const r: StoredApprovalRequest = {
        id: deps.ids(),
        kind,
        targetId: item.id,
        targetName: item.name,
        status: 'pending',
        note: input.note,
        submittedBy: actor.actorId,
        submittedByName: actor.actorName,
        submittedAt: clock.now(),
        decisions: [],
        reason: null,
        decidedAt: null,
      };
      await tx.putApprovalRequest(r);
      await tx.setApproval(kind, item.id, 'pending', false);
      return r;
    });
    await audit.record({ ...actor, action: 'approval.submit', targetType: kind, targetId: input.targetId, after: request });
    return view(request, user, await deps.profileIdOf(user), await store.policies());
  }

  async function decide(id: string, user: SessionUser, actor: Actor, decision: { decision: 'approve'; comment: string } | { decision: 'reject'; reason: string }) {
    const profileId = await deps.profileIdOf(user);
    const { before, after } = await store.transaction(async (tx) => {
      const before = await tx.approvalRequest(id);
      if (!before) throw new AppError('not_found', `No approval request ${id}`);
      if (before.status !== 'pending') throw new AppError('conflict', `This request is ${before.status} already`);
      const policy = await policyOf(tx, before.kind);
      if (!(await canDecide(before, user, policy, profileId))) {
        const why = before.decisions.some((d) => d.by === user.id)
          ? 'you have decided on this request already'
          : before.submittedBy === user.id && !policy.allowSelfApproval
            ? 'you submitted this request; another approver must decide'
            : 'your profile does not approve this kind of item';
        throw new AppError('forbidden', `You cannot decide on this request: ${why}`);
      }
      const at = clock.now();
      const comment = decision.decision === 'approve' ? decision.comment : decision.reason;
      const decisions = [...before.decisions, { by: user.id, name: user.username, decision: decision.decision, comment, at: iso(at)! }];
      const approvals = decisions.filter((d) => d.decision === 'approve').length;
      const kind = before.kind as ApprovableKind;
      let after: StoredApprovalRequest = { ...before, decisions };
      if (decision.decision === 'reject') {
        after = { ...after, status: 'rejected', reason: decision.reason, decidedAt: at };
        await tx.setApproval(kind, before.targetId, 'rejected', false);
      } else if (approvals >= policy.approvalsNeeded) {
        after = { ...after, status: 'approved', decidedAt: at };
        // Approved: usable at once.
        await tx.setApproval(kind, before.targetId, 'approved', true);
      }
      await tx.putApprovalRequest(after);
      return { before, after };
    });
    await audit.record({ ...actor, action: `approval.${decision.decision}`, targetType: before.kind, targetId: before.targetId, before, after });
    return view(after, user, profileId, await store.policies());
  }

  async function withdraw(id: string, user: SessionUser, actor: Actor): Promise<ApprovalRequestView> {
    const { before, after } = await store.transaction(async (tx) => {
      const before = await tx.approvalRequest(id);
      if (!before) throw new AppError('not_found', `No approval request ${id}`);
      if (before.status !== 'pending') throw new AppError('conflict', `This request is ${before.status} already`);
      const after: StoredApprovalRequest = { ...before, status: 'withdrawn', reason: 'withdrawn', decidedAt: clock.now() };
      await tx.putApprovalRequest(after);
      await tx.setApproval(before.kind as ApprovableKind, before.targetId, 'draft', false);
      return { before, after };
    });
    await audit.record({ ...actor, action: 'approval.withdraw', targetType: before.kind, targetId: before.targetId, before, after });
    return view(after, user, await deps.profileIdOf(user), await store.policies());
  }

  /** Policies naming a profile (a profile in use cannot be deleted). */
  async function profileUsage(profileId: string) {
    const n = (await store.policies()).filter((p) => p.approverProfiles.includes(profileId)).length;
    return n ? [{ what: `approval polic${n === 1 ? 'y' : 'ies'}`, count: n }] : [];
  }

  return {
    policies,
    setPolicy,
    list,
    submit,
    approve: (id: string, comment: string, user: SessionUser, actor: Actor) => decide(id, user, actor, { decision: 'approve', comment }),
    reject: (id: string, reason: string, user: SessionUser, actor: Actor) => decide(id, user, actor, { decision: 'reject', reason }),
    withdraw,
    gate,
    gateProblems,
    usage,
    profileUsage,
  };
}

export type Approvals = ReturnType<typeof createApprovals>;

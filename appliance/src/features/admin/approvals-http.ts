/**
 * Routes of approvals (issue 6). Policies and submitting need settings:manage;
 * the queue, approving and rejecting need a session only: the policy names
 * the profiles that decide, and the service refuses everyone else (403).
 */
import { z } from 'zod';
import { APPROVAL_KINDS, AppError, ApprovalPolicyInput, ApprovalsQuery, ApproveRequest, RejectRequest, SubmitApproval, type ApprovalKind } from '@edgecall/contracts';
import { actorOf } from '../../lib/audit.ts';
import { created, requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import type { Approvals } from './approvals.ts';

const kindOf = (value: string): ApprovalKind => {
  if (!(APPROVAL_KINDS as readonly string[]).includes(value)) throw new AppError('not_found', `No approval kind ${value}; kinds: ${APPROVAL_KINDS.join(', ')}`);
  return value as ApprovalKind;
};

export function approvalRoutes(approvals: Approvals): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/settings/approval-policies',
      access: 'settings:manage',
      summary: 'Who must approve what: one policy per kind (campaign, template, evaluation_form)',
      handler: async () => ({ items: await approvals.policies() }),
    },
    {
      method: 'PUT',
      path: '/api/v1/settings/approval-policies/:kind',
      access: 'settings:manage',
      summary: 'Set the policy of a kind; new and changed items of it stay inactive until approved',
      body: ApprovalPolicyInput,
      handler: (ctx) => approvals.setPolicy(kindOf(ctx.params.kind), ctx.body as z.output<typeof ApprovalPolicyInput>, actorOf(ctx)),
    },
    {
      method: 'GET',
      path: '/api/v1/approvals',
      access: 'authenticated',
      summary: 'Approval requests: all for settings managers, else those one submitted or may decide',
      query: ApprovalsQuery,
      handler: (ctx) => approvals.list(ctx.query as z.output<typeof ApprovalsQuery>, requireAuth(ctx).user),
    },
    {
      method: 'POST',
      path: '/api/v1/approvals',
      access: 'settings:manage',
      summary: 'Submit a draft (or rejected) template or evaluation form for approval',
      body: SubmitApproval,
      handler: async (ctx) => created(await approvals.submit(ctx.body as z.output<typeof SubmitApproval>, requireAuth(ctx).user, actorOf(ctx))),
    },
    {
      method: 'POST',
      path: '/api/v1/approvals/:id/approve',
      access: 'authenticated',
      summary: 'Approve (approver profiles only); with enough approvals the item is active at once',
      body: ApproveRequest,
      handler: (ctx) => approvals.approve(ctx.params.id, (ctx.body as z.output<typeof ApproveRequest>).comment, requireAuth(ctx).user, actorOf(ctx)),
    },
    {
      method: 'POST',
      path: '/api/v1/approvals/:id/reject',
      access: 'authenticated',
      summary: 'Reject with a reason (approver profiles only); the item stays inactive',
      body: RejectRequest,
      handler: (ctx) => approvals.reject(ctx.params.id, (ctx.body as z.output<typeof RejectRequest>).reason, requireAuth(ctx).user, actorOf(ctx)),
    },
    {
      method: 'POST',
      path: '/api/v1/approvals/:id/withdraw',
      access: 'settings:manage',
      summary: 'Withdraw a pending request; the item is a draft again',
      handler: (ctx) => approvals.withdraw(ctx.params.id, requireAuth(ctx).user, actorOf(ctx)),
    },
  ];
}

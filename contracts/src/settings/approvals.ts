/**
 * Approvals (issue 6): per kind of item, whether a change must be approved
 * before it is used, which profiles approve and how many approvals it takes.
 * An item that needs approval stays inactive until approved. Campaigns have
 * a policy already; the campaigns module does not exist yet.
 */
import { z } from 'zod';
import { RECORD_ID } from '../crm.ts';
import type { SettingProblem } from './common.ts';

export const APPROVAL_KINDS = ['campaign', 'template', 'evaluation_form'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** An item's standing: `approved` is usable; the others stay inactive. */
export const APPROVAL_STATES = ['approved', 'draft', 'pending', 'rejected'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const ApprovalPolicyInput = z.strictObject({
  required: z.boolean(),
  /** Profile ids whose users approve. */
  approverProfiles: z.array(RECORD_ID).max(20).default([]),
  approvalsNeeded: z.number().int().min(1).max(5).default(1),
  /** Off: the one who submitted cannot approve (four eyes). */
  allowSelfApproval: z.boolean().default(false),
});
export type ApprovalPolicyInput = z.output<typeof ApprovalPolicyInput>;

export interface ApprovalPolicy extends ApprovalPolicyInput {
  kind: ApprovalKind;
  updatedAt: string | null;
}

export function approvalPolicyProblems(p: ApprovalPolicyInput): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (p.required && p.approverProfiles.length === 0) out.push({ field: 'approverProfiles', message: 'choose at least one profile that approves' });
  if (new Set(p.approverProfiles).size !== p.approverProfiles.length) out.push({ field: 'approverProfiles', message: 'a profile is listed twice' });
  return out;
}

export const SubmitApproval = z.strictObject({
  kind: z.enum(APPROVAL_KINDS),
  targetId: RECORD_ID,
  note: z.string().trim().max(1000).default(''),
});
export const ApproveRequest = z.strictObject({ comment: z.string().trim().max(1000).default('') });
export const RejectRequest = z.strictObject({ reason: z.string().trim().min(1, 'say why').max(1000) });

export const APPROVAL_REQUEST_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalRequestState = (typeof APPROVAL_REQUEST_STATES)[number];

export const ApprovalsQuery = z.strictObject({
  status: z.enum([...APPROVAL_REQUEST_STATES, 'all']).default('pending'),
  kind: z.enum(APPROVAL_KINDS).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface ApprovalDecision {
  by: string | null;
  name: string;
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
}

export interface ApprovalRequestView {
  id: string;
  kind: ApprovalKind;
  targetId: string;
  targetName: string;
  status: ApprovalRequestState;
  note: string;
  submittedBy: { id: string | null; name: string };
  submittedAt: string;
  decisions: ApprovalDecision[];
  approvalsNeeded: number;
  reason: string | null;
  decidedAt: string | null;
  /** May the asking user approve or reject it now? */
  canDecide: boolean;
}

import type { ApprovalKind, ApprovalPolicy, ApprovalPolicyInput, ApprovalRequestState, ApprovalRequestView } from '@edgecall/contracts/settings/approvals';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export type { ApprovalKind, ApprovalPolicy, ApprovalRequestView } from '@edgecall/contracts/settings/approvals';

export async function fetchApprovalPolicies(api: ApiClient): Promise<ApprovalPolicy[]> {
  return (await api.request<{ items: ApprovalPolicy[] }>('GET', '/api/v1/settings/approval-policies')).items;
}

export function saveApprovalPolicy(api: ApiClient, kind: ApprovalKind, input: ApprovalPolicyInput): Promise<ApprovalPolicy> {
  return api.request('PUT', `/api/v1/settings/approval-policies/${kind}`, input);
}

export function fetchApprovals(api: ApiClient, q: { status: ApprovalRequestState | 'all'; offset: number; limit: number }): Promise<{ items: ApprovalRequestView[]; total: number }> {
  return api.request('GET', `/api/v1/approvals${query({ status: q.status, offset: q.offset, limit: q.limit })}`);
}

/** Sends a draft (or rejected) template or evaluation form to its approvers. */
export function submitForApproval(api: ApiClient, kind: ApprovalKind, targetId: string, note = ''): Promise<ApprovalRequestView> {
  return api.request('POST', '/api/v1/approvals', { kind, targetId, note });
}

export const approve = (api: ApiClient, id: string, comment = ''): Promise<ApprovalRequestView> => api.request('POST', `/api/v1/approvals/${encodeURIComponent(id)}/approve`, { comment });
export const reject = (api: ApiClient, id: string, reason: string): Promise<ApprovalRequestView> => api.request('POST', `/api/v1/approvals/${encodeURIComponent(id)}/reject`, { reason });
export const withdraw = (api: ApiClient, id: string): Promise<ApprovalRequestView> => api.request('POST', `/api/v1/approvals/${encodeURIComponent(id)}/withdraw`);

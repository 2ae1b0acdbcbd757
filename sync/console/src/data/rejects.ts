import { api, qs } from './api.ts';

export interface Reject {
  id: number;
  applianceId: string;
  seq: number;
  entity: string | null;
  entityId: string | null;
  reason: string;
  message: string;
  details: unknown;
  record: unknown;
  receivedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export const fetchRejects = (q: { status: string; appliance?: string; offset: number; limit: number }) =>
  api<{ items: Reject[]; total: number }>('GET', `/hq/v1/rejects${qs(q)}`);
export const retryReject = (id: number) => api<Reject>('POST', `/hq/v1/rejects/${id}/retry`);
export const dismissReject = (id: number) => api<Reject>('POST', `/hq/v1/rejects/${id}/dismiss`);

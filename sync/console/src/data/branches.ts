import { api } from './api.ts';

export interface Branch {
  id: string;
  name: string;
  enrolled: boolean;
  enrolledAt: string | null;
  createdAt: string;
  ackedSeq: number;
  headSeq: number;
  backlog: number;
  lastContactAt: string | null;
  lagMs: number | null;
  schemaVersion: number | null;
  appVersion: string | null;
  clockSkewMs: number | null;
  lastError: { id: string; message: string; at: string } | null;
  rejectsOpen: number;
  totals: { batches: number; records: number; duplicates: number; rejects: number };
}

export interface EnrollmentToken {
  applianceId: string;
  enrollmentToken: string;
  expiresAt: string;
}

export const fetchBranches = () => api<{ items: Branch[] }>('GET', '/hq/v1/appliances').then((r) => r.items);
export const createBranch = (id: string, name: string) => api<EnrollmentToken>('POST', '/hq/v1/appliances', { id, name });
export const createEnrollmentToken = (id: string) => api<EnrollmentToken>('POST', `/hq/v1/appliances/${encodeURIComponent(id)}/enrollment-tokens`, {});
export const revokeBranch = (id: string) => api<unknown>('POST', `/hq/v1/appliances/${encodeURIComponent(id)}/revoke`);

import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export interface AuditEntry {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export interface AuditQuery {
  offset: number;
  limit: number;
  action?: string;
  actor?: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

export function fetchAudit(api: ApiClient, q: AuditQuery): Promise<AuditPage> {
  return api.request('GET', `/api/v1/audit${query({ offset: q.offset, limit: q.limit, action: q.action?.trim(), actor: q.actor?.trim() })}`);
}

export function fetchAuditVerification(api: ApiClient): Promise<AuditVerification> {
  return api.request('GET', '/api/v1/audit/verify');
}

/** The whole log as CSV; the browser downloads it with the session cookie. */
export function auditCsvUrl(api: ApiClient): string {
  return api.url('/api/v1/audit', { format: 'csv' });
}

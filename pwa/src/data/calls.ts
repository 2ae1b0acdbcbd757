import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export interface CallEvent {
  type: string;
  seq: number;
  /** Epoch ms. */
  at: number;
  agent?: string;
  queue?: string;
  cause?: string;
  [extra: string]: unknown;
}

/** One call's journey as the appliance stores it (times in epoch ms). */
export interface CallRecord {
  id: string;
  direction: 'inbound' | 'outbound' | string;
  number: string;
  did: string | null;
  stage: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  cause: string | null;
  recording: string | null;
  events: CallEvent[];
}

export interface CallPage {
  items: CallRecord[];
  total: number;
  from: number;
  to: number;
}

export interface CallQuery {
  from?: number;
  to?: number;
  limit?: number;
  offset?: number;
  number?: string;
  agent?: string;
  queue?: string;
  direction?: string;
}

const params = (q: CallQuery) => ({ ...q, number: q.number?.trim() || undefined });

export function fetchCalls(api: ApiClient, q: CallQuery): Promise<CallPage> {
  return api.request('GET', `/api/v1/calls${query(params(q))}`);
}

/** The same selection as CSV; the browser downloads it with the session cookie. */
export function callsCsvUrl(api: ApiClient, q: CallQuery): string {
  return api.url('/api/v1/calls', { ...params(q), limit: undefined, offset: undefined, format: 'csv' });
}

/** Missed = ended without ever being answered (the operator's list; KPIS.md's missedCalls also drops short calls). */
export function isMissed(c: CallRecord): boolean {
  return c.endedAt !== null && !c.events.some((e) => e.type === 'answered');
}

/** Local midnight: "today" for the branch the device sits in. */
export function startOfToday(now = new Date()): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

export function fetchCall(api: ApiClient, id: string): Promise<CallRecord> {
  return api.request('GET', `/api/v1/calls/${encodeURIComponent(id)}`);
}

import type { CallbackEntry, CallbackOutcome } from '@edgecall/contracts/crm';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import type { Outbox, SubmitResult } from '../offline/outbox.ts';

export type { CallbackEntry, CallbackOutcome } from '@edgecall/contracts/crm';
export { CALLBACK_OUTCOMES } from '@edgecall/contracts/crm';

export type CallbackStatus = 'open' | 'closed' | 'all';
export type CallbackAssigned = 'me' | 'unassigned' | 'any';

export interface CallbackQuery {
  status: CallbackStatus;
  assigned: CallbackAssigned;
  number?: string;
  offset: number;
  limit: number;
}

export interface CallbackPage {
  items: CallbackEntry[];
  total: number;
}

const params = (q: Partial<CallbackQuery>) => ({ status: q.status, assigned: q.assigned, number: q.number?.trim() || undefined });

export function fetchCallbacks(api: ApiClient, q: CallbackQuery): Promise<CallbackPage> {
  return api.request('GET', `/api/v1/callbacks${query({ ...params(q), offset: q.offset, limit: q.limit })}`);
}

/** Open entries assigned to me: the nav badge. */
export async function fetchMyOpenCallbackCount(api: ApiClient): Promise<number> {
  return (await fetchCallbacks(api, { status: 'open', assigned: 'me', offset: 0, limit: 1 })).total;
}

export function callbacksExportUrl(api: ApiClient, q: Partial<CallbackQuery>, format: 'csv' | 'xlsx'): string {
  return api.url('/api/v1/callbacks', { ...params(q), format });
}

const entryPath = (id: string, action: string) => `/api/v1/callbacks/${encodeURIComponent(id)}/${action}`;

export function takeCallback(api: ApiClient, id: string): Promise<CallbackEntry> {
  return api.request('POST', entryPath(id, 'take'));
}

/** Dials the entry's number: the agent's phone rings first. */
export function callCallback(api: ApiClient, id: string): Promise<{ callId: string }> {
  return api.request('POST', entryPath(id, 'call'));
}

export function closeCallback(api: ApiClient, id: string, note = ''): Promise<CallbackEntry> {
  return api.request('POST', entryPath(id, 'close'), { note });
}

export function assignCallback(api: ApiClient, id: string, agent: string | null): Promise<CallbackEntry> {
  return api.request('POST', entryPath(id, 'assign'), { agent });
}

/** Through the outbox: an outcome noted offline reaches the list later. */
export function noteCallbackOutcome(outbox: Outbox, entry: Pick<CallbackEntry, 'id' | 'number'>, outcome: CallbackOutcome, note: string): Promise<SubmitResult<CallbackEntry>> {
  return outbox.submit<CallbackEntry>({ kind: 'callback-outcome', method: 'POST', path: entryPath(entry.id, 'outcome'), body: { outcome, note }, label: entry.number });
}

export interface CallbackScheduleDraft {
  number: string;
  /** ISO date-time with offset. */
  scheduledFor: string;
  note: string;
  contactId: string | null;
}

export function scheduleCallback(outbox: Outbox, input: CallbackScheduleDraft): Promise<SubmitResult<CallbackEntry>> {
  return outbox.submit<CallbackEntry>({ kind: 'callback-schedule', method: 'POST', path: '/api/v1/callbacks', body: { ...input }, label: input.number });
}

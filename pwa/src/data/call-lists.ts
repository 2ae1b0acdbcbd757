import type { CallListItem } from '@edgecall/contracts/crm';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export type { CallListItem } from '@edgecall/contracts/crm';

export type CallListKind = 'missed' | 'incoming' | 'outgoing' | 'all';

export interface CallListFilter {
  /** Epoch ms. */
  from?: number;
  to?: number;
  number?: string;
  queue?: string;
  agent?: string;
  requestTypeId?: string;
  classificationId?: string;
}

export interface CallListPage {
  items: CallListItem[];
  total: number;
  from: number;
  to: number;
}

const params = (f: CallListFilter) => ({
  from: f.from,
  to: f.to,
  number: f.number?.trim() || undefined,
  queue: f.queue?.trim() || undefined,
  agent: f.agent?.trim() || undefined,
  requestTypeId: f.requestTypeId || undefined,
  classificationId: f.classificationId || undefined,
});

export function fetchCallList(api: ApiClient, kind: CallListKind, f: CallListFilter, page: { offset: number; limit: number }): Promise<CallListPage> {
  return api.request('GET', `/api/v1/call-lists/${kind}${query({ ...params(f), ...page })}`);
}

/** The same selection as a file; the browser downloads it with the session cookie. */
export function callListExportUrl(api: ApiClient, kind: CallListKind, f: CallListFilter, format: 'csv' | 'xlsx'): string {
  return api.url(`/api/v1/call-lists/${kind}`, { ...params(f), format });
}

/** The caller's previous calls for the screen pop. */
export async function fetchCallerHistory(api: ApiClient, number: string, limit = 10): Promise<CallListItem[]> {
  return (await fetchCallList(api, 'all', { number }, { offset: 0, limit })).items;
}

/** Served only to roles with recordings:listen; the audio element fetches it with the session cookie. */
export function recordingUrl(api: ApiClient, callId: string): string {
  return api.url(`/api/v1/calls/${encodeURIComponent(callId)}/recording`);
}

/** Calls back the number of a call (the agent's phone rings first). */
export function callBackCall(api: ApiClient, callId: string): Promise<{ callId: string; number: string }> {
  return api.request('POST', `/api/v1/calls/${encodeURIComponent(callId)}/callback`);
}

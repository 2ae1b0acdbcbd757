import type { OperatorMode, OperatorModeRow } from '@edgecall/contracts/settings/operator-modes';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import type { Page } from './catalog.ts';

export type { OperatorMode, OperatorModeRow } from '@edgecall/contracts/settings/operator-modes';

export function fetchOperatorModes(api: ApiClient, q: { search?: string; offset: number; limit: number; mode?: OperatorMode }): Promise<Page<OperatorModeRow>> {
  return api.request('GET', `/api/v1/settings/operator-modes${query({ search: q.search?.trim(), offset: q.offset, limit: q.limit, mode: q.mode })}`);
}

export function setOperatorMode(api: ApiClient, agent: string, mode: OperatorMode): Promise<OperatorModeRow> {
  return api.request('PUT', `/api/v1/settings/operator-modes/${encodeURIComponent(agent)}`, { mode });
}

/** Back to the default (blended). */
export function resetOperatorMode(api: ApiClient, agent: string): Promise<OperatorModeRow> {
  return api.request('DELETE', `/api/v1/settings/operator-modes/${encodeURIComponent(agent)}`);
}

import type { PauseMenu, PauseReason, PauseReasonInput } from '@edgecall/contracts/settings/pause-reasons';
import type { ApiClient } from './http.ts';
import { catalogApi } from './catalog.ts';

export type { PauseMenu, PauseReason } from '@edgecall/contracts/settings/pause-reasons';

/** The admin list (code, names, billable, active, order). */
export const pauseReasonsApi = catalogApi<PauseReason, Partial<PauseReasonInput>>('/api/v1/settings/pause-reasons', { importable: true, exportable: true });

/** The agents' pause menu: active reasons in order, and those the system sets. */
export function fetchPauseMenu(api: ApiClient): Promise<PauseMenu> {
  return api.request('GET', '/api/v1/pause-reasons');
}

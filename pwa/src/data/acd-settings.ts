import type { AcdSettings, AcdSettingsInput } from '@edgecall/contracts/acd-settings';
import type { ApiClient } from './http.ts';

export type { AcdSettings, QueueSettings, IvrMenu } from '@edgecall/contracts/acd-settings';

/** Queues, IVR menus, entries and hours, with every default filled in. */
export function fetchAcdSettings(api: ApiClient): Promise<AcdSettings> {
  return api.request('GET', '/api/v1/settings/acd');
}

/** Replaces the whole object; refused as a whole (`details` name `queues.0.maxWaitSeconds`…). */
export function saveAcdSettings(api: ApiClient, settings: AcdSettingsInput): Promise<AcdSettings> {
  return api.request('PUT', '/api/v1/settings/acd', settings);
}

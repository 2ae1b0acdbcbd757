import type { HardwareProfileView, TrunkInput, TrunkView } from '@edgecall/contracts/settings/pbx';
import type { ApiClient } from './http.ts';

export type { HardwareProfileView, TrunkView } from '@edgecall/contracts/settings/pbx';

const PATH = '/api/v1/settings/trunk';

export const fetchTrunk = (api: ApiClient): Promise<TrunkView> => api.request('GET', PATH);
/** `{reloadRequired: true}` in the answer: the PBX applies registration and E1/FXO on its reload. */
export const saveTrunk = (api: ApiClient, input: Partial<TrunkInput> & { kind: TrunkInput['kind'] }): Promise<TrunkView> => api.request('PUT', PATH, input);
export const removeTrunk = (api: ApiClient): Promise<TrunkView> => api.request('DELETE', PATH);
export async function fetchHardwareProfiles(api: ApiClient): Promise<HardwareProfileView[]> {
  return (await api.request<{ items: HardwareProfileView[] }>('GET', `${PATH}/hardware`)).items;
}

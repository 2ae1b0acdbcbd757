import type { AgentNumberInput, AgentNumberPatch, AgentNumberView } from '@edgecall/contracts/settings/pbx';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import type { CatalogApi } from './catalog.ts';

export type { AgentNumberView } from '@edgecall/contracts/settings/pbx';

/** A row of the list: the number is its id. */
export type AgentNumberRow = AgentNumberView & { id: string };
const row = (v: AgentNumberView): AgentNumberRow => ({ ...v, id: v.number });
const PATH = '/api/v1/settings/agent-numbers';

export const agentNumbersApi: CatalogApi<AgentNumberRow, Partial<AgentNumberInput>, AgentNumberPatch> = {
  async fetch(api, q) {
    const page = await api.request<{ items: AgentNumberView[]; total: number }>('GET', `${PATH}${query({ search: q.search?.trim() || undefined, offset: q.offset, limit: q.limit })}`);
    return { items: page.items.map(row), total: page.total };
  },
  create: async (api, input) => row(await api.request<AgentNumberView>('POST', PATH, input)),
  update: async (api, id, patch) => row(await api.request<AgentNumberView>('PATCH', `${PATH}/${encodeURIComponent(id)}`, patch)),
  remove: async (api, id) => void (await api.request('DELETE', `${PATH}/${encodeURIComponent(id)}`)),
};

export function fetchAgentDialing(api: ApiClient): Promise<{ dialTemplate: string }> {
  return api.request('GET', '/api/v1/settings/agent-dialing');
}

export function saveAgentDialing(api: ApiClient, dialTemplate: string): Promise<{ dialTemplate: string }> {
  return api.request('PUT', '/api/v1/settings/agent-dialing', { dialTemplate });
}

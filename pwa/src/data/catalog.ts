import type { ImportResult } from '@edgecall/contracts/crm';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export type { ImportResult } from '@edgecall/contracts/crm';

/** One page of an admin list, as every `/api/v1/settings/<list>` answers. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Search and paging, plus the list's own filters (`requestTypeId`, `parentId`…). */
export interface CatalogQuery {
  search?: string;
  offset: number;
  limit: number;
  filters?: Record<string, string | undefined>;
}

/**
 * The five (or seven) calls of one admin list: `fetch`, `create`, `update`,
 * `remove`, and where the appliance offers them `importCsv` and `csvUrl`.
 */
export interface CatalogApi<T, I = unknown, P = Partial<I>> {
  fetch(api: ApiClient, q: CatalogQuery): Promise<Page<T>>;
  create(api: ApiClient, input: I): Promise<T>;
  update(api: ApiClient, id: string, patch: P): Promise<T>;
  remove(api: ApiClient, id: string): Promise<void>;
  /** All rows or none; a refusal lists the bad lines (`details: [{line, message}]`). */
  importCsv?(api: ApiClient, csv: string): Promise<ImportResult>;
  /** The export link the browser follows itself. */
  csvUrl?(api: ApiClient, q: CatalogQuery): string;
}

const params = (q: CatalogQuery) => ({ search: q.search?.trim() || undefined, ...q.filters });

export function catalogApi<T, I = unknown, P = Partial<I>>(path: string, opts: { importable?: boolean; exportable?: boolean } = {}): CatalogApi<T, I, P> {
  const one = (id: string) => `${path}/${encodeURIComponent(id)}`;
  return {
    fetch: (api, q) => api.request('GET', `${path}${query({ ...params(q), offset: q.offset, limit: q.limit })}`),
    create: (api, input) => api.request('POST', path, input),
    update: (api, id, patch) => api.request('PATCH', one(id), patch),
    remove: (api, id) => api.request('DELETE', one(id)),
    ...(opts.importable ? { importCsv: (api: ApiClient, csv: string) => api.request<ImportResult>('POST', `${path}/import`, { csv }) } : {}),
    ...(opts.exportable ? { csvUrl: (api: ApiClient, q: CatalogQuery) => api.url(path, { ...params(q), format: 'csv' }) } : {}),
  };
}

import { api } from './api.ts';

export interface RefItem {
  dataset: string;
  key: string;
  rev: number;
  deleted: boolean;
  payload: Record<string, unknown> | null;
  updatedAt: string;
}

const path = (dataset: string, key?: string) => `/hq/v1/ref/${encodeURIComponent(dataset)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

export const fetchRefItems = (dataset: string) => api<{ items: RefItem[] }>('GET', path(dataset)).then((r) => r.items);
export const saveRefItem = (dataset: string, key: string, payload: Record<string, unknown>) => api<{ rev: number }>('PUT', path(dataset, key), payload);
export const deleteRefItem = (dataset: string, key: string) => api<{ rev: number }>('DELETE', path(dataset, key));

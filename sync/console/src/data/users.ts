import type { HqAuditEntry, HqRole, HqUserView } from '@edgecall/contracts/hq';
import { api, qs } from './api.ts';

export const fetchUsers = () => api<{ items: HqUserView[] }>('GET', '/hq/v1/users').then((r) => r.items);
export const createUser = (u: { username: string; displayName: string; role: HqRole; password: string }) => api<HqUserView>('POST', '/hq/v1/users', u);
export const updateUser = (id: string, patch: { displayName?: string; role?: HqRole; password?: string; disabled?: boolean }) =>
  api<HqUserView>('PATCH', `/hq/v1/users/${encodeURIComponent(id)}`, patch);
export const fetchAudit = (q: { action?: string; offset: number; limit: number }) => api<{ items: HqAuditEntry[]; total: number }>('GET', `/hq/v1/audit${qs(q)}`);

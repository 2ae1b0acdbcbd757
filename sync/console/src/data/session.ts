import type { HqRole } from '@edgecall/contracts/hq';
import { api } from './api.ts';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: HqRole;
}

export const fetchMe = () => api<{ user: SessionUser }>('GET', '/hq/v1/auth/me').then((r) => r.user);
export const createSession = (username: string, password: string) => api<{ user: SessionUser; expiresAt: string }>('POST', '/hq/v1/auth/login', { username, password });
export const endSession = () => api<unknown>('POST', '/hq/v1/auth/logout');
export const changeOwnPassword = (currentPassword: string, newPassword: string) => api<unknown>('POST', '/hq/v1/auth/password', { currentPassword, newPassword });

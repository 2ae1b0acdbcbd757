import type { CreateUserRequest, UpdateUserRequest } from '@edgecall/contracts/auth';
import type { ProfileKind } from '@edgecall/contracts/permissions';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export type { CreateUserRequest, UpdateUserRequest } from '@edgecall/contracts/auth';

/** A user as GET /api/v1/users lists it (never with a password hash). */
export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  profile: string;
  profileId: string;
  agentNumber: string | null;
  groups: string[];
  locale: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface UserPage {
  items: UserRow[];
  total: number;
}

export interface UserQuery {
  offset: number;
  limit: number;
  search?: string;
}

export interface Profile {
  id: string;
  name: string;
  kind: ProfileKind;
  permissions: string[];
  builtin: boolean;
}

export function fetchUsers(api: ApiClient, q: UserQuery): Promise<UserPage> {
  return api.request('GET', `/api/v1/users${query({ offset: q.offset, limit: q.limit, search: q.search?.trim() })}`);
}

export function createUser(api: ApiClient, input: CreateUserRequest): Promise<UserRow> {
  return api.request('POST', '/api/v1/users', input);
}

export function updateUser(api: ApiClient, id: string, patch: UpdateUserRequest): Promise<UserRow> {
  return api.request('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, patch);
}

export function deleteUser(api: ApiClient, id: string): Promise<void> {
  return api.request('DELETE', `/api/v1/users/${encodeURIComponent(id)}`);
}

export async function fetchProfiles(api: ApiClient): Promise<Profile[]> {
  return (await api.request<{ items: Profile[] }>('GET', '/api/v1/profiles')).items;
}

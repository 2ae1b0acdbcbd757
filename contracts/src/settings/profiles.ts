/**
 * Profiles (roles) of issue 6: a name, the kind that decides the live
 * channel's scope (contracts/mqtt-acl.ts), and a set of PERMISSIONS. The
 * three built-in profiles keep their name and kind; their permissions are
 * editable like any other's.
 */
import { z } from 'zod';
import { PERMISSIONS, PROFILE_KINDS, type Permission, type ProfileKind } from '../permissions.ts';
import type { SettingProblem } from './common.ts';

export const PROFILE_NAME = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, spaces, dot, dash and underscore; starting with a letter or digit');

export const ProfileInput = z.strictObject({
  name: PROFILE_NAME,
  kind: z.enum(PROFILE_KINDS),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});
export type ProfileInput = z.output<typeof ProfileInput>;
export const ProfilePatch = ProfileInput.partial().strict();
export type ProfilePatch = z.output<typeof ProfilePatch>;

export const ProfilesQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export interface ProfileView {
  id: string;
  name: string;
  kind: ProfileKind;
  permissions: Permission[];
  builtin: boolean;
  /** Users on the profile (a profile in use cannot be deleted). */
  users: number;
}

/** The two permissions that together keep the branch manageable (lock-out guard). */
export const MANAGER_PERMISSIONS: readonly Permission[] = ['users:manage', 'settings:manage'];
export const isManager = (permissions: readonly string[]) => MANAGER_PERMISSIONS.every((p) => permissions.includes(p));

/** Rules the schema cannot say: every session needs self:read (its own session, the live channel). */
export function profileProblems(p: Pick<ProfileInput, 'permissions' | 'kind'>): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (!p.permissions.includes('self:read')) out.push({ field: 'permissions', message: 'self:read is needed by every profile: without it a user cannot open the live channel' });
  const seen = new Set<string>();
  for (const perm of p.permissions) {
    if (seen.has(perm)) out.push({ field: 'permissions', message: `${perm} is listed twice` });
    seen.add(perm);
  }
  return out;
}

/**
 * Profiles (roles) as admins edit them (issue 6): a name, the kind that
 * decides the live channel's scope, and a permission set. Permissions are
 * read per request (service.ts), so a change holds at the next request; live
 * connections are re-checked through `onChanged`. A profile with users
 * cannot be deleted, and no change may leave the branch without an enabled
 * user who holds users:manage and settings:manage.
 */
import {
  AppError,
  MANAGER_PERMISSIONS,
  PERMISSIONS,
  isManager,
  profileProblems,
  type Permission,
  type ProfileInput,
  type ProfilePatch,
  type ProfileView,
  type SettingProblem,
} from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';
import type { ProfileRecord } from './users-service.ts';

export interface ProfileStore {
  profiles(): Promise<ProfileRecord[]>;
  insertProfile(row: ProfileRecord & { createdAt: number; updatedAt: number }): Promise<void>;
  updateProfile(id: string, patch: Partial<Pick<ProfileRecord, 'name' | 'kind' | 'permissions'>> & { updatedAt: number }): Promise<void>;
  removeProfile(id: string): Promise<void>;
  /** Users per profile id: all of them, and the enabled ones. */
  userCounts(): Promise<Map<string, { all: number; enabled: number }>>;
}

export interface ProfileDeps {
  store: ProfileStore;
  clock: Clock;
  ids: () => string;
  audit: AuditRecorder;
  /** What else names a profile (approval policies), as non-zero counts. */
  usage: (profileId: string) => Promise<{ what: string; count: number }[]>;
  /** After a change: live connections of its users are re-checked. */
  onChanged: (profileId: string) => Promise<void>;
}

const known = (permissions: readonly string[]): Permission[] => PERMISSIONS.filter((p) => permissions.includes(p));
const fold = (name: string) => name.trim().toLocaleLowerCase('az');
const invalid = (problems: SettingProblem[]) => new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);

export function createProfiles(deps: ProfileDeps) {
  const { store, audit } = deps;

  async function views(): Promise<ProfileView[]> {
    const [profiles, counts] = await Promise.all([store.profiles(), store.userCounts()]);
    return profiles.map((p) => ({ id: p.id, name: p.name, kind: p.kind, permissions: known(p.permissions), builtin: p.builtin, users: counts.get(p.id)?.all ?? 0 }));
  }

  async function list(q: { search?: string; offset: number; limit: number }) {
    const words = (q.search ?? '').trim() ? fold(q.search!).split(/\s+/) : [];
    const all = (await views()).filter((p) => words.every((w) => fold(`${p.name} ${p.kind} ${p.permissions.join(' ')}`).includes(w)));
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
  }

  async function get(id: string): Promise<ProfileView> {
    const p = (await views()).find((x) => x.id === id);
    if (!p) throw new AppError('not_found', `No profile ${id}`);
    return p;
  }

  async function assertNameFree(name: string, selfId?: string) {
    const other = (await store.profiles()).find((p) => p.id !== selfId && fold(p.name) === fold(name));
    if (other) throw new AppError('conflict', `A profile named “${other.name}” already exists`, { id: other.id });
  }

  /** Would some enabled user still hold every manager permission if `id` had `permissions`? */
  async function assertManagersRemain(id: string, permissions: readonly string[]) {
    const [profiles, counts] = await Promise.all([store.profiles(), store.userCounts()]);
    const managers = profiles.reduce((n, p) => n + (isManager(p.id === id ? permissions : p.permissions) ? (counts.get(p.id)?.enabled ?? 0) : 0), 0);
    if (managers === 0) {
      throw invalid([{ field: 'permissions', message: `no enabled user would keep ${MANAGER_PERMISSIONS.join(' and ')}: nobody could manage the branch any more` }]);
    }
  }

  async function create(input: ProfileInput, actor: Actor): Promise<ProfileView> {
    const problems = profileProblems(input);
    if (problems.length) throw invalid(problems);
    await assertNameFree(input.name);
    const now = deps.clock.now();
    const row = { id: deps.ids(), name: input.name.trim(), kind: input.kind, permissions: known(input.permissions), builtin: false, createdAt: now, updatedAt: now };
    await store.insertProfile(row);
    const after = await get(row.id);
    await audit.record({ ...actor, action: 'profile.create', targetType: 'profile', targetId: row.id, after });
    return after;
  }

  async function update(id: string, patch: ProfilePatch, actor: Actor): Promise<ProfileView> {
    const before = await get(id);
    const problems: SettingProblem[] = [];
    // Built-in profiles are named in seeds, provisioning and docs: their name and kind stay.
    if (before.builtin && patch.name !== undefined && patch.name.trim() !== before.name) problems.push({ field: 'name', message: 'a built-in profile keeps its name' });
    if (before.builtin && patch.kind !== undefined && patch.kind !== before.kind) problems.push({ field: 'kind', message: 'a built-in profile keeps its kind' });
    const next = { name: patch.name?.trim() ?? before.name, kind: patch.kind ?? before.kind, permissions: patch.permissions ? known(patch.permissions) : before.permissions };
    problems.push(...profileProblems(next));
    if (problems.length) throw invalid(problems);
    if (next.name !== before.name) await assertNameFree(next.name, id);
    await assertManagersRemain(id, next.permissions);
    await store.updateProfile(id, { ...next, updatedAt: deps.clock.now() });
    const after = await get(id);
    await audit.record({ ...actor, action: 'profile.update', targetType: 'profile', targetId: id, before, after });
    if (next.kind !== before.kind || next.permissions.join() !== before.permissions.join()) await deps.onChanged(id);
    return after;
  }

  async function remove(id: string, actor: Actor): Promise<void> {
    const before = await get(id);
    if (before.builtin) throw new AppError('conflict', `“${before.name}” is a built-in profile and cannot be deleted`);
    const usage = [...(before.users ? [{ what: `user${before.users === 1 ? '' : 's'}`, count: before.users }] : []), ...(await deps.usage(id))];
    if (usage.length) {
      const uses = usage.map((u) => `${u.count} ${u.what}`).join(', ');
      throw new AppError('in_use', `Profile “${before.name}” is in use (${uses}); move those users to another profile first`, usage);
    }
    await store.removeProfile(id);
    await audit.record({ ...actor, action: 'profile.delete', targetType: 'profile', targetId: id, before });
  }

  return { list, get, create, update, remove };
}

export type Profiles = ReturnType<typeof createProfiles>;

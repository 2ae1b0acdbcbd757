import { AppError, isManager, type CreateUserRequest, type ProfileKind, type UpdateUserRequest } from '@edgecall/contracts';
import type { Clock, PasswordHasher, Randomness } from '../../core/ports.ts';
import type { AuditRecorder, Actor } from '../../lib/audit.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  profileId: string;
  agentNumber: string | null;
  groups: string[];
  locale: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ProfileRecord {
  id: string;
  name: string;
  kind: ProfileKind;
  permissions: string[];
  builtin: boolean;
}

export interface UserStore {
  list(opts: { offset: number; limit: number; search?: string }): Promise<{ rows: UserRecord[]; total: number }>;
  get(id: string): Promise<UserRecord | null>;
  byUsername(username: string): Promise<UserRecord | null>;
  byAgentNumber(agentNumber: string): Promise<UserRecord | null>;
  insert(row: UserRecord & { passwordHash: string }): Promise<void>;
  update(id: string, patch: Partial<UserRecord & { passwordHash: string }>): Promise<void>;
  remove(id: string): Promise<void>;
  profiles(): Promise<ProfileRecord[]>;
  profileByName(name: string): Promise<ProfileRecord | null>;
  /** Enabled users whose profile holds users:manage and settings:manage. */
  countManagers(): Promise<number>;
}

/** Never returned or audited: the hash stays in the store. */
const publicUser = (u: UserRecord, profiles: ProfileRecord[]) => ({
  ...u,
  profile: profiles.find((p) => p.id === u.profileId)?.name ?? u.profileId,
});

export function createUserService(deps: {
  store: UserStore;
  hasher: PasswordHasher;
  random: Randomness;
  clock: Clock;
  audit: AuditRecorder;
  /** Ends sessions and live connections of a user who was disabled or deleted. */
  endSessions: (userId: string) => Promise<void>;
}) {
  const { store, clock, audit } = deps;

  async function profileId(name: string): Promise<ProfileRecord> {
    const profile = await store.profileByName(name);
    if (!profile) throw new AppError('validation_failed', `Unknown profile "${name}"`, [{ path: 'profile', message: 'unknown profile' }]);
    return profile;
  }

  async function assertAgentNumberFree(agentNumber: string | null | undefined, selfId?: string) {
    if (!agentNumber) return;
    const other = await store.byAgentNumber(agentNumber);
    if (other && other.id !== selfId) throw new AppError('conflict', `Agent number ${agentNumber} belongs to ${other.username}`);
  }

  async function list(opts: { offset: number; limit: number; search?: string }) {
    const [{ rows, total }, profiles] = await Promise.all([store.list(opts), store.profiles()]);
    return { items: rows.map((r) => publicUser(r, profiles)), total };
  }

  async function create(input: CreateUserRequest, actor: Actor) {
    if (await store.byUsername(input.username)) throw new AppError('conflict', `User ${input.username} already exists`);
    const profile = await profileId(input.profile);
    await assertAgentNumberFree(input.agentNumber);
    const now = clock.now();
    const row: UserRecord = {
      id: deps.random.id(),
      username: input.username,
      displayName: input.displayName,
      profileId: profile.id,
      agentNumber: input.agentNumber ?? null,
      groups: input.groups ?? [],
      locale: input.locale ?? 'az',
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await store.insert({ ...row, passwordHash: await deps.hasher.hash(input.password) });
    const out = publicUser(row, await store.profiles());
    await audit.record({ ...actor, action: 'user.create', targetType: 'user', targetId: row.id, after: out });
    return out;
  }

  async function update(id: string, input: UpdateUserRequest, actor: Actor) {
    const before = await store.get(id);
    if (!before) throw new AppError('not_found', 'No such user');
    const patch: Partial<UserRecord & { passwordHash: string }> = { updatedAt: clock.now() };
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.profile !== undefined) patch.profileId = (await profileId(input.profile)).id;
    if (input.agentNumber !== undefined) {
      await assertAgentNumberFree(input.agentNumber, id);
      patch.agentNumber = input.agentNumber;
    }
    if (input.groups !== undefined) patch.groups = input.groups;
    if (input.locale !== undefined) patch.locale = input.locale;
    if (input.disabled !== undefined) {
      if (input.disabled && id === actor.actorId) throw new AppError('conflict', 'You cannot disable yourself');
      patch.disabled = input.disabled;
    }
    if (input.password !== undefined) patch.passwordHash = await deps.hasher.hash(input.password);
    await guardLastAdmin(before, patch);
    await store.update(id, patch);
    const after = (await store.get(id))!;
    const profiles = await store.profiles();
    if (patch.disabled || patch.passwordHash || patch.profileId) await deps.endSessions(id);
    await audit.record({
      ...actor,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      before: publicUser(before, profiles),
      after: { ...publicUser(after, profiles), ...(input.password ? { password: 'changed' } : {}) },
    });
    return publicUser(after, profiles);
  }

  /**
   * The branch must keep one enabled user who manages users and settings, or
   * nobody could manage it. Profiles are editable, so this goes by their
   * permissions, not by their kind.
   */
  async function guardLastAdmin(before: UserRecord, patch: Partial<UserRecord>) {
    const profiles = await store.profiles();
    const manages = (id: string) => isManager(profiles.find((p) => p.id === id)?.permissions ?? []);
    const wasAdmin = manages(before.profileId) && !before.disabled;
    const staysAdmin = manages(patch.profileId ?? before.profileId) && !(patch.disabled ?? before.disabled);
    if (wasAdmin && !staysAdmin && (await store.countManagers()) <= 1) {
      throw new AppError('in_use', 'This is the last enabled admin; create another admin first');
    }
  }

  async function remove(id: string, actor: Actor) {
    const before = await store.get(id);
    if (!before) throw new AppError('not_found', 'No such user');
    if (id === actor.actorId) throw new AppError('conflict', 'You cannot delete yourself');
    await guardLastAdmin(before, { disabled: true });
    await deps.endSessions(id);
    await store.remove(id);
    await audit.record({ ...actor, action: 'user.delete', targetType: 'user', targetId: id, before: publicUser(before, await store.profiles()) });
  }

  return { list, create, update, remove, profiles: () => store.profiles() };
}

export type UserService = ReturnType<typeof createUserService>;

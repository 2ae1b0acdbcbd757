import type { EntityManager } from '@mikro-orm/sqlite';
import type { ProfileKind } from '@edgecall/contracts';
import { ProfileEntity, SessionEntity, UserEntity, type ProfileRow, type SessionRow, type UserRow } from './entities.ts';
import type { AuthStore, StoredProfile, StoredSession, StoredUser } from './service.ts';

export const toStoredUser = (u: UserRow): StoredUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  passwordHash: u.passwordHash,
  profileId: u.profileId,
  agentNumber: u.agentNumber ?? null,
  groups: u.groups ?? [],
  locale: u.locale,
  disabled: u.disabled,
});
const toProfile = (p: ProfileRow): StoredProfile => ({ id: p.id, name: p.name, kind: p.kind as ProfileKind, permissions: p.permissions });
const toSession = (s: SessionRow): StoredSession => ({
  id: s.id,
  userId: s.userId,
  expiresAt: s.expiresAt,
  mqttExpiresAt: s.mqttExpiresAt,
  lastSeenAt: s.lastSeenAt,
  endedAt: s.endedAt ?? null,
});

/** MikroORM-backed AuthStore; each call runs in its own unit of work. */
export function createAuthStore(em: () => EntityManager): AuthStore {
  return {
    async userByUsername(username) {
      // The column is COLLATE NOCASE, so this lookup ignores case as the unique index does.
      const row = await em().findOne(UserEntity, { username });
      return row ? toStoredUser(row) : null;
    },
    async userById(id) {
      const row = await em().findOne(UserEntity, { id });
      return row ? toStoredUser(row) : null;
    },
    async profile(id) {
      const row = await em().findOne(ProfileEntity, { id });
      return row ? toProfile(row) : null;
    },
    async createSession(row) {
      const m = em();
      m.create(SessionEntity, row);
      await m.flush();
    },
    async sessionByToken(digest) {
      const row = await em().findOne(SessionEntity, { tokenDigest: digest });
      return row ? toSession(row) : null;
    },
    async sessionByMqttToken(digest) {
      const row = await em().findOne(SessionEntity, { mqttTokenDigest: digest });
      return row ? toSession(row) : null;
    },
    async sessionById(id) {
      const row = await em().findOne(SessionEntity, { id });
      return row ? toSession(row) : null;
    },
    async updateSession(id, patch) {
      await em().nativeUpdate(SessionEntity, { id }, patch);
    },
    async endSessionsOfUser(userId, at) {
      const m = em();
      const open = await m.find(SessionEntity, { userId, endedAt: null });
      await m.nativeUpdate(SessionEntity, { userId, endedAt: null }, { endedAt: at });
      return open.map((s) => s.id);
    },
  };
}

/** Built-in profiles exist on every appliance; their permission sets stay as admins edited them. */
export async function ensureProfiles(
  em: () => EntityManager,
  profiles: { id: string; name: string; kind: string; permissions: readonly string[] }[],
  now: number,
): Promise<void> {
  const m = em();
  for (const p of profiles) {
    if (await m.findOne(ProfileEntity, { id: p.id })) continue;
    m.create(ProfileEntity, { id: p.id, name: p.name, kind: p.kind, permissions: [...p.permissions], builtin: true, createdAt: now, updatedAt: now });
  }
  await m.flush();
}

import type { EntityManager } from '@mikro-orm/sqlite';
import { isManager, type ProfileKind } from '@edgecall/contracts';
import { ProfileEntity, UserEntity, type UserRow } from './entities.ts';
import type { ProfileRecord, UserRecord, UserStore } from './users-service.ts';

const toRecord = (u: UserRow): UserRecord => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  profileId: u.profileId,
  agentNumber: u.agentNumber ?? null,
  groups: u.groups ?? [],
  locale: u.locale,
  disabled: u.disabled,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

export function createUserStore(em: () => EntityManager): UserStore {
  return {
    async list({ offset, limit, search }) {
      const where = search
        ? { $or: [{ username: { $like: `%${search}%` } }, { displayName: { $like: `%${search}%` } }, { agentNumber: { $like: `%${search}%` } }] }
        : {};
      const [rows, total] = await em().findAndCount(UserEntity, where, { orderBy: { username: 'asc' }, offset, limit });
      return { rows: rows.map(toRecord), total };
    },
    async get(id) {
      const row = await em().findOne(UserEntity, { id });
      return row ? toRecord(row) : null;
    },
    async byUsername(username) {
      const row = await em().findOne(UserEntity, { username });
      return row ? toRecord(row) : null;
    },
    async byAgentNumber(agentNumber) {
      const row = await em().findOne(UserEntity, { agentNumber });
      return row ? toRecord(row) : null;
    },
    async insert(row) {
      const m = em();
      m.create(UserEntity, row);
      await m.flush();
    },
    async update(id, patch) {
      await em().nativeUpdate(UserEntity, { id }, patch);
    },
    async remove(id) {
      await em().nativeDelete(UserEntity, { id });
    },
    async profiles() {
      const rows = await em().find(ProfileEntity, {}, { orderBy: { name: 'asc' } });
      return rows.map((p): ProfileRecord => ({ id: p.id, name: p.name, kind: p.kind as ProfileKind, permissions: p.permissions, builtin: p.builtin }));
    },
    async profileByName(name) {
      const p = await em().findOne(ProfileEntity, { name });
      return p ? { id: p.id, name: p.name, kind: p.kind as ProfileKind, permissions: p.permissions, builtin: p.builtin } : null;
    },
    async countManagers() {
      const managers = (await em().find(ProfileEntity, {})).filter((p) => isManager(p.permissions));
      return em().count(UserEntity, { profileId: { $in: managers.map((a) => a.id) }, disabled: false });
    },
  };
}

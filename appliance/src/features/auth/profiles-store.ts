import type { EntityManager } from '@mikro-orm/sqlite';
import type { ProfileKind } from '@edgecall/contracts';
import { ProfileEntity } from './entities.ts';
import type { ProfileStore } from './profiles-service.ts';

export function createProfileStore(em: () => EntityManager): ProfileStore {
  return {
    async profiles() {
      const rows = await em().find(ProfileEntity, {}, { orderBy: { name: 'asc' } });
      return rows.map((p) => ({ id: p.id, name: p.name, kind: p.kind as ProfileKind, permissions: p.permissions, builtin: p.builtin }));
    },
    async insertProfile(row) {
      const m = em();
      m.create(ProfileEntity, { ...row, permissions: [...row.permissions] });
      await m.flush();
    },
    async updateProfile(id, patch) {
      await em().nativeUpdate(ProfileEntity, { id }, patch);
    },
    async removeProfile(id) {
      await em().nativeDelete(ProfileEntity, { id, builtin: false });
    },
    async userCounts() {
      const rows = await em().getConnection().execute<{ profile_id: string; n: number; enabled: number }[]>(
        'select profile_id, count(*) as n, sum(case when disabled then 0 else 1 end) as enabled from app_user group by profile_id',
      );
      return new Map(rows.map((r) => [String(r.profile_id), { all: Number(r.n), enabled: Number(r.enabled ?? 0) }]));
    },
  };
}


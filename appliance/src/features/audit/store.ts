import type { EntityManager } from '@mikro-orm/sqlite';
import { AuditEntity, type AuditRow } from './entities.ts';
import type { AuditEntry, AuditStore } from './service.ts';

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actorId ?? null,
  actorName: r.actorName,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId ?? null,
  before: r.before ?? null,
  after: r.after ?? null,
  address: r.address ?? null,
  prevHash: r.prevHash,
  hash: r.hash,
});

export function createAuditStore(em: () => EntityManager): AuditStore {
  return {
    async last() {
      const row = await em().findOne(AuditEntity, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' } });
      return row ? { seq: row.seq, hash: row.hash } : null;
    },
    async insert(entry) {
      const m = em();
      const row = m.create(AuditEntity, entry);
      await m.flush();
      return row.seq;
    },
    async page({ offset, limit, action, actorName, from, to }) {
      const where: Record<string, unknown> = {};
      if (action) where.action = { $like: `${action}%` };
      if (actorName) where.actorName = actorName;
      if (from !== undefined || to !== undefined) where.at = { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lt: to } : {}) };
      const [rows, total] = await em().findAndCount(AuditEntity, where, { orderBy: { seq: 'desc' }, offset, limit });
      return { rows: rows.map(toEntry), total };
    },
    async all() {
      return (await em().find(AuditEntity, {}, { orderBy: { seq: 'asc' } })).map(toEntry);
    },
  };
}

import { AppError, checkRecord, SYNC_ENTITIES, type SyncEntityDefinition } from '@edgecall/contracts';
import { writeAudit, type Actor } from '../audit/store.ts';
import { num, type CentralDb } from '../db/orm.ts';
import type { IngestStore } from './store.ts';

export interface RejectView {
  id: number;
  applianceId: string;
  epoch: string;
  seq: number;
  entity: string | null;
  entityId: string | null;
  reason: string;
  message: string;
  details: unknown;
  record: unknown;
  receivedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

function parseRecord(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const toView = (r: Record<string, unknown>): RejectView => ({
  id: num(r.id),
  applianceId: String(r.appliance_id),
  epoch: String(r.epoch),
  seq: num(r.seq),
  entity: (r.entity as string | null) ?? null,
  entityId: (r.entity_id as string | null) ?? null,
  reason: String(r.reason),
  message: String(r.message),
  details: r.details ?? null,
  record: parseRecord(String(r.record)),
  receivedAt: new Date(r.received_at as string).toISOString(),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at as string).toISOString() : null,
  resolution: (r.resolution as string | null) ?? null,
});

/** What the audit log keeps of a reject: where it came from and how it ended, not the raw record. */
const brief = (r: Record<string, unknown>) => ({
  applianceId: String(r.appliance_id),
  seq: num(r.seq),
  entity: (r.entity as string | null) ?? null,
  entityId: (r.entity_id as string | null) ?? null,
  reason: String(r.reason),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at as string).toISOString() : null,
  resolution: (r.resolution as string | null) ?? null,
});

/**
 * The rejects queue of the HQ console: records set aside with their reason.
 * After HQ learns an entity or a schema (an upgrade), `retry` applies a
 * rejected record through the same version guard as a batch would.
 */
export function createRejects(db: CentralDb, store: IngestStore, entities: readonly SyncEntityDefinition[] = SYNC_ENTITIES) {
  return {
    async list(q: { applianceId?: string; status: 'open' | 'resolved' | 'all'; offset: number; limit: number }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.applianceId) {
        where.push('appliance_id = ?');
        params.push(q.applianceId);
      }
      if (q.status === 'open') where.push('resolved_at is null');
      if (q.status === 'resolved') where.push('resolved_at is not null');
      const cond = where.length ? `where ${where.join(' and ')}` : '';
      const em = db.em();
      const [count] = await em.execute(`select count(*) as n from sync_reject ${cond}`, params);
      const rows = await em.execute(`select * from sync_reject ${cond} order by id desc offset ? limit ?`, [...params, q.offset, q.limit]);
      return { items: rows.map(toView), total: num(count?.n), offset: q.offset, limit: q.limit };
    },

    async retry(id: number, actor: Actor): Promise<RejectView> {
      return db.tx(async (tx) => {
        const [row] = await tx.execute(`select * from sync_reject where id = ? for update`, [id]);
        if (!row) throw new AppError('not_found', `No reject ${id}`);
        if (row.resolved_at) throw new AppError('conflict', `Reject ${id} is already resolved (${row.resolution})`);
        const check = checkRecord(parseRecord(String(row.record)), entities);
        if (!check.ok) throw new AppError('conflict', `The record is still refused: ${check.message}`, { reason: check.reason, details: check.details ?? null });
        // Same lock as a batch, so a retry never interleaves with that appliance's uploads.
        await store.lock(tx, String(row.appliance_id));
        const applied = await store.upsert(tx, String(row.appliance_id), String(row.epoch), [check.record]);
        const [done] = await tx.execute(`update sync_reject set resolved_at = now(), resolution = ? where id = ? returning *`, [applied ? 'applied' : 'stale', id]);
        await writeAudit(tx, actor, { action: 'reject.retry', target: `reject:${id}`, before: brief(row), after: brief(done) });
        return toView(done);
      });
    },

    dismiss: (id: number, actor: Actor): Promise<RejectView> =>
      db.tx(async (tx) => {
        const [row] = await tx.execute(`update sync_reject set resolved_at = now(), resolution = 'dismissed' where id = ? and resolved_at is null returning *`, [id]);
        if (!row) throw new AppError('not_found', `No open reject ${id}`);
        await writeAudit(tx, actor, { action: 'reject.dismiss', target: `reject:${id}`, before: { ...brief(row), resolvedAt: null, resolution: null }, after: brief(row) });
        return toView(row);
      }),
  };
}

export type Rejects = ReturnType<typeof createRejects>;

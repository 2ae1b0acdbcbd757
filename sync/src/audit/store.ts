import type { HqAuditEntry } from '@edgecall/contracts';
import { num, type CentralDb, type Em } from '../db/orm.ts';

/** Who did it: an HQ user, or a local operator through the CLI (`cli:create-admin`). */
export interface Actor {
  userId: string | null;
  name: string;
  address: string | null;
}

export interface AuditInput {
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
}

// jsonb refuses NUL; audit values come from validated input, so this only guards the unexpected.
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v).replace(/\\u0000/g, ''));

/**
 * Appends one audit entry inside the caller's transaction, so the entry and
 * the change it describes commit together or not at all. The table refuses
 * updates and deletes (a trigger of migration 0002).
 */
export async function writeAudit(tx: Em, actor: Actor, e: AuditInput): Promise<void> {
  await tx.execute(`insert into hq_audit (actor_id, actor_name, action, target, before, after, address) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)`, [
    actor.userId,
    actor.name,
    e.action,
    e.target ?? null,
    json(e.before),
    json(e.after),
    actor.address,
  ]);
}

const toView = (r: Record<string, unknown>): HqAuditEntry => ({
  id: num(r.id),
  at: new Date(r.at as string).toISOString(),
  actorId: (r.actor_id as string | null) ?? null,
  actorName: String(r.actor_name),
  action: String(r.action),
  target: (r.target as string | null) ?? null,
  before: r.before ?? null,
  after: r.after ?? null,
  address: (r.address as string | null) ?? null,
});

export function createAuditLog(db: CentralDb) {
  return {
    /** Newest first, filtered by action prefix (`ref.`) and actor name. */
    async list(q: { action?: string; actor?: string; offset: number; limit: number }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.action) (where.push(`action like ? escape '\\'`), params.push(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      if (q.actor) (where.push('actor_name = ?'), params.push(q.actor));
      const cond = where.length ? `where ${where.join(' and ')}` : '';
      const em = db.em();
      const [count] = await em.execute(`select count(*) as n from hq_audit ${cond}`, params);
      const rows = await em.execute(`select * from hq_audit ${cond} order by id desc offset ? limit ?`, [...params, q.offset, q.limit]);
      return { items: rows.map(toView), total: num(count?.n), offset: q.offset, limit: q.limit };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

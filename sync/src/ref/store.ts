import { IsolationLevel } from '@mikro-orm/core';
import { AppError, REF_SCHEMA_VERSION, SyncProtocolError, type RefChange, type RefPage, type RefSnapshot } from '@edgecall/contracts';
import { writeAudit, type Actor } from '../audit/store.ts';
import { num, type CentralDb } from '../db/orm.ts';

/**
 * Every reference-data writer takes this transaction-scoped advisory lock
 * before it draws its rev. Postgres hands out sequence values at insert time,
 * not at commit, so without it a reader could see rev 11 commit before rev 10
 * and move its cursor past 10 forever (research/sync-and-mqtt.md §B.2). With
 * it, rev order is commit order. Reference data is written rarely, so
 * serialising its writers costs nothing.
 */
const REF_WRITER_LOCK = 0x45435246; // "ECRF"

export interface RefHooks {
  /** Inside the writer's transaction after its change row is written (tests hold a writer open here). */
  beforeCommit?(change: { rev: number; dataset: string; key: string }): Promise<void> | void;
}

export interface RefItemView {
  dataset: string;
  key: string;
  rev: number;
  deleted: boolean;
  payload: unknown;
  updatedAt: string;
}

export function createRefStore(db: CentralDb, hooks: RefHooks = {}) {
  async function write(dataset: string, key: string, op: 'upsert' | 'delete', payload: unknown, actor: Actor): Promise<{ rev: number }> {
    return db.tx(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(?)`, [REF_WRITER_LOCK]);
      const [item] = await tx.execute(`select deleted, payload from ref_item where dataset = ? and key = ?`, [dataset, key]);
      if (op === 'delete' && (!item || item.deleted)) throw new AppError('not_found', `No ${dataset} item ${key}`);
      const before = item && !item.deleted ? (item.payload ?? null) : null;
      const body = op === 'delete' ? null : JSON.stringify(payload);
      const [row] = await tx.execute(
        `insert into ref_change (dataset, key, op, payload, schema_version) values (?, ?, ?, ?::jsonb, ?) returning rev`,
        [dataset, key, op, body, REF_SCHEMA_VERSION],
      );
      const rev = num(row.rev);
      await tx.execute(
        `insert into ref_item (dataset, key, payload, deleted, rev, schema_version, updated_at) values (?, ?, ?::jsonb, ?, ?, ?, now())
         on conflict (dataset, key) do update set payload = excluded.payload, deleted = excluded.deleted, rev = excluded.rev,
           schema_version = excluded.schema_version, updated_at = excluded.updated_at`,
        [dataset, key, body, op === 'delete', rev, REF_SCHEMA_VERSION],
      );
      await writeAudit(tx, actor, { action: op === 'delete' ? 'ref.delete' : 'ref.upsert', target: `${dataset}:${key}`, before, after: op === 'delete' ? null : payload });
      await hooks.beforeCommit?.({ rev, dataset, key });
      return { rev };
    });
  }

  return {
    upsert: (dataset: string, key: string, payload: unknown, actor: Actor) => write(dataset, key, 'upsert', payload, actor),
    remove: (dataset: string, key: string, actor: Actor) => write(dataset, key, 'delete', null, actor),

    async list(dataset: string): Promise<RefItemView[]> {
      const rows = await db.em().execute(`select * from ref_item where dataset = ? order by key`, [dataset]);
      return rows.map((r) => ({
        dataset: String(r.dataset),
        key: String(r.key),
        rev: num(r.rev),
        deleted: Boolean(r.deleted),
        payload: r.payload ?? null,
        updatedAt: new Date(r.updated_at as string).toISOString(),
      }));
    },

    /** One page of the change log after `since`; the horizon and the rows come from one snapshot. */
    async pull(since: number, limit: number): Promise<RefPage> {
      return db.orm.em.fork().transactional(
        async (tx) => {
          const [meta] = await tx.execute(`select pruned_through from ref_meta where id = 1`);
          const horizonRev = num(meta?.pruned_through);
          if (since < horizonRev) {
            throw new SyncProtocolError('cursor_expired', `Changes up to ${horizonRev} were pruned; fetch the snapshot`, { horizonRev });
          }
          const rows = await tx.execute(`select rev, dataset, key, op, payload, schema_version from ref_change where rev > ? order by rev limit ?`, [since, limit + 1]);
          const page = rows.slice(0, limit);
          const changes: RefChange[] = page.map((r) => ({
            rev: num(r.rev),
            dataset: String(r.dataset),
            key: String(r.key),
            op: r.op as 'upsert' | 'delete',
            payload: r.payload ?? null,
            schemaVersion: num(r.schema_version),
          }));
          return { changes, nextRev: changes.length ? changes[changes.length - 1].rev : since, hasMore: rows.length > limit, horizonRev };
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
      );
    },

    /** Every live item and the rev they are current as of, read in one statement (one snapshot). */
    async snapshot(): Promise<RefSnapshot> {
      const rows = await db.em().execute(
        `with m as (select coalesce(max(rev), 0) as as_of from ref_item)
         select m.as_of, i.dataset, i.key, i.rev, i.payload, i.schema_version from m left join ref_item i on not i.deleted order by i.dataset, i.key`,
      );
      const asOfRev = num(rows[0]?.as_of);
      const items = rows
        .filter((r) => r.dataset !== null)
        .map((r) => ({ dataset: String(r.dataset), key: String(r.key), rev: num(r.rev), payload: r.payload, schemaVersion: num(r.schema_version) }));
      return { asOfRev, items };
    },

    /**
     * Drops change-log rows up to `throughRev` (or older than a number of days)
     * and moves the horizon; an appliance whose cursor falls behind it gets 410
     * and catches up from the snapshot.
     */
    async prune(opts: { throughRev?: number; olderThanDays?: number }, actor?: Actor): Promise<{ horizonRev: number; deleted: number }> {
      return db.tx(async (tx) => {
        let through = opts.throughRev ?? 0;
        if (opts.olderThanDays !== undefined) {
          const [r] = await tx.execute(`select coalesce(max(rev), 0) as rev from ref_change where committed_at < now() - (? * interval '1 day')`, [opts.olderThanDays]);
          through = Math.max(through, num(r.rev));
        }
        const [max] = await tx.execute(`select coalesce(max(rev), 0) as rev from ref_item`);
        through = Math.min(through, num(max.rev));
        const deleted = await tx.execute(`delete from ref_change where rev <= ? returning rev`, [through]);
        const [meta] = await tx.execute(`update ref_meta set pruned_through = greatest(pruned_through, ?) where id = 1 returning pruned_through`, [through]);
        const result = { horizonRev: num(meta.pruned_through), deleted: deleted.length };
        // The daily retention job is no one's action; an admin's prune is.
        if (actor) await writeAudit(tx, actor, { action: 'ref.prune', target: 'ref_change', before: opts, after: result });
        return result;
      });
    },
  };
}

export type RefStore = ReturnType<typeof createRefStore>;

import type { EntityManager } from '@mikro-orm/sqlite';
import { ENTITY_ID, ENTITY_NAME, SYNC_MAX_RECORD_BYTES, SYNC_SCHEMA_VERSION, type OutboxRowInput, type SyncRecord } from '@edgecall/contracts';
import type { OutboxPort, RefPort, RefRow } from './ports.ts';

/**
 * Writes outbox rows inside the caller's transaction, next to the business
 * rows they mirror: both commit or neither does (DESIGN.md §7). A row without
 * an explicit version gets the entity's next version from a counter kept in
 * the same transaction. Throws on a row that could never be uploaded (bad
 * entity name or id, oversized payload), so the bug shows where it is made.
 */
export async function writeOutbox(tx: EntityManager, rows: readonly OutboxRowInput[], now: number = Date.now()): Promise<number[]> {
  const seqs: number[] = [];
  for (const row of rows) {
    if (!ENTITY_NAME.safeParse(row.entity).success) throw new Error(`outbox: bad entity name ${JSON.stringify(row.entity)}`);
    if (!ENTITY_ID.safeParse(row.entityId).success) throw new Error(`outbox: bad entity id ${JSON.stringify(row.entityId)}`);
    const payload = JSON.stringify(row.payload ?? null);
    if (payload.length > SYNC_MAX_RECORD_BYTES) throw new Error(`outbox: ${row.entity} ${row.entityId} payload is ${payload.length} bytes, over ${SYNC_MAX_RECORD_BYTES}`);
    const explicit = row.entityVersion;
    if (explicit !== undefined && (!Number.isSafeInteger(explicit) || explicit < 1)) throw new Error(`outbox: bad entity version ${explicit}`);
    const [v] = await tx.execute<{ version: number }[]>(
      explicit === undefined
        ? `insert into sync_entity_version (entity, entity_id, version) values (?, ?, 1)
           on conflict (entity, entity_id) do update set version = version + 1 returning version`
        : `insert into sync_entity_version (entity, entity_id, version) values (?, ?, ?)
           on conflict (entity, entity_id) do update set version = max(version, excluded.version) returning version`,
      explicit === undefined ? [row.entity, row.entityId] : [row.entity, row.entityId, explicit],
    );
    const [o] = await tx.execute<{ seq: number }[]>(
      `insert into sync_outbox (entity, entity_id, op, entity_version, schema_version, payload, created_at) values (?, ?, ?, ?, ?, ?, ?) returning seq`,
      [row.entity, row.entityId, row.op ?? 'upsert', explicit ?? v.version, row.schemaVersion ?? SYNC_SCHEMA_VERSION, payload, now],
    );
    seqs.push(Number(o.seq));
  }
  return seqs;
}

// Per-record overhead of the wire envelope beside the payload, for the byte cap of a batch.
const ENVELOPE_BYTES = 160;

/** The outbox, sync state and reference data in SQLite, for the uploader and the downlink. */
export function createSyncStore(em: () => EntityManager): OutboxPort & RefPort {
  async function readState(m: EntityManager = em()): Promise<Record<string, string>> {
    const rows = await m.execute<{ key: string; value: string }[]>(`select key, value from sync_state`);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }
  async function put(m: EntityManager, values: Record<string, string | number>) {
    for (const [k, v] of Object.entries(values)) {
      await m.execute(`insert into sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value`, [k, String(v)]);
    }
  }

  return {
    async state() {
      const s = await readState();
      const [h] = await em().execute<{ head: number }[]>(`select coalesce((select seq from sqlite_sequence where name = 'sync_outbox'), 0) as head`);
      return { epoch: s.epoch, ackedSeq: Number(s.acked_seq ?? 0), headSeq: Number(h.head), meta: s };
    },

    async pending(afterSeq, maxRecords, maxBytes) {
      const rows = await em().execute<Record<string, unknown>[]>(
        `select seq, entity, entity_id, op, entity_version, schema_version, payload from sync_outbox where seq > ? order by seq limit ?`,
        [afterSeq, maxRecords],
      );
      const out: SyncRecord[] = [];
      let bytes = 0;
      for (const r of rows) {
        const size = String(r.payload).length + ENVELOPE_BYTES;
        // A single record larger than the cap still goes, alone: it must never block the queue.
        if (out.length > 0 && bytes + size > maxBytes) break;
        bytes += size;
        out.push({
          seq: Number(r.seq),
          entity: String(r.entity),
          entityId: String(r.entity_id),
          op: r.op as SyncRecord['op'],
          entityVersion: Number(r.entity_version),
          schemaVersion: Number(r.schema_version),
          payload: JSON.parse(String(r.payload)),
        });
      }
      return out;
    },

    async oldestPending(afterSeq) {
      const [r] = await em().execute<{ at: number }[]>(`select created_at as at from sync_outbox where seq > ? order by seq limit 1`, [afterSeq]);
      return r ? Number(r.at) : null;
    },
    // Counting reads every pending row's page, payload included: the status page only, never the upload loop.
    async backlog(afterSeq) {
      const [r] = await em().execute<{ n: number; oldest: number | null }[]>(`select count(*) as n, min(created_at) as oldest from sync_outbox where seq > ?`, [afterSeq]);
      return { records: Number(r.n), oldestCreatedAt: r.oldest === null ? null : Number(r.oldest) };
    },

    /** The cursor and the status beside it move together; a rotated epoch makes a late ack a no-op. */
    async saveAck(epoch, ackedSeq, meta) {
      await em().transactional(async (tx) => {
        const s = await readState(tx);
        if (s.epoch !== epoch) return;
        await put(tx, { acked_seq: ackedSeq, ...meta });
      });
    },

    async saveMeta(meta) {
      await put(em(), meta);
    },

    async rotateEpoch(epoch) {
      await em().transactional((tx) => put(tx, { epoch, acked_seq: 0 }));
    },

    async compact(ackedSeq, createdBefore) {
      const rows = await em().execute(`delete from sync_outbox where seq <= ? and created_at < ? returning seq`, [ackedSeq, createdBefore]);
      return rows.length;
    },

    async refCursor() {
      return Number((await readState()).ref_cursor ?? 0);
    },

    /** Rows and cursor in one transaction: a crash between them can never skip or repeat a change. */
    async applyRefPage(changes, nextRev) {
      await em().transactional(async (tx) => {
        for (const c of changes) {
          if (c.op === 'delete') await tx.execute(`delete from ref_item where dataset = ? and key = ?`, [c.dataset, c.key]);
          else
            await tx.execute(
              `insert into ref_item (dataset, key, payload, rev) values (?, ?, ?, ?) on conflict (dataset, key) do update set payload = excluded.payload, rev = excluded.rev`,
              [c.dataset, c.key, JSON.stringify(c.payload), c.rev],
            );
        }
        await put(tx, { ref_cursor: nextRev });
      });
    },

    async applyRefSnapshot(items, asOfRev) {
      await em().transactional(async (tx) => {
        await tx.execute(`delete from ref_item`);
        for (const i of items) await tx.execute(`insert into ref_item (dataset, key, payload, rev) values (?, ?, ?, ?)`, [i.dataset, i.key, JSON.stringify(i.payload), i.rev]);
        await put(tx, { ref_cursor: asOfRev });
      });
    },

    async refList(dataset) {
      const rows = await em().execute<{ dataset: string; key: string; payload: string; rev: number }[]>(
        `select dataset, key, payload, rev from ref_item where dataset = ? order by key`,
        [dataset],
      );
      return rows.map((r): RefRow => ({ dataset: r.dataset, key: r.key, rev: Number(r.rev), payload: JSON.parse(r.payload) }));
    },

    async refCounts() {
      const rows = await em().execute<{ dataset: string; n: number }[]>(`select dataset, count(*) as n from ref_item group by dataset`);
      return Object.fromEntries(rows.map((r) => [r.dataset, Number(r.n)]));
    },
  };
}

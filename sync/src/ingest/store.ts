import type { SyncRecord } from '@edgecall/contracts';
import { num, type CentralDb, type Em } from '../db/orm.ts';

export interface RejectRow {
  seq: number;
  entity: string | null;
  entityId: string | null;
  reason: string;
  message: string;
  details: unknown;
  /** The record as received, serialised; kept as text because it may hold what jsonb refuses. */
  record: string;
}

export interface SeqRef {
  seq: number;
  entity?: string;
  entityId?: string;
  entityVersion?: number;
}

// Details come from validation messages; strip what jsonb cannot store so a reject can always be written.
const jsonbSafe = (v: unknown): string => JSON.stringify(v ?? null).replace(/\\u0000/g, '').replace(/\\ud[89a-f][0-9a-f]{2}/gi, '\ufffd');

/** The SQL of batch ingestion. Every function but `noteRefusal` runs inside the batch's transaction. */
export function createIngestStore(db: CentralDb) {
  return {
    /** Serialises an appliance's batches: the row stays locked until the transaction ends. */
    async lock(tx: Em, applianceId: string): Promise<{ epoch: string | null; ackedSeq: number }> {
      const [row] = await tx.execute(`select epoch, acked_seq from appliance where id = ? for update`, [applianceId]);
      return { epoch: (row?.epoch as string | null) ?? null, ackedSeq: num(row?.acked_seq) };
    },

    async epochKnown(tx: Em, applianceId: string, epoch: string): Promise<boolean> {
      const rows = await tx.execute(`select 1 from appliance_epoch where appliance_id = ? and epoch = ?`, [applianceId, epoch]);
      return rows.length > 0;
    },

    /** A new epoch starts from zero; records stay, since they are idempotent by version. */
    async adoptEpoch(tx: Em, applianceId: string, epoch: string): Promise<void> {
      await tx.execute(`update appliance_epoch set retired_at = now() where appliance_id = ? and retired_at is null`, [applianceId]);
      await tx.execute(`insert into appliance_epoch (appliance_id, epoch) values (?, ?)`, [applianceId, epoch]);
      await tx.execute(`update appliance set epoch = ?, acked_seq = 0 where id = ?`, [epoch, applianceId]);
    },

    /**
     * Of records the server already counts as acked, those it has never seen:
     * neither an entity row at that version or newer, nor a reject at that seq.
     * Any such record means the appliance's history forked (a restored backup).
     */
    async unknownAmong(tx: Em, applianceId: string, epoch: string, refs: SeqRef[]): Promise<number[]> {
      if (refs.length === 0) return [];
      const rows = await tx.execute(
        `select r.seq from jsonb_to_recordset(?::jsonb) as r(seq bigint, entity text, entity_id text, entity_version bigint)
         where not exists (select 1 from sync_record s where s.appliance_id = ? and s.entity = r.entity and s.entity_id = r.entity_id and s.entity_version >= r.entity_version)
           and not exists (select 1 from sync_reject j where j.appliance_id = ? and j.epoch = ? and j.seq = r.seq)
         order by r.seq`,
        [JSON.stringify(refs.map((r) => ({ seq: r.seq, entity: r.entity ?? null, entity_id: r.entityId ?? null, entity_version: r.entityVersion ?? null }))), applianceId, applianceId, epoch],
      );
      return rows.map((r) => num(r.seq));
    },

    /** Inserts or replaces entity rows, each only when its version is newer; returns how many changed. */
    async upsert(tx: Em, applianceId: string, epoch: string, records: SyncRecord[]): Promise<number> {
      if (records.length === 0) return 0;
      const rows = records.map((r) => ({
        entity: r.entity,
        entity_id: r.entityId,
        entity_version: r.entityVersion,
        op: r.op,
        payload: r.op === 'delete' ? null : r.payload,
        schema_version: r.schemaVersion,
        seq: r.seq,
      }));
      const changed = await tx.execute(
        `insert into sync_record (appliance_id, entity, entity_id, entity_version, op, deleted, payload, schema_version, epoch, seq, received_at)
         select ?, r.entity, r.entity_id, r.entity_version, r.op, r.op = 'delete', r.payload, r.schema_version, ?, r.seq, now()
         from jsonb_to_recordset(?::jsonb) as r(entity text, entity_id text, entity_version bigint, op text, payload jsonb, schema_version integer, seq bigint)
         on conflict (appliance_id, entity, entity_id) do update set
           entity_version = excluded.entity_version, op = excluded.op, deleted = excluded.deleted, payload = excluded.payload,
           schema_version = excluded.schema_version, epoch = excluded.epoch, seq = excluded.seq, received_at = excluded.received_at
         where sync_record.entity_version < excluded.entity_version
         returning 1 as changed`,
        [applianceId, epoch, JSON.stringify(rows)],
      );
      return changed.length;
    },

    async insertRejects(tx: Em, applianceId: string, epoch: string, rejects: RejectRow[]): Promise<void> {
      for (const r of rejects) {
        await tx.execute(
          `insert into sync_reject (appliance_id, epoch, seq, entity, entity_id, reason, message, details, record)
           values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (appliance_id, epoch, seq) do nothing`,
          [applianceId, epoch, r.seq, r.entity, r.entityId, r.reason, r.message.slice(0, 500), jsonbSafe(r.details), r.record],
        );
      }
    },

    async advance(
      tx: Em,
      applianceId: string,
      a: { ackedSeq: number; headSeq: number; skewMs: number; oldestPendingAgeMs: number | null; schemaVersion: number; appVersion: string; records: number; duplicate: boolean; rejects: number; counted: boolean },
    ): Promise<void> {
      await tx.execute(
        `update appliance set acked_seq = ?, head_seq = ?, last_contact_at = now(), last_ack_at = now(), clock_skew_ms = ?, oldest_pending_age_ms = ?,
           schema_version = ?, app_version = ?, last_error_id = null, last_error_message = null, last_error_at = null,
           batches_total = batches_total + ?, records_total = records_total + ?, duplicates_total = duplicates_total + ?, rejects_total = rejects_total + ?
         where id = ?`,
        [a.ackedSeq, a.headSeq, a.skewMs, a.oldestPendingAgeMs, a.schemaVersion, a.appVersion, a.counted ? 1 : 0, a.records, a.duplicate ? 1 : 0, a.rejects, applianceId],
      );
    },

    async rejectsOpen(tx: Em, applianceId: string): Promise<number> {
      const [row] = await tx.execute(`select count(*) as n from sync_reject where appliance_id = ? and resolved_at is null`, [applianceId]);
      return num(row?.n);
    },

    /** A refused batch still counts as contact, and its reason shows in the HQ console. */
    async noteRefusal(applianceId: string, id: string, message: string, headSeq: number | null): Promise<void> {
      await db
        .em()
        .execute(
          `update appliance set last_contact_at = now(), last_error_id = ?, last_error_message = ?, last_error_at = now(), head_seq = coalesce(?, head_seq) where id = ?`,
          [id, message.slice(0, 500), headSeq, applianceId],
        );
    },

    /** Synced entities for the HQ console (newest first). */
    async listRecords(q: { applianceId?: string; entity?: string; offset: number; limit: number }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.applianceId) (where.push('appliance_id = ?'), params.push(q.applianceId));
      if (q.entity) (where.push('entity = ?'), params.push(q.entity));
      const cond = where.length ? `where ${where.join(' and ')}` : '';
      const em = db.em();
      const [count] = await em.execute(`select count(*) as n from sync_record ${cond}`, params);
      const rows = await em.execute(`select * from sync_record ${cond} order by received_at desc, entity_id offset ? limit ?`, [...params, q.offset, q.limit]);
      const items = rows.map((r) => ({
        applianceId: String(r.appliance_id),
        entity: String(r.entity),
        entityId: String(r.entity_id),
        entityVersion: num(r.entity_version),
        deleted: Boolean(r.deleted),
        payload: r.payload ?? null,
        receivedAt: new Date(r.received_at as string).toISOString(),
      }));
      return { items, total: num(count?.n), offset: q.offset, limit: q.limit };
    },

    async state(applianceId: string): Promise<{ epoch: string | null; ackedSeq: number }> {
      const [row] = await db.em().execute(`select epoch, acked_seq from appliance where id = ?`, [applianceId]);
      return { epoch: (row?.epoch as string | null) ?? null, ackedSeq: num(row?.acked_seq) };
    },
  };
}

export type IngestStore = ReturnType<typeof createIngestStore>;

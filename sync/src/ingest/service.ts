import {
  AppError,
  checkRecord,
  SYNC_ENTITIES,
  SYNC_MIN_SCHEMA_VERSION,
  SYNC_SCHEMA_VERSION,
  SyncProtocolError,
  type SyncAck,
  type SyncBatch,
  type SyncEntityDefinition,
  type SyncRecord,
} from '@edgecall/contracts';
import type { CentralDb } from '../db/orm.ts';
import type { ConcurrencyGate } from '../http/limits.ts';
import type { Logger } from '../log.ts';
import type { IngestStore, RejectRow, SeqRef } from './store.ts';

/** Test hooks around the commit (crash before / after commit, lost replies); unset in production. */
export interface IngestHooks {
  /** Inside the batch transaction, after every write, just before COMMIT. */
  beforeCommit?(info: { applianceId: string; records: number; ackedSeq: number }): Promise<void> | void;
  /** After COMMIT, before the reply; return 'drop' to end the connection without replying. */
  afterCommit?(info: { applianceId: string; records: number; ackedSeq: number }): Promise<'drop' | void> | 'drop' | void;
}

export interface IngestDeps {
  db: CentralDb;
  store: IngestStore;
  gate: ConcurrencyGate;
  now: () => number;
  logger: Logger;
  entities?: readonly SyncEntityDefinition[];
  hooks?: IngestHooks;
}

/** Keeps, per entity, the newest version in the batch: one upsert per row, and the same outcome as applying in order. */
function newestPerEntity(records: SyncRecord[]): SyncRecord[] {
  const best = new Map<string, SyncRecord>();
  for (const r of records) {
    const key = `${r.entity}\u0001${r.entityId}`;
    const prev = best.get(key);
    if (!prev || r.entityVersion > prev.entityVersion) best.set(key, r);
  }
  return [...best.values()];
}

const refOf = (raw: Record<string, unknown>): SeqRef => ({
  seq: raw.seq as number,
  ...(typeof raw.entity === 'string' ? { entity: raw.entity } : {}),
  ...(typeof raw.entityId === 'string' ? { entityId: raw.entityId } : {}),
  ...(Number.isSafeInteger(raw.entityVersion) ? { entityVersion: raw.entityVersion as number } : {}),
});

/**
 * Applies one batch of one appliance in one Postgres transaction (DESIGN.md §6):
 * lock the appliance row, accept a new epoch from zero, refuse a gap with 409,
 * verify records already counted as acked, upsert the rest by version, set bad
 * records aside, advance acked_seq — all or nothing.
 */
export function createIngest(deps: IngestDeps) {
  const entities = deps.entities ?? SYNC_ENTITIES;
  const log = deps.logger.child('sync:ingest');

  async function refuse(applianceId: string, batch: SyncBatch, e: SyncProtocolError | AppError): Promise<never> {
    await deps.store.noteRefusal(applianceId, e.id, e.message, batch.headSeq).catch((err) => log.warn('cannot note refusal', { err }));
    throw e;
  }

  async function apply(applianceId: string, batch: SyncBatch): Promise<{ ack: SyncAck; drop: boolean }> {
    if (batch.applianceId !== applianceId) throw new AppError('forbidden', 'The batch names another appliance than the credential');
    // Validation is CPU work: done before the row lock is taken.
    let checks = batch.records.map((raw) => ({ raw, ref: refOf(raw), check: checkRecord(raw, entities) }));
    const ahead = checks.findIndex((c) => !c.check.ok && c.check.reason === 'schema_ahead');
    if (ahead === 0) {
      await refuse(
        applianceId,
        batch,
        new SyncProtocolError('schema_ahead', `Record ${checks[0].ref.seq} has a newer schema than this server (${SYNC_SCHEMA_VERSION}); upgrade HQ first`, {
          seq: checks[0].ref.seq,
          accepted: { min: SYNC_MIN_SCHEMA_VERSION, current: SYNC_SCHEMA_VERSION },
        }),
      );
    }
    // Records before the first one this server cannot read still go through, in order; the
    // appliance's next batch then starts with that record and is refused until HQ is upgraded.
    if (ahead > 0) {
      checks = checks.slice(0, ahead);
      batch = { ...batch, records: batch.records.slice(0, ahead) };
    }
    if (!deps.gate.tryEnter()) throw new AppError('service_unavailable', 'Too many batches in flight; retry shortly', { retryAfterSeconds: 1 });
    try {
      const serverTime = deps.now();
      const result = await deps.db.tx(async (tx) => {
        const row = await deps.store.lock(tx, applianceId);
        let acked = row.ackedSeq;
        if (row.epoch !== batch.epoch) {
          if (await deps.store.epochKnown(tx, applianceId, batch.epoch)) {
            throw new SyncProtocolError('epoch_superseded', 'This epoch was replaced by a newer one; mint a new epoch and resend', { epoch: row.epoch });
          }
          await deps.store.adoptEpoch(tx, applianceId, batch.epoch);
          acked = 0;
          // Logged only when it sticks: a new epoch that does not start from zero is rolled back by the gap below.
          if (batch.afterSeq === 0) log.info('new epoch', { applianceId, epoch: batch.epoch, previous: row.epoch });
        }
        if (batch.afterSeq > acked) {
          throw new SyncProtocolError('sync_gap', `Expected a batch after ${acked}, got one after ${batch.afterSeq}; rewind`, { ackedSeq: acked, epoch: batch.epoch });
        }
        const seen = checks.filter((c) => c.ref.seq <= acked);
        const fresh = checks.filter((c) => c.ref.seq > acked);
        const unknown = await deps.store.unknownAmong(tx, applianceId, batch.epoch, seen.map((c) => c.ref));
        if (unknown.length) {
          throw new SyncProtocolError('epoch_diverged', `Records ${unknown.slice(0, 5).join(', ')} are at or below the acked seq but unknown here; mint a new epoch and resend`, {
            ackedSeq: acked,
            unknownSeqs: unknown.slice(0, 20),
          });
        }
        const valid: SyncRecord[] = [];
        const rejects: RejectRow[] = [];
        for (const c of fresh) {
          if (c.check.ok) valid.push(c.check.record);
          else
            rejects.push({
              seq: c.ref.seq,
              entity: c.check.entity ?? null,
              entityId: c.check.entityId ?? null,
              reason: c.check.reason,
              message: c.check.message,
              details: c.check.details ?? null,
              record: JSON.stringify(c.raw),
            });
        }
        const newest = newestPerEntity(valid);
        const applied = await deps.store.upsert(tx, applianceId, batch.epoch, newest);
        await deps.store.insertRejects(tx, applianceId, batch.epoch, rejects);
        const lastSeq = batch.records.length ? batch.records[batch.records.length - 1].seq : batch.afterSeq;
        const serverAcked = Math.max(acked, lastSeq);
        await deps.store.advance(tx, applianceId, {
          ackedSeq: serverAcked,
          headSeq: batch.headSeq,
          skewMs: batch.sentAt - serverTime,
          oldestPendingAgeMs: batch.oldestPendingAgeMs,
          schemaVersion: batch.schemaVersion,
          appVersion: batch.appVersion,
          records: fresh.length,
          duplicate: batch.records.length > 0 && fresh.length === 0,
          rejects: rejects.length,
          counted: batch.records.length > 0,
        });
        const rejectsOpen = await deps.store.rejectsOpen(tx, applianceId);
        await deps.hooks?.beforeCommit?.({ applianceId, records: batch.records.length, ackedSeq: serverAcked });
        const ack: SyncAck = {
          // Only what this batch covered: a restored appliance must walk through the server's range record by record.
          ackedSeq: lastSeq,
          serverAckedSeq: serverAcked,
          epoch: batch.epoch,
          duplicate: batch.records.length > 0 && fresh.length === 0,
          applied,
          stale: valid.length - applied,
          rejected: rejects.map((r) => ({ seq: r.seq, reason: r.reason })),
          rejectsOpen,
          serverTime,
        };
        return ack;
      });
      if (result.rejected.length) log.warn('records set aside', { applianceId, rejected: result.rejected.slice(0, 20) });
      const drop = (await deps.hooks?.afterCommit?.({ applianceId, records: batch.records.length, ackedSeq: result.serverAckedSeq })) === 'drop';
      return { ack: result, drop };
    } catch (e) {
      if (e instanceof SyncProtocolError) await refuse(applianceId, batch, e);
      throw e;
    } finally {
      deps.gate.leave();
    }
  }

  return { apply };
}

export type Ingest = ReturnType<typeof createIngest>;

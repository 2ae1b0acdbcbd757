/**
 * The outbox writer on real SQLite, and the uploader's decisions against a
 * scripted central server and a hand-driven scheduler: ack, rewind, restore
 * detection, Retry-After, backoff. The end-to-end fault tests are in sync/test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncAck, SyncBatch } from '@edgecall/contracts';
import { openDatabase, type Database } from '../../adapters/db/orm.ts';
import { createLogger } from '../../adapters/system/logger.ts';
import type { CentralPort, CentralReply } from './ports.ts';
import { createUploader } from './service.ts';
import { createSyncStore, writeOutbox } from './store.ts';
import { syncRoutes } from './http.ts';

const logger = createLogger('silent');
let dir: string;
let db: Database;

test.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ec-sync-unit-'));
  db = await openDatabase({ dataDir: dir, entities: [], logger });
});
test.after.each(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (id: string, extra: object = {}) => ({ entity: 'call_journey', entityId: id, payload: { callId: id }, ...extra });

test('outbox rows commit and roll back with the business transaction; versions count per entity', async () => {
  await db.em().transactional((tx) => writeOutbox(tx, [row('a'), row('a'), row('b')]));
  await db
    .em()
    .transactional(async (tx) => {
      await writeOutbox(tx, [row('a')]);
      throw new Error('business write failed');
    })
    .catch(() => undefined);
  await db.em().transactional((tx) => writeOutbox(tx, [row('a'), row('c', { entityVersion: 7 }), row('c')]));
  const rows = await db.em().execute<{ seq: number; entity_id: string; entity_version: number }[]>(`select seq, entity_id, entity_version from sync_outbox order by seq`);
  assert.equal(
    rows.map((r) => `${r.entity_id}@${r.entity_version}`),
    ['a@1', 'a@2', 'b@1', 'a@3', 'c@7', 'c@8'],
    'the rolled-back write left neither a row nor a version behind',
  );
  assert.ok(rows.every((r, i) => i === 0 || r.seq > rows[i - 1].seq));
  for (const bad of [row('x y'), { ...row('x'), entity: 'Bad-Entity' }, row('x', { entityVersion: 0 }), row('x', { payload: 'y'.repeat(3 * 1024 * 1024) })]) {
    const failed = await db
      .em()
      .transactional((tx) => writeOutbox(tx, [bad]))
      .then(() => false, () => true);
    assert.ok(failed, `refused: ${JSON.stringify(bad).slice(0, 80)}`);
  }
});

function harness(replies: ((b: SyncBatch) => CentralReply<SyncAck>)[]) {
  const timers: { ms: number; fn: () => void }[] = [];
  const sent: SyncBatch[] = [];
  const central: CentralPort = {
    sendBatch: async (b) => {
      sent.push(b);
      const next = replies.shift();
      if (!next) throw new Error('no scripted reply left');
      return next(b);
    },
    pullRef: async () => ({ ok: false, status: 0, id: 'network', message: 'unused', retryAfterMs: null }),
    refSnapshot: async () => ({ ok: false, status: 0, id: 'network', message: 'unused', retryAfterMs: null }),
  };
  let now = 1_000_000;
  const store = createSyncStore(db.em);
  const uploader = createUploader({
    outbox: store,
    central,
    clock: { now: () => now },
    scheduler: { after: (ms, fn) => (timers.push({ ms, fn }), () => void timers.splice(timers.findIndex((t) => t.fn === fn) >>> 0, 1)) },
    logger,
    random: () => 1,
    newEpoch: () => 'epoch-rotated-0001',
    options: { applianceId: 'br-1', appVersion: 't', schemaVersion: 2, batchMaxRecords: 2, batchMaxBytes: 1 << 20, backoffBaseMs: 100, backoffMaxMs: 1000, idlePollMs: 60_000, retentionMs: 0 },
  });
  /** Lets the in-flight attempt finish; returns the delay it scheduled next. */
  async function settle(): Promise<number> {
    for (let i = 0; i < 5000 && timers.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    const t = timers.shift()!;
    now += t.ms;
    return t.ms;
  }
  const fire = async () => {
    timers.length = 0;
    uploader.runNow();
    return settle();
  };
  return { uploader, store, sent, settle, fire, timers };
}

const ack = (over: Partial<SyncAck> = {}) => (b: SyncBatch): CentralReply<SyncAck> => {
  const last = b.records.length ? b.records[b.records.length - 1].seq : b.afterSeq;
  return { ok: true, status: 200, body: { ackedSeq: last, serverAckedSeq: last, epoch: b.epoch, duplicate: false, applied: b.records.length, stale: 0, rejected: [], rejectsOpen: 0, serverTime: 1_000_000, ...over } };
};
const refuse = (id: string, status: number, details?: unknown, retryAfterMs: number | null = null) => (): CentralReply<SyncAck> => ({ ok: false, status, id, message: id, details, retryAfterMs });

test('acks move the cursor; a gap rewinds it; HQ ahead of the head mints a new epoch', async () => {
  await db.em().transactional((tx) => writeOutbox(tx, [row('a'), row('b'), row('c'), row('d')]));
  const h = harness([ack(), refuse('sync_gap', 409, { ackedSeq: 1 }), ack(), ack(), (b) => ack({ serverAckedSeq: 99 })(b), ack(), ack()]);
  h.uploader.start();
  assert.is(await h.settle(), 0, 'more to send: next batch at once');
  assert.equal(h.sent[0].records.map((r) => r.seq), [1, 2]);
  assert.is((await h.store.state()).ackedSeq, 2);
  await h.fire();
  assert.is((await h.store.state()).ackedSeq, 1, 'rewound to where HQ is');
  await h.fire();
  assert.equal(h.sent[2].records.map((r) => r.seq), [2, 3], 'resent from the rewound cursor');
  await h.fire();
  await h.fire();
  const st = await h.store.state();
  assert.is(st.epoch, 'epoch-rotated-0001', 'HQ acked seqs this database never wrote: restored from a backup');
  assert.is(st.ackedSeq, 0);
  await h.fire();
  assert.is(h.sent[5].epoch, 'epoch-rotated-0001');
  assert.equal(h.sent[5].records.map((r) => r.seq), [1, 2], 'the new epoch resends everything');
  await h.uploader.stop();
});

test('Retry-After is honoured; failures back off exponentially up to the cap; a write does not cut a backoff short', async () => {
  await db.em().transactional((tx) => writeOutbox(tx, [row('a')]));
  const h = harness([refuse('rate_limited', 429, undefined, 5000), refuse('network', 0), refuse('network', 0), refuse('internal_error', 500), refuse('network', 0), refuse('network', 0), ack()]);
  h.uploader.start();
  assert.ok((await h.settle()) >= 5000, 'waited at least what HQ asked');
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    h.uploader.runNow();
    delays.push(await h.settle());
    h.uploader.poke();
    await new Promise((r) => setTimeout(r, 5));
    assert.is(h.timers.length, 0, 'a new write does not cut the backoff short');
  }
  assert.equal(delays, [400, 800, 1000, 1000, 1000], 'base·2^n with full jitter at its top, capped');
  assert.is(h.uploader.status().consecutiveFailures, 6);
  assert.is(h.uploader.status().lastError?.id, 'network');
  h.uploader.runNow();
  await h.settle();
  assert.is(h.uploader.status().consecutiveFailures, 0);
  assert.is((await h.store.state()).ackedSeq, 1);
  await h.uploader.stop();
});

test('the status route declares sync:read; the run route settings:manage', () => {
  const routes = syncRoutes({ status: async () => ({}), runNow: () => undefined, reference: async () => [] });
  const access = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.access]));
  assert.is(access['GET /api/v1/sync/status'], 'sync:read');
  assert.is(access['POST /api/v1/sync/run'], 'settings:manage');
  assert.is(access['GET /api/v1/reference/:dataset'], 'authenticated');
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { agentTransitionRecord, callJourneyRecord, checkRecord, SyncBatch, SYNC_SCHEMA_VERSION } from './sync.ts';

const summary = {
  id: 'call-1',
  direction: 'inbound',
  number: '+994501112233',
  did: '1000',
  stage: 'ended',
  queue: 'main',
  agent: '1001',
  arrivedAt: 1000,
  answeredAt: 2000,
  endedAt: 3000,
  cause: 'caller_hangup',
  recording: null,
  lastSeq: 2,
};
const events = [
  { type: 'ended' as const, seq: 2, at: 3000, cause: 'caller_hangup' as const },
  { type: 'arrived' as const, seq: 1, at: 1000 },
];

const wire = (row: ReturnType<typeof callJourneyRecord>, seq = 1) => ({ seq, op: 'upsert', entityVersion: 1, schemaVersion: SYNC_SCHEMA_VERSION, ...row });

test('a journey record carries the whole journey in seq order and passes the central check', () => {
  const row = callJourneyRecord(summary, events);
  assert.equal((row.payload as { events: { seq: number }[] }).events.map((e) => e.seq), [1, 2]);
  const checked = checkRecord(wire(row));
  assert.ok(checked.ok, JSON.stringify(checked));
});

test('version 1 journeys are upcast; unknown causes, foreign ids and unsafe text are refused with a reason', () => {
  const row = callJourneyRecord(summary, events);
  const { did: _d, recording: _r, ...v1summary } = (row.payload as { summary: Record<string, unknown> }).summary;
  const v1 = checkRecord({ ...wire(row), schemaVersion: 1, payload: { ...(row.payload as object), summary: v1summary } });
  assert.ok(v1.ok && (v1.record.payload as { summary: { did: string } }).summary.did === '');
  const reason = (raw: unknown) => {
    const r = checkRecord(raw);
    return r.ok ? 'ok' : r.reason;
  };
  assert.is(reason(wire(callJourneyRecord({ ...summary, cause: 'exploded' }, events))), 'invalid_payload');
  assert.is(reason({ ...wire(row), entityId: 'call-2' }), 'entity_id_mismatch');
  assert.is(reason(wire(callJourneyRecord({ ...summary, number: 'a\ud800b' }, events))), 'unsupported_character');
  assert.is(reason({ ...wire(row), schemaVersion: SYNC_SCHEMA_VERSION + 1 }), 'schema_ahead');
  assert.is(reason({ ...wire(row), op: 'append' }), 'op_not_allowed');
  assert.is(reason({ seq: 1 }), 'invalid_envelope');
  assert.is(reason({ ...wire(row), op: 'delete', payload: null }), 'ok');
});

test('agent transitions are append-only records with a caller-minted id', () => {
  const r = agentTransitionRecord('7c9e6679-7425-40de-944b-e07fc1f90ae7', { agent: '1001', state: 'paused', reason: 'lunch', at: 5 });
  assert.is(r.op, 'append');
  assert.ok(checkRecord({ seq: 1, schemaVersion: SYNC_SCHEMA_VERSION, ...r }).ok);
});

test('a batch must chain: ascending seqs after afterSeq, head at or above the last', () => {
  const base = { applianceId: 'br-1', epoch: 'epoch-0001', afterSeq: 5, headSeq: 7, sentAt: 1, oldestPendingAgeMs: null, schemaVersion: 2, appVersion: 'x' };
  assert.ok(SyncBatch.safeParse({ ...base, records: [{ seq: 6 }, { seq: 7 }] }).success);
  assert.not.ok(SyncBatch.safeParse({ ...base, records: [{ seq: 5 }] }).success);
  assert.not.ok(SyncBatch.safeParse({ ...base, records: [{ seq: 7 }, { seq: 6 }] }).success);
  assert.not.ok(SyncBatch.safeParse({ ...base, headSeq: 6, records: [{ seq: 7 }] }).success);
});

test.run();

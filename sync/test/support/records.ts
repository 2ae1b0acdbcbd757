/** Hand-made records and batches for protocol tests (the appliance-side tests use the real outbox). */
import { SYNC_SCHEMA_VERSION } from '@edgecall/contracts';

export function journeyPayload(callId: string, steps: number, version = 2): Record<string, unknown> {
  const at = 1_700_000_000_000;
  const kinds = [
    { type: 'arrived', number: '+994501234567' },
    { type: 'queued', queue: 'main' },
    { type: 'answered', agent: '1001', queue: 'main' },
    { type: 'ended', cause: 'caller_hangup' },
  ];
  const events = kinds.slice(0, Math.max(1, Math.min(steps, kinds.length))).map((k, i) => ({ ...k, seq: i + 1, at: at + i * 1000 }));
  const ended = events.length === 4;
  const summary: Record<string, unknown> = {
    number: '+994501234567',
    stage: ended ? 'ended' : events.length >= 3 ? 'talking' : events.length === 2 ? 'queued' : 'ivr',
    queue: events.length >= 2 ? 'main' : null,
    agent: events.length >= 3 ? '1001' : null,
    arrivedAt: at,
    answeredAt: events.length >= 3 ? at + 2000 : null,
    endedAt: ended ? at + 3000 : null,
    cause: ended ? 'caller_hangup' : null,
    lastSeq: events.length,
  };
  // Version 1 summaries had neither the DID nor the recording.
  if (version >= 2) Object.assign(summary, { did: '1000', recording: null });
  return { callId, direction: 'inbound', events, summary };
}

export interface WireRecord {
  seq: number;
  entity: string;
  entityId: string;
  op: 'upsert' | 'delete' | 'append';
  entityVersion: number;
  schemaVersion: number;
  payload: unknown;
}

export const journeyRecord = (seq: number, callId: string, version: number, schemaVersion = SYNC_SCHEMA_VERSION): WireRecord => ({
  seq,
  entity: 'call_journey',
  entityId: callId,
  op: 'upsert',
  entityVersion: version,
  schemaVersion,
  payload: journeyPayload(callId, version, schemaVersion),
});

export const agentRecord = (seq: number, id: string): WireRecord => ({
  seq,
  entity: 'agent_state',
  entityId: id,
  op: 'append',
  entityVersion: 1,
  schemaVersion: SYNC_SCHEMA_VERSION,
  payload: { agent: '1001', state: 'ready', at: 1_700_000_000_000 + seq },
});

export function batch(applianceId: string, epoch: string, afterSeq: number, records: unknown[], extra: Record<string, unknown> = {}) {
  const seqs = records.map((r) => (r as { seq: number }).seq);
  return {
    applianceId,
    epoch,
    afterSeq,
    headSeq: Math.max(afterSeq, ...seqs),
    sentAt: Date.now(),
    oldestPendingAgeMs: records.length ? 1000 : null,
    schemaVersion: SYNC_SCHEMA_VERSION,
    appVersion: 'test',
    records,
    ...extra,
  };
}

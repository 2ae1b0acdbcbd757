/**
 * The sync protocol between an appliance and the central server (DESIGN.md §6,
 * research/sync-and-mqtt.md §B): the uplink batch of outbox records, its ack
 * and its refusals, the entity registry both ends validate against, the
 * downlink of reference data, and enrollment. Pure: schemas and functions only.
 */
import { z } from 'zod';
import { AgentState, CallDirection, EndCause, JourneyEvent, type AgentTransition } from './kpi/journey.ts';
import { TicketEventPayload, TicketPayload } from './tickets.ts';

/** The data schema version this build writes; HQ also accepts the previous one (N-1) and upcasts it. */
export const SYNC_SCHEMA_VERSION = 2;
export const SYNC_MIN_SCHEMA_VERSION = 1;
/** Server-side caps; the appliance's own caps (settings) must stay below them. */
export const SYNC_MAX_BATCH_RECORDS = 1000;
export const SYNC_MAX_RECORD_BYTES = 2 * 1024 * 1024;

const MAX_INT = Number.MAX_SAFE_INTEGER;
const EPOCH_MS = z.number().int().nonnegative().max(MAX_INT);
const SEQ = z.number().int().positive().max(MAX_INT);
const CURSOR = z.number().int().nonnegative().max(MAX_INT);

export const APPLIANCE_ID = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, at most 63');
export const SYNC_EPOCH = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '8–64 letters, digits or dashes');
export const ENTITY_NAME = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'snake_case, at most 48');
export const ENTITY_ID = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, '1–128 letters, digits or ._:@-');
export const SyncOp = z.enum(['upsert', 'delete', 'append']);
export type SyncOp = z.infer<typeof SyncOp>;

/** One outbox row on the wire. `payload` is the full row image (never a diff), so replays are idempotent. */
export const SyncRecord = z.strictObject({
  seq: SEQ,
  entity: ENTITY_NAME,
  entityId: ENTITY_ID,
  op: SyncOp,
  entityVersion: z.number().int().positive().max(MAX_INT),
  schemaVersion: z.number().int().nonnegative().max(10_000),
  payload: z.unknown(),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

/**
 * The batch envelope checks only what chains batches (each record's `seq`);
 * every other field of a record is checked one by one so a single bad record is
 * set aside centrally instead of failing the batch and wedging the queue.
 */
export const SyncBatch = z
  .strictObject({
    applianceId: APPLIANCE_ID,
    epoch: SYNC_EPOCH,
    /** The last seq the appliance believes acked; the server answers a mismatch with 409 sync_gap. */
    afterSeq: CURSOR,
    /** The appliance's highest outbox seq ever written (backlog = headSeq − acked). */
    headSeq: CURSOR,
    /** The appliance's clock when sending: skew is reported, never used for ordering. */
    sentAt: EPOCH_MS,
    /** Age of the oldest unacked record by the appliance's own clock (skew-free), null when none. */
    oldestPendingAgeMs: z.number().int().nonnegative().max(MAX_INT).nullable(),
    schemaVersion: z.number().int().nonnegative().max(10_000),
    appVersion: z.string().max(64),
    records: z.array(z.looseObject({ seq: SEQ })).max(SYNC_MAX_BATCH_RECORDS),
  })
  .superRefine((b, ctx) => {
    let prev = b.afterSeq;
    for (const [i, r] of b.records.entries()) {
      if (r.seq <= prev) {
        ctx.addIssue({ code: 'custom', path: ['records', i, 'seq'], message: 'records must follow afterSeq in strictly ascending seq' });
        return;
      }
      prev = r.seq;
    }
    if (b.headSeq < prev) ctx.addIssue({ code: 'custom', path: ['headSeq'], message: 'headSeq is below the last record' });
  });
export type SyncBatch = z.infer<typeof SyncBatch>;

export const RejectedRecord = z.object({ seq: SEQ, reason: z.string() });

export const SyncAck = z.object({
  /** Everything up to here is safely central: records of this batch applied, or verified as applied before. */
  ackedSeq: CURSOR,
  /** The server's high-water mark for this epoch; above the appliance's head means it was restored from a backup. */
  serverAckedSeq: CURSOR,
  epoch: SYNC_EPOCH,
  duplicate: z.boolean(),
  applied: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  rejected: z.array(RejectedRecord),
  rejectsOpen: z.number().int().nonnegative(),
  serverTime: EPOCH_MS,
});
export type SyncAck = z.infer<typeof SyncAck>;

export const SyncStateResponse = z.object({
  applianceId: APPLIANCE_ID,
  epoch: SYNC_EPOCH.nullable(),
  ackedSeq: CURSOR,
  schema: z.object({ current: z.number().int(), min: z.number().int() }),
  serverTime: EPOCH_MS,
});
export type SyncStateResponse = z.infer<typeof SyncStateResponse>;

/**
 * Protocol refusals beyond the generic error ids of errors.ts; sent as
 * `{error:{id, message, details}}` like every other error.
 */
export const SYNC_ERROR_STATUS = {
  /** afterSeq is ahead of the server: details.ackedSeq says where to resume. */
  sync_gap: 409,
  /** The epoch was replaced by a newer one (a restored or cloned appliance): mint a new epoch. */
  epoch_superseded: 409,
  /** Records the server counts as acked are unknown to it: the appliance's history forked (restore). */
  epoch_diverged: 409,
  /** A record is newer than the server understands: keep queuing, upgrade HQ first. */
  schema_ahead: 409,
  /** The reference-data cursor is older than the retained change log: fetch the snapshot. */
  cursor_expired: 410,
} as const;
export type SyncErrorId = keyof typeof SYNC_ERROR_STATUS;

export class SyncProtocolError extends Error {
  readonly id: SyncErrorId;
  readonly status: number;
  readonly details?: unknown;
  constructor(id: SyncErrorId, message: string, details?: unknown) {
    super(message);
    this.name = 'SyncProtocolError';
    this.id = id;
    this.status = SYNC_ERROR_STATUS[id];
    this.details = details;
  }
}

// ── entities ──────────────────────────────────────────────────────────────

const ID = z.string().min(1).max(64);

/** The call's summary row as the appliance keeps it (schema version 2). */
export const JourneySummaryPayload = z.object({
  number: z.string().max(64),
  did: z.string().max(64),
  stage: z.enum(['ivr', 'queued', 'ringing', 'talking', 'ended']),
  queue: ID.nullable(),
  agent: ID.nullable(),
  arrivedAt: EPOCH_MS,
  answeredAt: EPOCH_MS.nullable(),
  endedAt: EPOCH_MS.nullable(),
  cause: EndCause.nullable(),
  recording: z.string().max(512).nullable(),
  lastSeq: CURSOR,
});

/** A whole call journey (contracts/kpi/journey.ts) plus its summary: `call_journey` records carry this. */
export const CallJourneyPayload = z
  .object({ callId: ID, direction: CallDirection, events: z.array(JourneyEvent).max(10_000), summary: JourneySummaryPayload })
  .refine((j) => new Set(j.events.map((e) => e.seq)).size === j.events.length, { message: 'event seq must be unique within a call', path: ['events'] });
export type CallJourneyPayload = z.infer<typeof CallJourneyPayload>;

/** One agent state transition (append-only); `agent_state` records carry this. */
export const AgentStatePayload = z.object({
  agent: ID,
  state: AgentState,
  reason: z.string().min(1).max(64).optional(),
  at: EPOCH_MS,
});

/** What the call-handling window registered against a call (features/call-records). */
export const CallRecordPayload = z.object({
  id: z.string().min(1).max(64),
  callId: z.string().min(1).max(64).nullable(),
  number: z.string().max(64).nullable(),
  contactId: z.string().max(64).nullable(),
  requestTypeId: z.string().min(1).max(64),
  classificationId: z.string().min(1).max(64),
  subClassificationId: z.string().max(64).nullable(),
  cityId: z.string().max(64).nullable(),
  districtId: z.string().max(64).nullable(),
  note: z.string().max(5000),
  fields: z.record(z.string(), z.unknown()),
  agent: z.string().max(64).nullable(),
  userId: z.string().min(1).max(64),
  createdAt: EPOCH_MS,
});
export type CallRecordPayload = z.infer<typeof CallRecordPayload>;

/**
 * The branch's KPI thresholds per queue (KPIS.md settings), sent whenever the
 * ACD settings are saved, so HQ computes a branch's figures with the branch's
 * own T_sl, T_short, T_long and SL variant. One row per branch (id `branch`).
 */
export const KpiSettingsPayload = z.object({
  queues: z
    .array(
      z.object({
        id: ID,
        tSl: z.number().nonnegative().max(14 * 24 * 3600).optional(),
        tShort: z.number().nonnegative().max(14 * 24 * 3600).optional(),
        tLong: z.number().nonnegative().max(14 * 24 * 3600).optional(),
        slVariant: z.enum(['V1', 'V2', 'V3', 'V4', 'V5']).optional(),
        callbackWindowHours: z.number().min(0).max(24 * 366).optional(),
      }),
    )
    .max(1000),
});
export type KpiSettingsPayload = z.infer<typeof KpiSettingsPayload>;
export const KPI_SETTINGS_ENTITY_ID = 'branch';

/** The outbox row of the branch's KPI settings: the KPI fields of every queue, nothing else of the ACD configuration. */
export function kpiSettingsRecord(queues: readonly { id: string; tSl?: number; tShort?: number; tLong?: number; slVariant?: string; callbackWindowHours?: number }[]): OutboxRowInput {
  return {
    entity: 'kpi_settings',
    entityId: KPI_SETTINGS_ENTITY_ID,
    op: 'upsert',
    payload: { queues: queues.map((q) => ({ id: q.id, tSl: q.tSl, tShort: q.tShort, tLong: q.tLong, slVariant: q.slVariant, callbackWindowHours: q.callbackWindowHours })) },
  };
}

/**
 * What the server needs to accept an entity. Adding tickets, evaluations or
 * campaign logs is one more entry: its payload schema at SYNC_SCHEMA_VERSION and
 * an upcaster for each version step its payload changed in.
 */
export interface SyncEntityDefinition {
  entity: string;
  ops: readonly SyncOp[];
  payload: z.ZodType;
  /** `upcast[v]` turns a version-v payload into version v+1; a missing step means unchanged. */
  upcast?: Partial<Record<number, (payload: unknown) => unknown>>;
  /** The entity id a payload names, checked against the record's entityId. */
  idOf?: (payload: never) => string;
}

const asObject = (p: unknown): Record<string, unknown> => (p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {});

export const SYNC_ENTITIES: readonly SyncEntityDefinition[] = [
  {
    entity: 'call_journey',
    ops: ['upsert', 'delete'],
    payload: CallJourneyPayload,
    // Version 1 summaries had no DID and no recording reference.
    upcast: { 1: (p) => ({ ...asObject(p), summary: { did: '', recording: null, ...asObject(asObject(p).summary) } }) },
    idOf: (p: CallJourneyPayload) => p.callId,
  },
  { entity: 'agent_state', ops: ['append'], payload: AgentStatePayload },
  { entity: 'call_record', ops: ['upsert'], payload: CallRecordPayload, idOf: (p: CallRecordPayload) => p.id },
  // Electronic requests (issue 7): the request's whole row at each change, and each history entry once.
  { entity: 'ticket', ops: ['upsert'], payload: TicketPayload, idOf: (p: TicketPayload) => p.id },
  { entity: 'ticket_event', ops: ['append'], payload: TicketEventPayload, idOf: (p: TicketEventPayload) => p.id },
  { entity: 'kpi_settings', ops: ['upsert'], payload: KpiSettingsPayload, idOf: () => KPI_SETTINGS_ENTITY_ID },
];

export type RecordCheck =
  | { ok: true; record: SyncRecord }
  | { ok: false; reason: string; message: string; details?: unknown; entity?: string; entityId?: string };

// Postgres jsonb refuses NUL and lone surrogates; finding them here keeps one such record from failing a batch.
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function hasUnsafeText(v: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof v === 'string') return UNSAFE_TEXT.test(v);
  if (Array.isArray(v)) return v.some((x) => hasUnsafeText(x, depth + 1));
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => UNSAFE_TEXT.test(k) || hasUnsafeText(x, depth + 1));
  return false;
}

const issues = (e: z.ZodError) => e.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));

/**
 * Checks one record against the registry and upcasts its payload to the
 * current version. A record newer than the registry is reported as
 * `schema_ahead`; the server refuses the whole batch for it rather than
 * quarantining data it will understand after an upgrade.
 */
export function checkRecord(raw: unknown, entities: readonly SyncEntityDefinition[] = SYNC_ENTITIES): RecordCheck {
  const env = SyncRecord.safeParse(raw);
  if (!env.success) {
    const r = asObject(raw);
    return { ok: false, reason: 'invalid_envelope', message: 'The record envelope is not valid', details: issues(env.error), ...idsOf(r) };
  }
  const rec = env.data;
  const ids = { entity: rec.entity, entityId: rec.entityId };
  const def = entities.find((d) => d.entity === rec.entity);
  if (!def) return { ok: false, reason: 'unknown_entity', message: `No entity ${rec.entity} is registered`, ...ids };
  if (!def.ops.includes(rec.op)) return { ok: false, reason: 'op_not_allowed', message: `${rec.entity} does not take ${rec.op}`, ...ids };
  if (rec.schemaVersion > SYNC_SCHEMA_VERSION) return { ok: false, reason: 'schema_ahead', message: `Schema ${rec.schemaVersion} is newer than ${SYNC_SCHEMA_VERSION}`, ...ids };
  if (rec.schemaVersion < SYNC_MIN_SCHEMA_VERSION) return { ok: false, reason: 'schema_too_old', message: `Schema ${rec.schemaVersion} is older than ${SYNC_MIN_SCHEMA_VERSION}`, ...ids };
  if (rec.op === 'delete') return { ok: true, record: { ...rec, payload: null } };
  if (hasUnsafeText(rec.payload)) return { ok: false, reason: 'unsupported_character', message: 'The payload holds NUL or unpaired surrogate characters', ...ids };
  if (JSON.stringify(rec.payload ?? null).length > SYNC_MAX_RECORD_BYTES) return { ok: false, reason: 'record_too_large', message: 'The payload is too large', ...ids };
  let payload = rec.payload;
  for (let v = rec.schemaVersion; v < SYNC_SCHEMA_VERSION; v++) payload = def.upcast?.[v]?.(payload) ?? payload;
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'invalid_payload', message: `The ${rec.entity} payload is not valid`, details: issues(parsed.error), ...ids };
  if (def.idOf && (def.idOf as (p: unknown) => string)(parsed.data) !== rec.entityId) {
    return { ok: false, reason: 'entity_id_mismatch', message: 'The payload names another entity than entityId', ...ids };
  }
  return { ok: true, record: { ...rec, payload: parsed.data } };
}

function idsOf(r: Record<string, unknown>) {
  return {
    ...(typeof r.entity === 'string' && ENTITY_NAME.safeParse(r.entity).success ? { entity: r.entity } : {}),
    ...(typeof r.entityId === 'string' && ENTITY_ID.safeParse(r.entityId).success ? { entityId: r.entityId } : {}),
  };
}

/** What a business store hands the outbox writer; version and schema default on the appliance. */
export interface OutboxRowInput {
  entity: string;
  entityId: string;
  op?: SyncOp;
  /** Omit to let the outbox count versions per entity (+1 per write). */
  entityVersion?: number;
  schemaVersion?: number;
  payload: unknown;
}

/**
 * The outbox row of a call journey: the whole journey and its summary, never
 * only the new events. Fields are copied, not parsed: validation happens
 * centrally, so a surprising value is quarantined there and never fails the
 * appliance's business transaction.
 */
export function callJourneyRecord(summary: JourneySummaryInput, events: readonly JourneyEvent[]): OutboxRowInput {
  const s = summary;
  return {
    entity: 'call_journey',
    entityId: s.id,
    op: 'upsert',
    payload: {
      callId: s.id,
      direction: s.direction,
      events: [...events].sort((a, b) => a.seq - b.seq),
      summary: {
        number: s.number,
        did: s.did,
        stage: s.stage,
        queue: s.queue,
        agent: s.agent,
        arrivedAt: s.arrivedAt,
        answeredAt: s.answeredAt,
        endedAt: s.endedAt,
        cause: s.cause,
        recording: s.recording,
        lastSeq: s.lastSeq,
      },
    },
  };
}

/** The appliance's call summary as the ACD keeps it (a structural copy, so contracts imports no appliance type). */
export interface JourneySummaryInput {
  id: string;
  direction: string;
  number: string;
  did: string;
  stage: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  cause: string | null;
  recording: string | null;
  lastSeq: number;
}

/** The outbox row of one agent state transition; `id` must be unique (a UUID), never a local autoincrement. */
export function agentTransitionRecord(id: string, t: { agent: string; state: string; reason: string | null; at: number }): OutboxRowInput {
  const payload: AgentTransition = { agent: t.agent, state: t.state as AgentTransition['state'], at: t.at, ...(t.reason ? { reason: t.reason } : {}) };
  return { entity: 'agent_state', entityId: id, op: 'append', entityVersion: 1, payload };
}

export * from './sync-reference.ts';

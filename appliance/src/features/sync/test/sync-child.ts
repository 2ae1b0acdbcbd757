/**
 * A branch appliance reduced to what sync needs, run as a child process by the
 * sync fault tests (sync/test, which must not import the appliance: DESIGN.md
 * §3 rule 6). It opens the real SQLite database with the real migrations,
 * writes call journeys and agent transitions exactly as the ACD store will once
 * wired (business rows and outbox row in one transaction), and runs the real
 * uploader and downlink. The parent drives it over the IPC channel and may
 * kill -9 it at any moment.
 *
 * Env: EC_DATA (data dir), EC_CLOCK_OFFSET_MS (injected clock skew),
 * EC_SCHEMA_VERSION, EC_SYNC_SETTINGS (JSON overrides), EDGECALL_CENTRAL_URL.
 */
import { JourneyEvent } from '@edgecall/contracts';
import { openDatabase } from '../../../adapters/db/orm.ts';
import { createLogger } from '../../../adapters/system/logger.ts';
import { createScheduler } from '../../../adapters/system/scheduler.ts';
import { ACD_ENTITIES, AgentStateLogEntity, CallEntity, CallEventEntity } from '../../acd/entities.ts';
import { agentTransitionRecord, callJourneyRecord, createApplianceSync, syncSettingsFromEnv, writeOutbox } from '../index.ts';

const offset = Number(process.env.EC_CLOCK_OFFSET_MS ?? 0);
let lastAt = 0;
// Strictly increasing, so every transition of a run is distinguishable by (agent, at).
const clock = { now: () => (lastAt = Math.max(lastAt + 1, Date.now() + offset)) };
const logger = createLogger((process.env.EC_LOG as 'debug') ?? 'silent');
const db = await openDatabase({ dataDir: process.env.EC_DATA!, entities: ACD_ENTITIES, logger });
const scheduler = createScheduler();
const settings = syncSettingsFromEnv(process.env, JSON.parse(process.env.EC_SYNC_SETTINGS ?? '{}'));
const schemaVersion = process.env.EC_SCHEMA_VERSION ? Number(process.env.EC_SCHEMA_VERSION) : undefined;
const sync = createApplianceSync({ em: db.em, dataDir: process.env.EC_DATA!, settings, clock, scheduler, logger, appVersion: 'test', ids: () => crypto.randomUUID(), schemaVersion });

/** The journey a call goes through, one event per write, as the ACD records it. */
const SCRIPT: { event: Record<string, unknown>; patch: Record<string, unknown> }[] = [
  { event: { type: 'arrived', number: '+994501112233' }, patch: { stage: 'ivr' } },
  { event: { type: 'queued', queue: 'main' }, patch: { stage: 'queued', queue: 'main' } },
  { event: { type: 'ringing', agent: '1001', queue: 'main' }, patch: { stage: 'ringing' } },
  { event: { type: 'answered', agent: '1001', queue: 'main' }, patch: { stage: 'talking', agent: '1001', answeredAt: 0 } },
  { event: { type: 'hold' }, patch: {} },
  { event: { type: 'unhold' }, patch: {} },
  { event: { type: 'ended', cause: 'caller_hangup' }, patch: { stage: 'ended', endedAt: 0, cause: 'caller_hangup' } },
];

const toEvent = (e: { type: string; seq: number; at: number; data: Record<string, unknown> }) => JourneyEvent.parse({ ...e.data, type: e.type, seq: e.seq, at: e.at });

/** Appends the call's next `steps` events: summary, events and the outbox row in one transaction (the ACD store's wiring). */
async function advanceCall(id: string, steps: number, schema?: number): Promise<boolean> {
  for (let s = 0; s < steps; s++) {
    const done = await db.em().transactional(async (tx) => {
      const row = await tx.findOne(CallEntity, { id });
      const n = row?.lastSeq ?? 0;
      if (n >= SCRIPT.length) return true;
      const at = clock.now();
      const step = SCRIPT[n];
      const patch = Object.fromEntries(Object.entries(step.patch).map(([k, v]) => [k, v === 0 ? at : v]));
      const summary = {
        id,
        direction: 'inbound' as const,
        number: '+994501112233',
        did: '1000',
        stage: 'ivr',
        queue: null,
        agent: null,
        arrivedAt: at,
        answeredAt: null,
        endedAt: null,
        cause: null,
        recording: null,
        ...(row ? { stage: row.stage, queue: row.queue ?? null, agent: row.agent ?? null, arrivedAt: row.arrivedAt, answeredAt: row.answeredAt ?? null, endedAt: row.endedAt ?? null, cause: row.cause ?? null } : {}),
        ...patch,
        lastSeq: n + 1,
      };
      await tx.upsert(CallEntity, { ...summary, updatedAt: at });
      tx.create(CallEventEntity, { callId: id, seq: n + 1, type: String(step.event.type), at, data: Object.fromEntries(Object.entries(step.event).filter(([k]) => k !== 'type')) });
      await tx.flush();
      // Raw rows, not parsed: a sync concern must never fail the business write (HQ validates).
      const events = (await tx.find(CallEventEntity, { callId: id }, { orderBy: { seq: 'asc' } })).map((e) => ({ ...e.data, type: e.type, seq: e.seq, at: e.at }) as JourneyEvent);
      const record = callJourneyRecord(summary, events);
      if (schema === 1) {
        // What a build one schema version older wrote: no DID, no recording in the summary.
        const { did: _did, recording: _rec, ...old } = (record.payload as { summary: Record<string, unknown> }).summary;
        record.payload = { ...(record.payload as object), summary: old };
        record.schemaVersion = 1;
      }
      await sync.writeOutbox(tx, [record]);
      return false;
    });
    if (done) return true;
  }
  return false;
}

async function transition(agent: string, state: string) {
  await db.em().transactional(async (tx) => {
    const at = clock.now();
    tx.create(AgentStateLogEntity, { agent, state, reason: state === 'paused' ? 'lunch' : null, at });
    await tx.flush();
    await sync.writeOutbox(tx, [agentTransitionRecord(crypto.randomUUID(), { agent, state, reason: state === 'paused' ? 'lunch' : null, at })]);
  });
}

async function dump() {
  const em = db.em();
  const [integrity] = await em.execute<{ integrity_check: string }[]>('pragma integrity_check');
  const calls = await em.find(CallEntity, {}, { orderBy: { id: 'asc' } });
  const events = await em.find(CallEventEntity, {}, { orderBy: { callId: 'asc', seq: 'asc' } });
  const transitions = await em.find(AgentStateLogEntity, {}, { orderBy: { id: 'asc' } });
  const outbox = await em.execute<{ seq: number; entity: string; entity_id: string; entity_version: number; payload: string }[]>(
    `select seq, entity, entity_id, entity_version, payload from sync_outbox order by seq`,
  );
  return {
    integrity: integrity.integrity_check,
    calls: calls.map((c) => ({ id: c.id, lastSeq: c.lastSeq, events: events.filter((e) => e.callId === c.id).map(toEvent) })),
    transitions: transitions.map((t) => ({ agent: t.agent, state: t.state, at: t.at })),
    outbox: outbox.map((o) => ({ seq: Number(o.seq), entity: o.entity, entityId: o.entity_id, version: Number(o.entity_version), payload: JSON.parse(o.payload) })),
  };
}

/** Until HQ has acked everything, by an exchange that started after this call (not a success remembered from before). */
async function drain(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const since = clock.now();
  for (;;) {
    const s = await sync.status();
    const fresh = (s.upload?.lastSuccessAt ?? 0) > since;
    if (fresh && s.backlog.records === 0 && s.ackedSeq === s.headSeq && s.upload?.consecutiveFailures === 0) return s;
    if (Date.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes without end (for kill -9): new calls, their next events and agent transitions, interleaved. */
async function loop(prefix: string) {
  for (let i = 1; ; i++) {
    await advanceCall(`${prefix}-${Math.ceil(i / 3)}`, 1);
    if (i % 4 === 0) await transition(`${prefix}-agent`, i % 8 === 0 ? 'ready' : 'paused');
    if (i % 10 === 0) process.send!({ type: 'tick', writes: i });
  }
}

const handlers: Record<string, (a: any) => Promise<unknown> | unknown> = {
  start: () => (sync.start(), { enabled: sync.enabled }),
  calls: async (a: { ids: string[]; steps: number; schema?: number }) => {
    for (const id of a.ids) await advanceCall(id, a.steps, a.schema);
    return { written: a.ids.length };
  },
  transitions: async (a: { agent: string; count: number }) => {
    for (let i = 0; i < a.count; i++) await transition(a.agent, i % 2 ? 'ready' : 'paused');
    return { written: a.count };
  },
  raw: (a: { rows: Parameters<typeof writeOutbox>[1] }) => db.em().transactional((tx) => writeOutbox(tx, a.rows, clock.now())),
  status: () => sync.status(),
  drain: (a: { timeoutMs?: number }) => drain(a.timeoutMs ?? 60_000),
  pull: async () => {
    await sync.refreshReference();
    return sync.status();
  },
  reference: async (a: { datasets: string[] }) => Object.fromEntries(await Promise.all(a.datasets.map(async (d) => [d, await sync.reference(d)]))),
  dump,
  loop: (a: { prefix: string }) => (void loop(a.prefix).catch((err) => process.send!({ type: 'error', message: String(err) })), { looping: true }),
  stop: async () => {
    await sync.stop();
    scheduler.cancelAll();
    await db.close();
    setTimeout(() => process.exit(0), 10);
    return { stopped: true };
  },
};

process.on('message', async (m: { id: number; cmd: string; args?: unknown }) => {
  try {
    const result = await handlers[m.cmd](m.args ?? {});
    process.send!({ id: m.id, ok: true, result });
  } catch (err) {
    process.send!({ id: m.id, ok: false, error: (err as Error).stack ?? String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });

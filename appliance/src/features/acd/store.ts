import type { EntityManager } from '@mikro-orm/sqlite';
import { AcdSettings, JourneyEvent, agentTransitionRecord, callJourneyRecord, kpiSettingsRecord, type OutboxRowInput } from '@edgecall/contracts';
import type { AgentRuntime } from '../../core/acd/agents.ts';
import { AgentStateEntity, AgentStateLogEntity, CallEntity, CallEventEntity, SettingEntity, type CallRow } from './entities.ts';
import type { AcdStore, CallSummary, StoredJourney } from './ports.ts';

const toSummary = (r: CallRow): CallSummary => ({
  id: r.id,
  direction: r.direction as CallSummary['direction'],
  number: r.number,
  did: r.did,
  stage: r.stage as CallSummary['stage'],
  queue: r.queue ?? null,
  agent: r.agent ?? null,
  arrivedAt: r.arrivedAt,
  answeredAt: r.answeredAt ?? null,
  endedAt: r.endedAt ?? null,
  cause: r.cause ?? null,
  recording: r.recording ?? null,
  lastSeq: r.lastSeq,
});

type Op = (tx: EntityManager) => void | Promise<void>;

/**
 * Group commit: writes that arrive while a transaction is running wait and go
 * together into the next one. Each caller still resolves only after its own
 * rows are committed (synchronous=FULL), but a burst of call events costs one
 * fsync instead of one each.
 */
function createWriteQueue(em: () => EntityManager) {
  let queue: { op: Op; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  async function drain() {
    running = true;
    while (queue.length) {
      const batch = queue;
      queue = [];
      try {
        await em().transactional(async (tx) => {
          for (const item of batch) await item.op(tx);
        });
        for (const item of batch) item.resolve();
      } catch (err) {
        // One bad write must not take the others down: retry them one by one.
        for (const item of batch) {
          try {
            await em().transactional(async (tx) => {
              await item.op(tx);
            });
            item.resolve();
          } catch (e) {
            item.reject(e);
          }
        }
        void err;
      }
    }
    running = false;
  }
  return (op: Op) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ op, resolve, reject });
      if (!running) void drain();
    });
}

/** Writes sync outbox rows in the caller's transaction (features/sync wires it in main.ts). */
export type OutboxWriter = (tx: EntityManager, rows: readonly OutboxRowInput[]) => Promise<unknown>;

export function createAcdStore(em: () => EntityManager, opts: { outbox?: OutboxWriter; ids?: () => string; onOutboxError?: (err: unknown) => void } = {}): AcdStore {
  const write = createWriteQueue(em);
  /** A sync problem must never cost the call its journey: the outbox row is best effort inside the same transaction. */
  const outbox = async (tx: EntityManager, rows: OutboxRowInput[]) => {
    if (!opts.outbox) return;
    try {
      await opts.outbox(tx, rows);
    } catch (err) {
      opts.onOutboxError?.(err);
    }
  };
  async function withEvents(rows: CallRow[]): Promise<StoredJourney[]> {
    if (rows.length === 0) return [];
    const events = await em().find(CallEventEntity, { callId: { $in: rows.map((r) => r.id) } }, { orderBy: { callId: 'asc', seq: 'asc' } });
    const byCall = new Map<string, JourneyEvent[]>();
    const lastSeq = new Map(rows.map((r) => [r.id, r.lastSeq]));
    for (const e of events) {
      // Rows and events are read in two queries; events newer than the row read belong to a later write.
      if (e.seq > (lastSeq.get(e.callId) ?? 0)) continue;
      const list = byCall.get(e.callId) ?? [];
      list.push(JourneyEvent.parse({ ...e.data, type: e.type, seq: e.seq, at: e.at }));
      byCall.set(e.callId, list);
    }
    return rows.map((r) => ({ ...toSummary(r), events: byCall.get(r.id) ?? [] }));
  }

  return {
    // The hot path is plain SQL inside the group-commit transaction: MikroORM's
    // unit of work cost ~2 ms per call event here (see docs/benchmarks.md).
    appendJourney(summary, events, now) {
      return write(async (tx) => {
        const run = (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, 'run', tx.getTransactionContext());
        await run(
          `insert into call (id, direction, number, did, stage, queue, agent, arrived_at, answered_at, ended_at, cause, recording, last_seq, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict(id) do update set number = excluded.number, stage = excluded.stage, queue = excluded.queue, agent = excluded.agent,
             answered_at = excluded.answered_at, ended_at = excluded.ended_at, cause = excluded.cause, recording = excluded.recording,
             last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
          [summary.id, summary.direction, summary.number, summary.did, summary.stage, summary.queue, summary.agent, summary.arrivedAt, summary.answeredAt, summary.endedAt, summary.cause, summary.recording, summary.lastSeq, now],
        );
        if (events.length) {
          await run(
            `insert into call_event (call_id, seq, type, at, data) values ${events.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
            events.flatMap((e) => {
              const { type, seq, at, ...data } = e;
              return [summary.id, seq, type, at, JSON.stringify(data)];
            }),
          );
        }
        if (opts.outbox) {
          // HQ gets the whole journey at this version, in the same transaction as the rows.
          const rows = await tx.getConnection().execute<{ seq: number; type: string; at: number; data: string }[]>(
            `select seq, type, at, data from call_event where call_id = ? order by seq`,
            [summary.id],
            'all',
            tx.getTransactionContext(),
          );
          const all = rows.map((r) => ({ ...JSON.parse(r.data), type: r.type, seq: r.seq, at: r.at }) as JourneyEvent);
          await outbox(tx, [callJourneyRecord(summary, all)]);
        }
      });
    },
    saveAgent(a, logged) {
      return write(async (tx) => {
        const run = (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, 'run', tx.getTransactionContext());
        await run(
          `insert into agent_state (agent, user_id, state, reason, since, idle_since, queues, calls_today, missed_in_a_row, call_id, acw_until)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict(agent) do update set user_id = excluded.user_id, state = excluded.state, reason = excluded.reason, since = excluded.since,
             idle_since = excluded.idle_since, queues = excluded.queues, calls_today = excluded.calls_today,
             missed_in_a_row = excluded.missed_in_a_row, call_id = excluded.call_id, acw_until = excluded.acw_until`,
          [a.agent, a.userId, a.state, a.reason, a.since, a.idleSince, JSON.stringify(a.queues), a.callsToday, a.missedInARow, a.callId, a.acwUntil],
        );
        if (logged) {
          await run(`insert into agent_state_log (agent, state, reason, at) values (?, ?, ?, ?)`, [a.agent, a.state, a.reason, a.since]);
          if (opts.outbox && opts.ids) await outbox(tx, [agentTransitionRecord(opts.ids(), { agent: a.agent, state: a.state, reason: a.reason, at: a.since })]);
        }
      });
    },
    async loadAgents() {
      const rows = await em().find(AgentStateEntity, { agent: { $ne: '' } });
      return rows.map((r) => ({
        agent: r.agent,
        userId: r.userId,
        queues: r.queues,
        state: r.state as AgentRuntime['state'],
        reason: r.reason ?? null,
        since: r.since,
        idleSince: r.idleSince,
        callsToday: r.callsToday,
        missedInARow: r.missedInARow,
        callId: r.callId ?? null,
        acwUntil: r.acwUntil ?? null,
      }));
    },
    async openCalls() {
      return (await em().find(CallEntity, { endedAt: null })).map(toSummary);
    },
    async journeys({ from, to, limit, offset, number, agent, queue, direction }) {
      const where: Record<string, unknown> = { arrivedAt: { $gte: from, $lt: to } };
      if (number) where.number = { $like: `%${number}%` };
      if (agent) where.agent = agent;
      if (queue) where.queue = queue;
      if (direction) where.direction = direction;
      const [rows, total] = await em().findAndCount(CallEntity, where, { orderBy: { arrivedAt: 'asc', id: 'asc' }, limit, offset });
      return { items: await withEvents(rows), total };
    },
    async journey(id) {
      const row = await em().findOne(CallEntity, { id });
      return row ? (await withEvents([row]))[0] : null;
    },
    async agentHistory(from, to) {
      const rows = await em().find(AgentStateLogEntity, { at: { $gte: from, $lt: to } }, { orderBy: { id: 'asc' } });
      return rows.map((r) => ({ agent: r.agent, state: r.state, reason: r.reason ?? null, at: r.at }));
    },
    async loadSettings() {
      const row = await em().findOne(SettingEntity, { key: 'acd' });
      return row ? AcdSettings.parse(row.value) : null;
    },
    async loadSetting(key) {
      return (await em().findOne(SettingEntity, { key }))?.value ?? null;
    },
    async saveSetting(key, value, now) {
      await em().upsert(SettingEntity, { key, value, updatedAt: now });
    },
    async saveSettings(settings, now) {
      // HQ computes this branch's KPIs with its own thresholds (sync/README.md): they travel with the settings, in their transaction.
      await em().transactional(async (tx) => {
        await tx.upsert(SettingEntity, { key: 'acd', value: settings, updatedAt: now });
        await outbox(tx, [kpiSettingsRecord(settings.queues)]);
      });
    },
  };
}

import type { EntityManager } from '@mikro-orm/sqlite';
import { AcdSettings, JourneyEvent } from '@edgecall/contracts';
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

export function createAcdStore(em: () => EntityManager): AcdStore {
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
    async appendJourney(summary, events, now) {
      await em().transactional(async (tx) => {
        await tx.upsert(CallEntity, { ...summary, updatedAt: now });
        for (const e of events) {
          const { type, seq, at, ...data } = e;
          tx.create(CallEventEntity, { callId: summary.id, seq, type, at, data });
        }
        await tx.flush();
      });
    },
    async saveAgent(a, logged) {
      await em().transactional(async (tx) => {
        await tx.upsert(AgentStateEntity, {
          agent: a.agent,
          userId: a.userId,
          state: a.state,
          reason: a.reason,
          since: a.since,
          idleSince: a.idleSince,
          queues: a.queues,
          callsToday: a.callsToday,
          missedInARow: a.missedInARow,
          callId: a.callId,
          acwUntil: a.acwUntil,
        });
        if (logged) tx.create(AgentStateLogEntity, { agent: a.agent, state: a.state, reason: a.reason, at: a.since });
        await tx.flush();
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
    async saveSettings(settings, now) {
      await em().upsert(SettingEntity, { key: 'acd', value: settings, updatedAt: now });
    },
  };
}

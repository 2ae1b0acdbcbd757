import { AppError, kpiSettingsFromQueues, phoneKey, type AcdQueueKpiFields, type CallbackEntry, type CallbackOutcome, type CallJourney } from '@edgecall/contracts';
import type { Clock, Logger, Scheduler } from '../../core/ports.ts';
import { createAssigner } from './assigner.ts';
import { callableKey, toWire } from './entry.ts';
import { createIntake } from './intake.ts';
import type { AgentRef, CallbackNotifier, CallbackQueries, CallbackStore, EntryRow, StoredJourneyOf } from './ports.ts';
import { callbackStats, longestWindowMs } from './stats.ts';

export interface CallbackDeps {
  store: CallbackStore;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  ids: () => string;
  /** The ACD's queues (KPI thresholds, callback windows). */
  queues: () => readonly AcdQueueKpiFields[];
  /** The stored journey of a call that began before a restart. */
  storedJourney: StoredJourneyOf;
  /** Stored journeys that arrived in [from, to). */
  journeys: (from: number, to: number) => Promise<CallJourney[]>;
  agents: () => Iterable<AgentRef>;
  notifier: CallbackNotifier;
  /** The outbound dialler (agent's phone first, then the number); null without a PBX. */
  dial: ((agent: string, number: string) => Promise<{ callId: string }>) | null;
  assignCap?: number;
}

const DAY = 86_400_000;

/**
 * The callback (feedback) list: missed callers join it as their call ends
 * (intake.ts), one open entry per number, and leave it when reached; agents
 * call back, note outcomes, close, take and order callbacks; supervisors
 * assign; ready agents are handed entries (assigner.ts).
 */
export function createCallbacks(deps: CallbackDeps) {
  const { store, clock } = deps;
  const log = deps.logger.child('feature:callbacks');
  const assigner = createAssigner({ store, clock, scheduler: deps.scheduler, logger: deps.logger, agents: deps.agents, notifier: deps.notifier, cap: deps.assignCap });
  const kpiSettings = () => kpiSettingsFromQueues(deps.queues());

  const intake = createIntake({ store, clock, logger: deps.logger, ids: deps.ids, kpiSettings, storedJourney: deps.storedJourney, journeys: deps.journeys, listed: () => assigner.kick() });
  const newEntry = intake.newEntry;

  // ── reads ───────────────────────────────────────────────────────────────
  async function wire(entry: EntryRow, q: CallbackQueries = store.read): Promise<CallbackEntry> {
    return toWire(entry, await q.attempts([entry.id]));
  }

  async function mustGet(id: string, q: CallbackQueries = store.read): Promise<EntryRow> {
    const entry = await q.get(id);
    if (!entry) throw new AppError('not_found', 'No such callback entry');
    return entry;
  }

  async function list(filter: { status: 'open' | 'closed' | 'all'; assigned: 'me' | 'unassigned' | 'any'; agent: string | null; number?: string; offset: number; limit: number }) {
    const numberKey = filter.number ? phoneKey(filter.number) : undefined;
    if (filter.number && !numberKey) throw new AppError('validation_failed', 'number: give some digits of the number');
    const page = await store.read.list({ ...filter, numberKey, now: clock.now() });
    const attempts = await store.read.attempts(page.items.map((e) => e.id));
    return { items: page.items.map((e) => toWire(e, attempts)), total: page.total };
  }

  // ── agents' work ────────────────────────────────────────────────────────
  async function call(id: string, agent: string) {
    const entry = await mustGet(id);
    if (entry.status !== 'open') throw new AppError('conflict', 'This callback is already closed');
    if (!deps.dial) throw new AppError('service_unavailable', 'No PBX is connected');
    const placed = await deps.dial(agent, entry.number);
    const now = clock.now();
    // Usually the journey's `arrived` recorded it already; one call is one attempt either way.
    await store.transact(null, now, (q) => q.addAttempt({ entryId: id, at: now, agent, callId: placed.callId, outcome: 'pending', note: '' }));
    return { callId: placed.callId, entry: await wire(await mustGet(id)) };
  }

  async function noteOutcome(id: string, agent: string | null, input: { outcome: CallbackOutcome; note: string; clientId?: string }) {
    const now = clock.now();
    const { result } = await store.transact(input.clientId, now, async (q) => {
      const entry = await mustGet(id, q);
      await q.addAttempt({ entryId: id, at: now, agent, callId: null, outcome: input.outcome, note: input.note });
      if (input.outcome === 'reached' && entry.status === 'open') {
        await q.update(id, { status: 'closed', closedAt: now, closeReason: 'reached_outbound', updatedAt: now });
      } else {
        await q.update(id, { updatedAt: now });
      }
      return wire(await mustGet(id, q), q);
    });
    return result;
  }

  async function close(id: string, input: { note: string; clientId?: string }) {
    const now = clock.now();
    const { result } = await store.transact(input.clientId, now, async (q) => {
      const entry = await mustGet(id, q);
      const before = await wire(entry, q);
      if (entry.status === 'open') {
        const note = input.note ? (entry.note ? `${entry.note}\n${input.note}` : input.note) : entry.note;
        await q.update(id, { status: 'closed', closedAt: now, closeReason: 'closed_by_agent', note, updatedAt: now });
      }
      return { before, after: await wire(await mustGet(id, q), q) };
    });
    return result;
  }

  async function assign(id: string, agent: string | null) {
    const now = clock.now();
    const { result } = await store.transact(null, now, async (q) => {
      const entry = await mustGet(id, q);
      if (entry.status !== 'open') throw new AppError('conflict', 'This callback is already closed');
      if (agent !== null && ![...deps.agents()].some((a) => a.agent === agent)) throw new AppError('not_found', `Agent ${agent} is not known`);
      const before = await wire(entry, q);
      await q.update(id, { assignedAgent: agent, assignedAt: agent === null ? null : now, updatedAt: now });
      return { before, after: await wire(await mustGet(id, q), q) };
    });
    if (agent !== null && result.before.assignedAgent !== agent) deps.notifier.assigned(agent, await mustGet(id));
    if (agent === null) assigner.kick();
    return result;
  }

  async function take(id: string, agent: string) {
    const now = clock.now();
    const { result } = await store.transact(null, now, async (q) => {
      const entry = await mustGet(id, q);
      if (entry.status !== 'open') throw new AppError('conflict', 'This callback is already closed');
      if (entry.assignedAgent !== null && entry.assignedAgent !== agent) throw new AppError('conflict', `Agent ${entry.assignedAgent} has this callback; a supervisor can reassign it`, { assignedAgent: entry.assignedAgent });
      if (entry.assignedAgent === null) await q.update(id, { assignedAgent: agent, assignedAt: now, updatedAt: now });
      return wire(await mustGet(id, q), q);
    });
    return result;
  }

  /** An ordered callback: the agent promised to call at `scheduledFor`, and is reminded then. */
  async function schedule(agent: string, input: { number: string; scheduledFor: string; note: string; contactId: string | null; clientId?: string }) {
    const now = clock.now();
    const at = Date.parse(input.scheduledFor);
    const key = callableKey(input.number);
    if (!key) throw new AppError('validation_failed', 'number: not a number that can be called', [{ path: 'number', message: 'not callable' }]);
    const { result, replayed } = await store.transact(input.clientId, now, async (q) => {
      if (!(at > now)) throw new AppError('validation_failed', 'scheduledFor: must be in the future', [{ path: 'scheduledFor', message: 'must be in the future' }]);
      if (at > now + 366 * DAY) throw new AppError('validation_failed', 'scheduledFor: at most a year ahead', [{ path: 'scheduledFor', message: 'at most a year ahead' }]);
      const open = await q.openByKey(key);
      const contactId = input.contactId ?? open?.contactId ?? (await q.contactOf(key));
      if (open) {
        // The caller is already on the list: the order is the same promise, now with a time.
        await q.update(open.id, { kind: 'scheduled', scheduledFor: at, dueNotifiedAt: null, assignedAgent: agent, assignedAt: now, contactId, note: input.note || open.note, updatedAt: now });
        return wire(await mustGet(open.id, q), q);
      }
      const entry = { ...newEntry({ number: input.number, key, kind: 'scheduled', queue: null, now, missedAt: null, callIds: [], contactId }), scheduledFor: at, assignedAgent: agent, assignedAt: now, note: input.note };
      await q.insert(entry);
      return wire(entry, q);
    });
    if (!replayed) void assigner.planDue();
    return result;
  }

  async function stats(from: number, to: number) {
    const now = clock.now();
    const settings = kpiSettings();
    const horizon = Math.min(now + 1, to + longestWindowMs(settings, deps.queues().map((q) => q.id)));
    const journeys = await deps.journeys(from, Math.max(to, horizon));
    return callbackStats(journeys, settings, { from, to }, now);
  }

  return {
    /** The ACD listener's `journey`. */
    journey: intake.journey,
    /** The ACD listener's `agentChanged`: a ready agent may be handed callbacks. */
    agentChanged: (a: AgentRef) => assigner.agentChanged(a),
    /** A caller whose maximum wait ran out into the callback list (queue timeoutAction `callback`). */
    requestCallback(req: { callId: string; number: string; queue: string | null }): Promise<boolean> {
      return intake.addToList({ callId: req.callId, number: req.number, kind: 'requested', queue: req.queue, at: clock.now() }).catch((err) => {
        log.error('requested callback not listed', { err, callId: req.callId });
        return false;
      });
    },
    async start() {
      await intake.catchUp().catch((err) => log.error('callback catch-up failed', { err }));
      await assigner.planDue();
      assigner.kick();
    },
    stop: () => assigner.stop(),
    list,
    get: async (id: string) => wire(await mustGet(id)),
    call,
    noteOutcome,
    close,
    assign,
    take,
    schedule,
    stats,
  };
}

export type Callbacks = ReturnType<typeof createCallbacks>;

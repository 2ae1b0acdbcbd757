import { contactsFrom, missedCallsFrom, phoneKey, type CallbackOutcome, type CallDirection, type CallJourney, type JourneyEvent, type KpiSettings } from '@edgecall/contracts';
import type { Clock, Logger } from '../../core/ports.ts';
import { callableKey } from './entry.ts';
import type { CallbackStore, CallRef, EntryRow, MissedInput, StoredJourneyOf } from './ports.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const DAY = 86_400_000;

export interface IntakeDeps {
  store: CallbackStore;
  clock: Clock;
  logger: Logger;
  ids: () => string;
  kpiSettings: () => KpiSettings;
  storedJourney: StoredJourneyOf;
  journeys: (from: number, to: number) => Promise<CallJourney[]>;
  /** A caller joined the list (a new entry): assignment may run. */
  listed: () => void;
}

/**
 * The ACD's journey events, received in process. Every missed call (KPIS.md
 * `missedCalls`, judged by the contracts' engine on that call's journey)
 * puts its caller on the list as it ends: one open entry per number. An
 * answered call of a listed number closes its entry; any outbound call to
 * it is an attempt, whichever screen placed it.
 */
export function createIntake(deps: IntakeDeps) {
  const { store, clock } = deps;
  const log = deps.logger.child('feature:callbacks');
  /** Events of calls in progress, so the call can be judged when it ends. */
  const live = new Map<string, { events: JourneyEvent[]; chain: Promise<void> }>();

  function journey(call: CallRef, events: JourneyEvent[]) {
    let t = live.get(call.id);
    if (!t) {
      // After-call work of a call already judged: nothing to do.
      if (events.every((e) => e.type === 'acw_ended')) return;
      t = { events: [], chain: Promise.resolve() };
      live.set(call.id, t);
    }
    t.events.push(...events);
    const tracked = t;
    // One call's events are handled in order; calls do not wait for each other.
    t.chain = t.chain.then(() => onEvents(call, events, tracked.events)).catch((err) => log.error('journey not taken into the callback list', { err, callId: call.id }));
    if (events.some((e) => e.type === 'ended')) live.delete(call.id);
  }

  async function onEvents(call: CallRef, events: JourneyEvent[], all: JourneyEvent[]) {
    for (const e of events) {
      if (e.type === 'arrived' && call.direction === 'outbound') await outboundStarted(call, e.agent ?? null, e.at);
      if (e.type === 'answered') await reached(call.number, call.direction, e.at, call.id);
      if (e.type === 'ended') await ended(call, all, e);
    }
  }

  /** Any outbound call to a number on the list is an attempt, whichever screen placed it. */
  async function outboundStarted(call: CallRef, agent: string | null, at: number) {
    const key = callableKey(call.number);
    // Most calls concern nobody on the list: a plain read spares the shared connection a transaction.
    if (!key || !(await store.read.openByKey(key))) return;
    await store.transact(null, clock.now(), async (q) => {
      const open = await q.openByKey(key);
      if (open) await q.addAttempt({ entryId: open.id, at, agent, callId: call.id, outcome: 'pending', note: '' });
    });
  }

  async function reached(number: string, direction: CallDirection, at: number, callId: string) {
    const key = callableKey(number);
    if (!key) return;
    if (direction === 'inbound' && !(await store.read.openByKey(key))) return;
    const now = clock.now();
    await store.transact(null, now, async (q) => {
      if (direction === 'outbound') await q.settleAttempt(callId, 'reached');
      const open = await q.openByKey(key);
      // An ordered callback is a promise to call: the caller ringing in does not keep it.
      if (!open || (direction === 'inbound' && open.kind === 'scheduled')) return;
      await q.update(open.id, { status: 'closed', closedAt: at, closeReason: direction === 'inbound' ? 'reached_inbound' : 'reached_outbound', updatedAt: now });
    });
  }

  async function ended(call: CallRef, seen: JourneyEvent[], end: Extract<JourneyEvent, { type: 'ended' }>) {
    if (call.direction === 'outbound') {
      if (seen.some((e) => e.type === 'answered')) return;
      const outcome: CallbackOutcome = end.cause === 'no_answer' || end.cause === 'busy' ? end.cause : 'failed';
      await store.transact(null, clock.now(), (q) => q.settleAttempt(call.id, outcome));
      return;
    }
    let events = seen;
    if (!seen.some((e) => e.type === 'arrived')) {
      // The call began before a restart: its first events are only in the store.
      const stored = await deps.storedJourney(call.id);
      const bySeq = new Map<number, JourneyEvent>();
      for (const e of [...(stored?.events ?? []), ...seen]) bySeq.set(e.seq, e);
      events = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    }
    const [missed] = missedCallsFrom([{ callId: call.id, direction: 'inbound', events }], { ...deps.kpiSettings(), from: 0, to: MAX, now: clock.now() });
    if (missed) await addToList({ callId: call.id, number: missed.number, kind: 'missed', queue: missed.queue, at: missed.endedAt });
  }

  /** Upserts the open entry of the caller's number; false when the call was already on it. */
  async function addToList(input: MissedInput): Promise<boolean> {
    const key = callableKey(input.number);
    if (!key) return false;
    const now = clock.now();
    const { result } = await store.transact(null, now, async (q) => {
      const open = await q.openByKey(key);
      if (open) {
        if (open.callIds.includes(input.callId)) return false;
        await q.update(open.id, {
          missedCount: open.missedCount + 1,
          callIds: [...open.callIds, input.callId],
          firstMissedAt: open.firstMissedAt ?? input.at,
          lastMissedAt: input.at,
          queue: open.queue ?? input.queue,
          // A caller who asked for a callback said so: that outranks a missed call.
          kind: input.kind === 'requested' && open.kind === 'missed' ? 'requested' : open.kind,
          updatedAt: now,
        });
        return true;
      }
      await q.insert(newEntry({ number: input.number, key, kind: input.kind, queue: input.queue, now, missedAt: input.at, callIds: [input.callId], contactId: await q.contactOf(key) }));
      return true;
    });
    if (result) deps.listed();
    return result;
  }

  function newEntry(p: { number: string; key: string; kind: EntryRow['kind']; queue: string | null; now: number; missedAt: number | null; callIds: string[]; contactId: string | null }): EntryRow {
    return {
      id: deps.ids(),
      number: p.number,
      numberKey: p.key,
      status: 'open',
      kind: p.kind,
      queue: p.queue,
      missedCount: p.callIds.length,
      callIds: p.callIds,
      firstMissedAt: p.missedAt,
      lastMissedAt: p.missedAt,
      scheduledFor: null,
      dueNotifiedAt: null,
      assignedAgent: null,
      assignedAt: null,
      contactId: p.contactId,
      note: '',
      closedAt: null,
      closeReason: null,
      createdAt: p.now,
      updatedAt: p.now,
    };
  }

  /**
   * A crash between a call's end and its list write would lose the caller:
   * at start, the last day's missed calls on no entry, whose caller was not
   * reached since, join the list.
   */
  async function catchUp() {
    const now = clock.now();
    const since = now - DAY;
    const journeys = await deps.journeys(since, now + 1);
    const missed = missedCallsFrom(journeys, { ...deps.kpiSettings(), from: since, to: now + 1, now });
    if (missed.length === 0) return;
    const known = await store.read.callIdsSince(since - DAY);
    const reachedAt = new Map<string, number>();
    for (const c of contactsFrom(journeys, now)) {
      if (c.reachedAt !== null) reachedAt.set(phoneKey(c.number), Math.max(reachedAt.get(phoneKey(c.number)) ?? 0, c.reachedAt));
    }
    let added = 0;
    for (const m of missed) {
      const key = callableKey(m.number);
      if (!key || known.has(m.callId) || (reachedAt.get(key) ?? 0) > m.endedAt) continue;
      if (await addToList({ callId: m.callId, number: m.number, kind: 'missed', queue: m.queue, at: m.endedAt })) added++;
    }
    if (added) log.info('missed calls taken into the callback list at start', { added });
  }

  return { journey, addToList, newEntry, catchUp };
}

export type Intake = ReturnType<typeof createIntake>;

/**
 * Callback time and recovery rate (KPIS.md, agent figures): every missed
 * call enters the callback list; these helpers measure how fast and how
 * often the branch got back to those callers. Numbers are compared as
 * given: the appliance stores them normalised.
 */
import { percent } from './basis.ts';
import { inPeriod, tracesAt, type KpiPeriod } from './compute.ts';
import type { CallDirection, CallJourney } from './journey.ts';
import { settingsResolver, type KpiSettings } from './settings.ts';
import { unitsOf } from './units.ts';

export interface MissedCallRef {
  callId: string;
  number: string;
  /** The queue that lost the call (its callback window applies); null if it never reached one. */
  queue: string | null;
  endedAt: number;
}

/** Any call with the same party: an attempt (`at`) that may have reached them (`reachedAt`). */
export interface ContactRef {
  callId: string;
  number: string;
  direction: CallDirection;
  at: number;
  reachedAt: number | null;
}

export interface CallbackTime {
  callId: string;
  number: string;
  endedAt: number;
  firstAttemptAt: number | null;
  /** Seconds from the missed call's end to the first outbound attempt; null when none was made. */
  callbackTime: number | null;
}

export interface RecoveryResult {
  missedCallers: number;
  recovered: number;
  /** recovered / missed callers × 100; null when nobody was missed. */
  recoveryRate: number | null;
  callers: { number: string; firstMissedAt: number; reachedAt: number | null }[];
}

const byTimeThenId = <T extends { callId: string }>(time: (x: T) => number) => (a: T, b: T) =>
  time(a) - time(b) || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0);

/** The period's missed calls (branch view, as `missedCalls` counts them) that carry a number. */
export function missedCallsFrom(
  journeys: Iterable<CallJourney>,
  options: KpiSettings & KpiPeriod & { now: number },
): MissedCallRef[] {
  const resolve = settingsResolver(options);
  const out: MissedCallRef[] = [];
  for (const t of tracesAt(journeys, options.now)) {
    if (!inPeriod(t, options) || t.number === null || t.endedAt === null) continue;
    const unit = unitsOf(t, 'branch', resolve)[0];
    if (!unit?.missed) continue;
    const queue = t.stints.findLast((s) => s.queue !== null)?.queue ?? t.refusedBy;
    out.push({ callId: t.callId, number: t.number, queue, endedAt: t.endedAt });
  }
  return out.sort(byTimeThenId((m) => m.endedAt));
}

/** Every call with a number, inbound or outbound; reached when an agent answered or the callee picked up. */
export function contactsFrom(journeys: Iterable<CallJourney>, now: number): ContactRef[] {
  const out: ContactRef[] = [];
  for (const t of tracesAt(journeys, now)) {
    if (t.arrivedAt === null || t.number === null) continue;
    const answered = t.stints.find((s) => s.answeredAt !== null);
    out.push({
      callId: t.callId,
      number: t.number,
      direction: t.direction,
      at: t.arrivedAt,
      reachedAt: answered?.answeredAt ?? null,
    });
  }
  return out.sort(byTimeThenId((c) => c.at));
}

/** Per missed call, the time to the first outbound attempt to that number after the call ended. */
export function callbackTimes(missed: readonly MissedCallRef[], contacts: readonly ContactRef[]): CallbackTime[] {
  const outbound = groupByNumber(contacts.filter((c) => c.direction === 'outbound'));
  return missed.map((m) => {
    const first = (outbound.get(m.number) ?? []).find((c) => c.at >= m.endedAt) ?? null;
    return {
      callId: m.callId,
      number: m.number,
      endedAt: m.endedAt,
      firstAttemptAt: first?.at ?? null,
      callbackTime: first ? (first.at - m.endedAt) / 1000 : null,
    };
  });
}

/**
 * Missed callers reached again (inbound or outbound) within the callback
 * window of the queue that first missed them. A caller missed several times
 * counts once, from their first missed call: the window is the promise
 * made to them then.
 */
export function recoveryRate(
  missed: readonly MissedCallRef[],
  contacts: readonly ContactRef[],
  settings: KpiSettings = {},
): RecoveryResult {
  const resolve = settingsResolver(settings);
  const firstMiss = new Map<string, MissedCallRef>();
  for (const m of [...missed].sort(byTimeThenId((x) => x.endedAt))) {
    if (!firstMiss.has(m.number)) firstMiss.set(m.number, m);
  }
  const reached = groupByNumber(contacts.filter((c) => c.reachedAt !== null));
  const callers: RecoveryResult['callers'] = [];
  let recovered = 0;
  for (const [number, m] of firstMiss) {
    const windowEnd = m.endedAt + resolve(m.queue).callbackWindow * 1000;
    const hit = (reached.get(number) ?? [])
      .map((c) => c.reachedAt as number)
      .filter((at) => at > m.endedAt && at <= windowEnd)
      .sort((a, b) => a - b)[0];
    if (hit !== undefined) recovered += 1;
    callers.push({ number, firstMissedAt: m.endedAt, reachedAt: hit ?? null });
  }
  callers.sort((a, b) => a.firstMissedAt - b.firstMissedAt || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return { missedCallers: firstMiss.size, recovered, recoveryRate: percent(recovered, firstMiss.size), callers };
}

function groupByNumber(contacts: readonly ContactRef[]): Map<string, ContactRef[]> {
  const map = new Map<string, ContactRef[]>();
  for (const c of [...contacts].sort(byTimeThenId((x) => x.at))) {
    let list = map.get(c.number);
    if (!list) map.set(c.number, (list = []));
    list.push(c);
  }
  return map;
}

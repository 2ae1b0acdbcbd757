/**
 * The counters every period figure is a ratio of, and the one function that
 * turns them into the KPIS.md figures. Counters are integers (durations in
 * milliseconds), so adding and removing a call's contribution is exact and a
 * running total equals a recount, bit for bit.
 */
import type { KpiFigures } from './definitions.ts';
import { END_CAUSES, type EndCause } from './journey.ts';
import type { SlVariant } from './settings.ts';
import type { UnitFacts } from './units.ts';

export interface KpiBasis {
  /** N: units that arrived in the period, outcome known or not. */
  total: number;
  /** Units whose outcome is not known yet: in the IVR, queued, between queues. */
  pending: number;
  /** Pending units that already entered a queue (intraday "offered so far"). */
  pendingOffered: number;
  /** O: offered units whose outcome is known. */
  offered: number;
  /** A */
  answered: number;
  /** A≤T */
  answeredWithinSl: number;
  /** Ab */
  abandoned: number;
  /** Ab≤T */
  abandonedWithinSl: number;
  /** Ab_short */
  abandonedShort: number;
  /** U */
  unanswered: number;
  /** S */
  short: number;
  deflected: number;
  /** U − S − deflected */
  missed: number;
  /** Left the scope unanswered for another queue or agent (queue overflow). */
  transferredOut: number;
  /** U by cause, all causes present. */
  unansweredByCause: Record<EndCause, number>;
  waitAnsweredMs: number;
  waitOfferedMs: number;
  /** Answered units whose talk has ended, and their Σ talk and Σ hold. */
  handled: number;
  talkMs: number;
  holdMs: number;
  /** Answered units whose ACW has ended, and their Σ (talk + hold + acw). */
  handledWithAcw: number;
  handleMs: number;
  acwMs: number;
  /** Ended answered units with talk + hold > T_long. */
  longEnded: number;
}

export function emptyBasis(): KpiBasis {
  const byCause = {} as Record<EndCause, number>;
  for (const c of END_CAUSES) byCause[c] = 0;
  return {
    total: 0,
    pending: 0,
    pendingOffered: 0,
    offered: 0,
    answered: 0,
    answeredWithinSl: 0,
    abandoned: 0,
    abandonedWithinSl: 0,
    abandonedShort: 0,
    unanswered: 0,
    short: 0,
    deflected: 0,
    missed: 0,
    transferredOut: 0,
    unansweredByCause: byCause,
    waitAnsweredMs: 0,
    waitOfferedMs: 0,
    handled: 0,
    talkMs: 0,
    holdMs: 0,
    handledWithAcw: 0,
    handleMs: 0,
    acwMs: 0,
    longEnded: 0,
  };
}

/** Adds (sign 1) or removes (sign −1) one unit's contribution. */
export function addUnit(b: KpiBasis, u: UnitFacts, sign: 1 | -1): void {
  b.total += sign;
  if (u.status === 'pending') {
    b.pending += sign;
    if (u.offered) b.pendingOffered += sign;
    return;
  }
  if (u.offered) {
    b.offered += sign;
    b.waitOfferedMs += sign * u.waitMs;
  }
  if (u.status === 'transferred_out') {
    b.transferredOut += sign;
    return;
  }
  if (u.status === 'answered') {
    b.answered += sign;
    b.waitAnsweredMs += sign * u.waitMs;
    if (u.withinSl) b.answeredWithinSl += sign;
    if (u.handlingEnded) {
      b.handled += sign;
      b.talkMs += sign * u.talkMs;
      b.holdMs += sign * u.holdMs;
      if (u.talkMs + u.holdMs > u.settings.T_long * 1000) b.longEnded += sign;
    }
    if (u.acwDone) {
      b.handledWithAcw += sign;
      b.acwMs += sign * u.acwMs;
      b.handleMs += sign * (u.talkMs + u.holdMs + u.acwMs);
    }
    return;
  }
  b.unanswered += sign;
  if (u.cause !== null) b.unansweredByCause[u.cause] += sign;
  if (u.short) b.short += sign;
  if (u.deflected) b.deflected += sign;
  if (u.missed) b.missed += sign;
  if (u.abandoned) {
    b.abandoned += sign;
    if (u.abandonedWithinSl) b.abandonedWithinSl += sign;
    if (u.abandonedShort) b.abandonedShort += sign;
  }
}

/** The figures that only exist at an instant: they are computed from the live calls and agents at `now`. */
export interface LiveFigures {
  ivrWaiting: number;
  queuedCalls: number;
  /** Seconds; null when nobody waits (there is no longest of nothing). */
  longestWaitNow: number | null;
  /** Answered calls of the period still talking and already past T_long. */
  longLive: number;
  loggedInAgents: number;
  talkingAgents: number;
  readyAgents: number;
}

/** Live part contributed by one unit at `now` (only units of calls that have not ended can have one). */
export function liveOfUnit(u: UnitFacts, now: number, inPeriod: boolean): { waitMs: number | null; long: boolean } {
  const waitMs = u.waitingSince === null ? null : u.waitMs + Math.max(0, now - u.waitingSince);
  const long =
    inPeriod &&
    u.talkingSince !== null &&
    u.closedTalkHoldMs + Math.max(0, now - u.talkingSince) > u.settings.T_long * 1000;
  return { waitMs, long };
}

/** Percent with two decimals; null when the denominator is 0 (shown "—"). */
export function percent(num: number, den: number): number | null {
  if (den <= 0) return null;
  return Math.round((num * 10000) / den) / 100;
}

/** Mean of a millisecond sum, in seconds to the millisecond; null over nothing. */
export function meanSeconds(sumMs: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.round(sumMs / count) / 1000;
}

export function serviceLevels(b: KpiBasis): Record<SlVariant, number | null> {
  const A = b.answered;
  const Ab = b.abandoned;
  return {
    V1: percent(b.answeredWithinSl, A),
    V2: percent(b.answeredWithinSl, A + Ab),
    V3: percent(b.answeredWithinSl, A + Ab - b.abandonedWithinSl),
    V4: percent(b.answeredWithinSl + b.abandonedWithinSl, A + Ab),
    V5: percent(b.answeredWithinSl, b.offered - b.abandonedShort),
  };
}

export function figuresFrom(b: KpiBasis, live: LiveFigures, variant: SlVariant): KpiFigures {
  const sl = serviceLevels(b);
  return {
    totalCalls: b.total,
    answeredCalls: b.answered,
    missedCalls: b.missed,
    // missed / (A + U − S − deflected): the denominator is A + missed.
    lostCallRate: percent(b.missed, b.answered + b.missed),
    serviceLevel: sl[variant],
    serviceLevelV1: sl.V1,
    serviceLevelV2: sl.V2,
    serviceLevelV3: sl.V3,
    serviceLevelV4: sl.V4,
    asa: meanSeconds(b.waitAnsweredMs, b.answered),
    awt: meanSeconds(b.waitOfferedMs, b.offered),
    longestWaitNow: live.longestWaitNow,
    averageCallLength: meanSeconds(b.talkMs + b.holdMs, b.handled),
    aht: meanSeconds(b.handleMs, b.handledWithAcw),
    longCalls: b.longEnded + live.longLive,
    loggedInAgents: live.loggedInAgents,
    talkingAgents: live.talkingAgents,
    readyAgents: live.readyAgents,
    ivrWaiting: live.ivrWaiting,
    queuedCalls: live.queuedCalls,
  };
}

/**
 * Folds a call's events into its stints: the structural facts every KPI is
 * built from, in integer milliseconds and independent of settings and of
 * `now`. Both the batch computation and the live aggregator fold with this
 * one function, which is what makes their figures equal.
 */
import type { CallDirection, CallJourney, EndCause, JourneyEvent } from './journey.ts';

/** One stay of the call: in a queue (opened by `queued`) or directly with an agent (`queue: null`). */
export interface StintTrace {
  queue: string | null;
  startedAt: number;
  answeredAt: number | null;
  /** The agent who answered this stint. */
  agent: string | null;
  rings: number;
  ringNoAnswers: number;
  holdMs: number;
  /** A hold still open; it closes at unhold or when the stint closes. */
  holdSince: number | null;
  closedAt: number | null;
  closedBy: 'ended' | 'transferred' | null;
  transferTo: { queue?: string; agent?: string } | null;
  acwEndedAt: number | null;
}

export interface CallTrace {
  callId: string;
  direction: CallDirection;
  /** null until the `arrived` event is known: such a call is in no figure. */
  arrivedAt: number | null;
  number: string | null;
  /** Outbound: the agent who placed the call. */
  placedBy: string | null;
  ivrLeftAt: number | null;
  stints: StintTrace[];
  endedAt: number | null;
  cause: EndCause | null;
  /** The queue that refused the call at entry, when `ended` names one. */
  refusedBy: string | null;
  /** A transfer to a queue whose `queued` has not come yet. */
  transit: { toQueue: string; at: number } | null;
  ringNoAnswers: { agent: string; at: number }[];
}

/**
 * Orders events by `seq` (the emitter's order; `at` may tie), drops repeated
 * seqs (a redelivered event counts once) and, when `now` is given, ignores
 * events after it so a journey can be replayed as it stood at any instant.
 */
export function orderEvents(events: readonly JourneyEvent[], now?: number): readonly JourneyEvent[] {
  // Stored journeys are almost always in order already: check before copying and sorting.
  let clean = true;
  for (let i = 0; i < events.length && clean; i++) {
    if ((now !== undefined && events[i].at > now) || (i > 0 && events[i].seq <= events[i - 1].seq)) clean = false;
  }
  if (clean) return events;
  const seen = new Set<number>();
  const kept: JourneyEvent[] = [];
  for (const e of events) {
    if (now !== undefined && e.at > now) continue;
    if (seen.has(e.seq)) continue;
    seen.add(e.seq);
    kept.push(e);
  }
  return kept.sort((a, b) => a.seq - b.seq);
}

export function traceJourney(journey: CallJourney, now?: number): CallTrace {
  return foldEvents(journey.callId, journey.direction, orderEvents(journey.events, now));
}

/** `events` must already be ordered by seq without repeats (see orderEvents). */
export function foldEvents(callId: string, direction: CallDirection, events: readonly JourneyEvent[]): CallTrace {
  const t: CallTrace = {
    callId,
    direction,
    arrivedAt: null,
    number: null,
    placedBy: null,
    ivrLeftAt: null,
    stints: [],
    endedAt: null,
    cause: null,
    refusedBy: null,
    transit: null,
    ringNoAnswers: [],
  };
  /** The stint the call is in now, if any. */
  let open: StintTrace | null = null;

  for (const e of events) {
    // After the call ended only the agents' after-call work can still move.
    if (t.endedAt !== null && e.type !== 'acw_ended') continue;
    switch (e.type) {
      case 'arrived':
        if (t.arrivedAt === null) {
          t.arrivedAt = e.at;
          t.number = e.number ?? null;
          t.placedBy = e.agent ?? null;
        }
        break;
      case 'ivr_left':
        if (t.ivrLeftAt === null) t.ivrLeftAt = e.at;
        break;
      case 'queued':
        // A queue change without a `transferred` still starts a new stint.
        if (open) {
          open.transferTo = { queue: e.queue };
          close(open, e.at, 'transferred');
        }
        open = openStint(t, e.queue, e.at);
        break;
      case 'ringing':
        open ??= openStint(t, null, e.at);
        open.rings += 1;
        break;
      case 'ring_no_answer':
        t.ringNoAnswers.push({ agent: e.agent, at: e.at });
        if (open) open.ringNoAnswers += 1;
        break;
      case 'answered':
        open ??= openStint(t, null, e.at);
        if (open.answeredAt !== null) {
          // A second answer without a transfer: the call moved to another agent.
          open.transferTo = { agent: e.agent };
          close(open, e.at, 'transferred');
          open = openStint(t, null, e.at);
        }
        open.answeredAt = Math.max(e.at, open.startedAt);
        open.agent = e.agent;
        break;
      case 'hold':
        if (open && open.answeredAt !== null && open.holdSince === null) open.holdSince = e.at;
        break;
      case 'unhold':
        if (open && open.holdSince !== null) {
          open.holdMs += Math.max(0, e.at - open.holdSince);
          open.holdSince = null;
        }
        break;
      case 'transferred':
        if (open) {
          open.transferTo = e.toQueue !== undefined ? { queue: e.toQueue } : { agent: e.toAgent ?? '' };
          close(open, e.at, 'transferred');
          open = null;
        }
        if (e.toAgent !== undefined) open = openStint(t, null, e.at);
        else if (e.toQueue !== undefined) t.transit = { toQueue: e.toQueue, at: e.at };
        break;
      case 'ended':
        if (open) {
          close(open, e.at, 'ended');
          open = null;
        } else if (e.queue !== undefined) t.refusedBy = e.queue;
        t.endedAt = e.at;
        t.cause = e.cause;
        t.transit = null;
        break;
      case 'acw_ended':
        acwEnded(t, e.agent, e.at);
        break;
    }
  }
  return t;
}

// Helpers live at module level, not as closures in foldEvents: it runs once
// per event live and once per call per report, so it allocates nothing extra.

function openStint(t: CallTrace, queue: string | null, at: number): StintTrace {
  const s: StintTrace = {
    queue,
    startedAt: at,
    answeredAt: null,
    agent: null,
    rings: 0,
    ringNoAnswers: 0,
    holdMs: 0,
    holdSince: null,
    closedAt: null,
    closedBy: null,
    transferTo: null,
    acwEndedAt: null,
  };
  t.stints.push(s);
  t.transit = null;
  return s;
}

/** Closes a stint; an open hold ends with it. */
function close(s: StintTrace, at: number, by: 'ended' | 'transferred'): void {
  if (s.holdSince !== null) {
    s.holdMs += Math.max(0, at - s.holdSince);
    s.holdSince = null;
  }
  s.closedAt = Math.max(at, s.startedAt);
  s.closedBy = by;
}

/** The earliest answered stint of this agent that closed and still waits for its ACW to end. */
function acwEnded(t: CallTrace, agent: string, at: number): void {
  for (const s of t.stints) {
    if (s.agent === agent && s.closedAt !== null && s.closedAt <= at && s.acwEndedAt === null) {
      s.acwEndedAt = at;
      return;
    }
  }
}

/** Queue time of a stint once known: answered − queued, or closed − queued when it was not answered. */
export function stintWaitMs(s: StintTrace): number | null {
  if (s.answeredAt !== null) return Math.max(0, s.answeredAt - s.startedAt);
  if (s.closedAt !== null) return Math.max(0, s.closedAt - s.startedAt);
  return null;
}

/** Talk and hold of an answered stint that closed: talk = closed − answered − hold. */
export function stintTalkHoldMs(s: StintTrace): { talkMs: number; holdMs: number } | null {
  if (s.answeredAt === null || s.closedAt === null) return null;
  const span = Math.max(0, s.closedAt - s.answeredAt);
  const holdMs = Math.min(s.holdMs, span);
  return { talkMs: span - holdMs, holdMs };
}

export function stintAcwMs(s: StintTrace): number | null {
  if (s.acwEndedAt === null || s.closedAt === null) return null;
  return Math.max(0, s.acwEndedAt - s.closedAt);
}

/** A call still in the IVR: arrived, not ended, never queued, not yet out of the IVR. */
export function isInIvr(t: CallTrace): boolean {
  return (
    t.arrivedAt !== null && t.endedAt === null && t.stints.length === 0 && t.ivrLeftAt === null && t.transit === null
  );
}

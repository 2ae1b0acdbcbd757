/**
 * Per-call facts for the CDR, call lists and reports: the same judgement the
 * KPIs make, for one call, in seconds. The call-level facts are the branch
 * view (the call counted once); each stint is judged with its own queue's
 * settings, as that queue's figures count it.
 */
import type { CallJourney, EndCause } from './journey.ts';
import { settingsResolver, type KpiSettings } from './settings.ts';
import { stintAcwMs, stintTalkHoldMs, stintWaitMs, traceJourney, type StintTrace } from './trace.ts';
import { stintUnit, unitsOf, type UnitFacts, type UnitStatus } from './units.ts';

export interface StintSummary {
  /** null: a direct stint with an agent (after a transfer to them), outside any queue. */
  queue: string | null;
  startedAt: number;
  answeredAt: number | null;
  agent: string | null;
  closedAt: number | null;
  closedBy: 'ended' | 'transferred' | null;
  transferTo: { queue?: string; agent?: string } | null;
  /** Seconds in the queue; null while still waiting. */
  wait: number | null;
  answered: boolean;
  /** The caller hung up while queued in this stint. */
  abandoned: boolean;
  /** Answered within this queue's T_sl; null until answered or lost. */
  withinSl: boolean | null;
  talk: number | null;
  hold: number | null;
  acw: number | null;
  rings: number;
  ringNoAnswers: number;
}

export interface CallSummary {
  callId: string;
  direction: 'inbound' | 'outbound';
  number: string | null;
  arrivedAt: number | null;
  ivrLeftAt: number | null;
  endedAt: number | null;
  /** Seconds in the IVR (arrival to leaving it or to the first queue); null while still there. */
  ivr: number | null;
  /** Branch view: pending until known; outbound: answered once connected. */
  outcome: Exclude<UnitStatus, 'transferred_out'>;
  cause: EndCause | null;
  /** Total queue time in seconds (all queue stints). */
  wait: number;
  withinSl: boolean;
  abandoned: boolean;
  shortAbandon: boolean;
  /** Ended unanswered less than T_short after arriving. */
  short: boolean;
  deflected: boolean;
  /** On the callback list: ended unanswered, neither short nor deflected. */
  missed: boolean;
  /** Seconds, null until known (the talk ends, the ACW ends). */
  talk: number | null;
  hold: number | null;
  acw: number | null;
  /** talk + hold > T_long (of the deciding queue); null while the call is live. */
  long: boolean | null;
  stints: StintSummary[];
}

const sec = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

export function summarizeCall(journey: CallJourney, settings: KpiSettings = {}, now?: number): CallSummary {
  const resolve = settingsResolver(settings);
  const t = traceJourney(journey, now);
  const stints = t.stints.map((s) => summarizeStint(s, stintUnit(t, s, resolve)));
  const firstQueued = t.stints[0]?.startedAt ?? null;
  const ivrEnd = t.ivrLeftAt ?? firstQueued ?? t.endedAt;
  const base = {
    callId: t.callId,
    direction: t.direction,
    number: t.number,
    arrivedAt: t.arrivedAt,
    ivrLeftAt: t.ivrLeftAt,
    endedAt: t.endedAt,
    ivr: t.arrivedAt !== null && ivrEnd !== null ? Math.max(0, ivrEnd - t.arrivedAt) / 1000 : null,
    stints,
  };
  const unit = unitsOf(t, 'branch', resolve)[0];
  if (!unit) {
    // Outbound (or no arrival yet): no queue judgement, only whether it connected.
    const answered = t.stints.some((s) => s.answeredAt !== null);
    const ths = t.stints.map(stintTalkHoldMs).filter((x) => x !== null);
    const closed = t.endedAt !== null;
    return {
      ...base,
      outcome: answered ? 'answered' : closed ? 'unanswered' : 'pending',
      cause: t.cause,
      wait: 0,
      withinSl: false,
      abandoned: false,
      shortAbandon: false,
      short: false,
      deflected: false,
      missed: false,
      talk: answered && closed ? ths.reduce((a, x) => a + x.talkMs, 0) / 1000 : null,
      hold: answered && closed ? ths.reduce((a, x) => a + x.holdMs, 0) / 1000 : null,
      acw: null,
      long: null,
    };
  }
  const outcome = unit.status === 'transferred_out' ? 'unanswered' : unit.status;
  return {
    ...base,
    outcome,
    cause: t.cause,
    wait: unit.waitMs / 1000,
    withinSl: unit.withinSl,
    abandoned: unit.abandoned,
    shortAbandon: unit.abandonedShort,
    short: unit.short,
    deflected: unit.deflected,
    missed: unit.missed,
    talk: unit.handlingEnded ? unit.talkMs / 1000 : null,
    hold: unit.handlingEnded ? unit.holdMs / 1000 : null,
    acw: unit.acwDone ? unit.acwMs / 1000 : null,
    long: unit.handlingEnded ? unit.talkMs + unit.holdMs > unit.settings.T_long * 1000 : null,
  };
}

function summarizeStint(s: StintTrace, u: UnitFacts): StintSummary {
  const th = stintTalkHoldMs(s);
  const known = u.status !== 'pending';
  return {
    queue: s.queue,
    startedAt: s.startedAt,
    answeredAt: s.answeredAt,
    agent: s.agent,
    closedAt: s.closedAt,
    closedBy: s.closedBy,
    transferTo: s.transferTo,
    wait: sec(stintWaitMs(s)),
    answered: s.answeredAt !== null,
    abandoned: u.abandoned,
    withinSl: known ? u.withinSl : null,
    talk: sec(th?.talkMs ?? null),
    hold: sec(th?.holdMs ?? null),
    acw: sec(stintAcwMs(s)),
    rings: s.rings,
    ringNoAnswers: s.ringNoAnswers,
  };
}

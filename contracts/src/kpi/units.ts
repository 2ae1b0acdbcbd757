/**
 * How a call is seen from a scope. KPIS.md: "a call that crossed several
 * queues counts once in the totals and once per stint in per-queue figures;
 * it is answered if its last stint was answered". So:
 *
 * - queue scope: one unit per stint in that queue (plus one for a call the
 *   queue refused at entry), judged with that queue's settings;
 * - branch and group scope: one unit per call, made of the call's stints in
 *   the scope (branch: all of them, including direct stints with an agent).
 *   Its wait is the caller's total queue time in the scope (the sum of its
 *   queue stints' waits, so branch Σwait equals the per-queue Σwait), and its
 *   thresholds are those of its deciding stint: the last queue stint in the
 *   scope, i.e. the queue that answered or lost the call. A call that never
 *   reached a queue (IVR abandon, trunk busy...) uses the branch defaults.
 *
 * So thresholds always come from a stint's own queue, the stint where the
 * outcome being judged happened; never a blend, and never the first queue,
 * whose promise (T_sl) the call had already left behind.
 */
import type { EndCause } from './journey.ts';
import type { KpiQueueSettings, SettingsResolver } from './settings.ts';
import { stintAcwMs, stintTalkHoldMs, stintWaitMs, type CallTrace, type StintTrace } from './trace.ts';

export type KpiScope = 'branch' | { queue: string } | { group: readonly string[] };

/** A stable identity for a scope; a group is its set of queues, in any order. */
export function scopeKey(scope: KpiScope): string {
  if (scope === 'branch') return 'branch';
  if ('queue' in scope) return `q:${scope.queue}`;
  return `g:${[...new Set(scope.group)].sort().join(',')}`;
}

export type UnitStatus = 'pending' | 'answered' | 'unanswered' | 'transferred_out';

export interface UnitFacts {
  arrivedAt: number;
  /** Entered a queue (or rang an agent directly) in the scope. */
  offered: boolean;
  /** `pending` until the outcome is known: in the IVR, waiting, or moving between queues of the scope. */
  status: UnitStatus;
  cause: EndCause | null;
  settings: KpiQueueSettings;
  /** Queue time known so far: every closed or answered queue stint of the unit. */
  waitMs: number;
  /** Set while the unit waits in a queue of the scope: when that stint started. */
  waitingSince: number | null;
  withinSl: boolean;
  /** Answered and its last stint closed: talk and hold are known. */
  handlingEnded: boolean;
  talkMs: number;
  holdMs: number;
  /** Answered, handling ended and every answered stint's ACW ended. */
  acwDone: boolean;
  acwMs: number;
  /** Set while an answered stint of the unit is live: when it was answered (long calls now). */
  talkingSince: number | null;
  /** Talk + hold of the unit's earlier answered stints, for a live unit's running length. */
  closedTalkHoldMs: number;
  abandoned: boolean;
  abandonedWithinSl: boolean;
  abandonedShort: boolean;
  short: boolean;
  deflected: boolean;
  missed: boolean;
}

interface UnitView {
  stints: StintTrace[];
  /** Per-call unit (branch, group) rather than a single stint (queue). */
  perCall: boolean;
  /** The scope's queues; `all` for the branch, which also holds direct stints (queue null). */
  members: ReadonlySet<string> | 'all';
}

// Plain data and module-level functions rather than closures: this runs for
// every call of every report and on every live event.
function inScope(view: UnitView, queue: string | null): boolean {
  if (view.members === 'all') return true;
  return queue !== null && view.members.has(queue);
}

/** The units of an inbound call in a scope; empty when the call is not in the scope (yet). */
export function unitsOf(trace: CallTrace, scope: KpiScope, settings: SettingsResolver): UnitFacts[] {
  if (trace.arrivedAt === null || trace.direction !== 'inbound') return [];
  if (scope === 'branch') return [evaluate(trace, { stints: trace.stints, perCall: true, members: 'all' }, settings)];
  if ('queue' in scope) {
    const units: UnitFacts[] = [];
    for (const s of trace.stints) {
      if (s.queue === scope.queue) units.push(stintUnit(trace, s, settings));
    }
    if (trace.refusedBy === scope.queue) {
      units.push(evaluate(trace, { stints: [], perCall: false, members: new Set([scope.queue]) }, settings));
    }
    return units;
  }
  const view: UnitView = { stints: [], perCall: true, members: new Set(scope.group) };
  for (const s of trace.stints) if (inScope(view, s.queue)) view.stints.push(s);
  if (view.stints.length === 0 && !inScope(view, trace.refusedBy)) return [];
  return [evaluate(trace, view, settings)];
}

/** One stint judged alone with its own queue's settings, as a queue sees it. */
export function stintUnit(trace: CallTrace, stint: StintTrace, settings: SettingsResolver): UnitFacts {
  const members = stint.queue === null ? 'all' : new Set([stint.queue]);
  return evaluate(trace, { stints: [stint], perCall: false, members }, settings);
}

function evaluate(trace: CallTrace, view: UnitView, resolve: SettingsResolver): UnitFacts {
  const { stints } = view;
  const last = stints.at(-1);
  let deciding: string | null = null;
  for (const s of stints) if (s.queue !== null) deciding = s.queue;
  if (deciding === null && inScope(view, trace.refusedBy)) deciding = trace.refusedBy;
  const settings = resolve(deciding);

  const status = statusOf(trace, view, last);
  let waitMs = 0;
  let talkMs = 0;
  let holdMs = 0;
  let acwMs = 0;
  let acwPending = false;
  for (const s of stints) {
    const w = stintWaitMs(s);
    if (s.queue !== null && w !== null) waitMs += w;
    if (s.answeredAt === null) continue;
    const th = stintTalkHoldMs(s);
    if (!th) continue;
    talkMs += th.talkMs;
    holdMs += th.holdMs;
    const acw = stintAcwMs(s);
    if (acw === null) acwPending = true;
    else acwMs += acw;
  }

  const answered = status === 'answered';
  const handlingEnded = answered && last !== undefined && last.closedAt !== null;
  const unanswered = status === 'unanswered';
  const offered = stints.length > 0;
  const endedMs = trace.endedAt !== null && trace.arrivedAt !== null ? trace.endedAt - trace.arrivedAt : 0;
  const deflected = unanswered && trace.cause === 'deflected';
  // Deflected calls are never "short" too, so U − S − deflected counts each call once.
  const short = unanswered && !deflected && endedMs < settings.T_short * 1000;
  const abandoned = unanswered && offered && trace.cause === 'abandoned';
  const live = last !== undefined && last.closedAt === null;

  return {
    arrivedAt: trace.arrivedAt ?? 0,
    offered,
    status,
    cause: unanswered ? trace.cause : null,
    settings,
    waitMs,
    waitingSince: live && last.answeredAt === null && last.queue !== null ? last.startedAt : null,
    withinSl: answered && waitMs <= settings.T_sl * 1000,
    handlingEnded,
    talkMs: handlingEnded ? talkMs : 0,
    holdMs: handlingEnded ? holdMs : 0,
    acwDone: handlingEnded && !acwPending,
    acwMs: handlingEnded && !acwPending ? acwMs : 0,
    talkingSince: answered && live ? last.answeredAt : null,
    closedTalkHoldMs: talkMs + holdMs,
    abandoned,
    abandonedWithinSl: abandoned && waitMs <= settings.T_sl * 1000,
    abandonedShort: abandoned && waitMs < settings.T_short * 1000,
    short,
    deflected,
    missed: unanswered && !short && !deflected,
  };
}

function statusOf(trace: CallTrace, view: UnitView, last: StintTrace | undefined): UnitStatus {
  if (!last) return trace.endedAt !== null ? 'unanswered' : 'pending';
  if (last.answeredAt !== null) return 'answered';
  if (last.closedAt === null) return 'pending';
  if (last.closedBy === 'ended') return 'unanswered';
  // Closed unanswered by a transfer. A queue sees an overflow; a call-level
  // unit still waits for its outcome when the call moves on inside the scope.
  const to = last.transferTo;
  const staysInScope = view.perCall && to !== null && inScope(view, to.queue ?? null);
  if (!staysInScope) return 'transferred_out';
  return trace.endedAt !== null ? 'unanswered' : 'pending';
}

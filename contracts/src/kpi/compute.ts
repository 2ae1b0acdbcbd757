/**
 * Batch computation of the KPIS.md figures from stored journeys and agent
 * history: what the reports, the API and the HQ server run, and the
 * reference the live aggregator must equal.
 *
 * Period and instant: a call counts in the period in which it arrived
 * (`from` ≤ arrived < `to`); `now` is the instant of the live figures, and
 * anything stamped after it (events, agent transitions) is ignored, so the
 * same data replays the dashboard as it stood at any moment.
 *
 * Scopes and thresholds (units.ts): a queue counts each stint with its own
 * settings; a branch or group counts each call once, with the settings of
 * the queue of its deciding (last) stint in the scope.
 */
import { addUnit, emptyBasis, figuresFrom, liveOfUnit, type KpiBasis, type LiveFigures } from './basis.ts';
import type { KpiFigures } from './definitions.ts';
import type { AgentTransition, CallJourney } from './journey.ts';
import { settingsResolver, type KpiSettings, type SettingsResolver, type SlVariant } from './settings.ts';
import { isInIvr, traceJourney, type CallTrace } from './trace.ts';
import { unitsOf, type KpiScope } from './units.ts';

/** Queue id → agent ids serving it: which agents a queue or group tile counts. */
export type QueueMembership = Readonly<Record<string, readonly string[]>>;

export interface KpiPeriod {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export interface KpiOptions extends KpiSettings, KpiPeriod {
  scope: KpiScope;
  /** Epoch ms of the live figures; from the caller's clock, never read here. */
  now: number;
  /** Needed for agent counts at queue and group scope; the branch counts every agent. */
  membership?: QueueMembership;
}

export function computeKpis(
  journeys: Iterable<CallJourney>,
  agentHistory: Iterable<AgentTransition>,
  options: KpiOptions,
): KpiFigures {
  const resolve = settingsResolver(options);
  const traces = tracesAt(journeys, options.now);
  const basis = basisOf(traces, options.scope, options, resolve);
  const live: LiveFigures = {
    ...liveCallFigures(traces, options.scope, options, options.now, resolve),
    ...agentCounts(agentStatesAt(agentHistory, options.now), options.scope, options.membership),
  };
  return figuresFrom(basis, live, scopeVariant(options.scope, resolve));
}

/** The counters behind the period figures (for reports that break them down, e.g. by cause). */
export function computeKpiBasis(journeys: Iterable<CallJourney>, options: Omit<KpiOptions, 'membership'>): KpiBasis {
  const resolve = settingsResolver(options);
  return basisOf(tracesAt(journeys, options.now), options.scope, options, resolve);
}

export function tracesAt(journeys: Iterable<CallJourney>, now: number): CallTrace[] {
  const out: CallTrace[] = [];
  for (const j of journeys) out.push(traceJourney(j, now));
  return out;
}

export function inPeriod(trace: CallTrace, period: KpiPeriod): boolean {
  return trace.arrivedAt !== null && trace.arrivedAt >= period.from && trace.arrivedAt < period.to;
}

export function basisOf(
  traces: Iterable<CallTrace>,
  scope: KpiScope,
  period: KpiPeriod,
  resolve: SettingsResolver,
): KpiBasis {
  const b = emptyBasis();
  for (const t of traces) {
    if (!inPeriod(t, period)) continue;
    for (const u of unitsOf(t, scope, resolve)) addUnit(b, u, 1);
  }
  return b;
}

/**
 * `serviceLevel` shows the queue's own variant at queue scope; a branch or a
 * group mixes queues, so it shows the branch default variant.
 */
export function scopeVariant(scope: KpiScope, resolve: SettingsResolver): SlVariant {
  return resolve(scope !== 'branch' && 'queue' in scope ? scope.queue : null).slVariant;
}

type CallLive = Pick<LiveFigures, 'ivrWaiting' | 'queuedCalls' | 'longestWaitNow' | 'longLive'>;

/**
 * Live call figures at `now`. They cover every call still open, whatever its
 * arrival (a caller waiting across midnight still waits), except long calls,
 * which join `longCalls`, a count of the period's calls. The IVR comes before
 * any queue is chosen, so `ivrWaiting` is the branch's at every scope.
 */
export function liveCallFigures(
  traces: Iterable<CallTrace>,
  scope: KpiScope,
  period: KpiPeriod,
  now: number,
  resolve: SettingsResolver,
): CallLive {
  let ivrWaiting = 0;
  let queuedCalls = 0;
  let longest: number | null = null;
  let longLive = 0;
  for (const t of traces) {
    if (t.endedAt !== null || t.arrivedAt === null || t.direction !== 'inbound') continue;
    if (isInIvr(t)) ivrWaiting += 1;
    const periodCall = inPeriod(t, period);
    for (const u of unitsOf(t, scope, resolve)) {
      const l = liveOfUnit(u, now, periodCall);
      if (l.waitMs !== null) {
        queuedCalls += 1;
        if (longest === null || l.waitMs > longest) longest = l.waitMs;
      }
      if (l.long) longLive += 1;
    }
  }
  return { ivrWaiting, queuedCalls, longestWaitNow: longest === null ? null : longest / 1000, longLive };
}

/**
 * Each agent's state at `now`: their latest transition not after it; of two
 * at the same instant the later one in the history wins (the order they
 * were recorded, which is also the order the live aggregator applies them).
 */
export function agentStatesAt(history: Iterable<AgentTransition>, now: number): Map<string, AgentTransition> {
  const latest = new Map<string, AgentTransition>();
  for (const t of history) {
    if (t.at > now) continue;
    const cur = latest.get(t.agent);
    if (!cur || t.at >= cur.at) latest.set(t.agent, t);
  }
  return latest;
}

type AgentLive = Pick<LiveFigures, 'loggedInAgents' | 'talkingAgents' | 'readyAgents'>;

export function agentCounts(
  states: ReadonlyMap<string, AgentTransition>,
  scope: KpiScope,
  membership: QueueMembership = {},
): AgentLive {
  let agents: Iterable<string>;
  if (scope === 'branch') agents = states.keys();
  else {
    const queues = 'queue' in scope ? [scope.queue] : scope.group;
    agents = new Set(queues.flatMap((q) => membership[q] ?? []));
  }
  let loggedInAgents = 0;
  let talkingAgents = 0;
  let readyAgents = 0;
  for (const a of agents) {
    const s = states.get(a)?.state ?? 'logged_out';
    if (s === 'logged_out') continue;
    loggedInAgents += 1;
    if (s === 'talking' || s === 'holding') talkingAgents += 1;
    if (s === 'ready') readyAgents += 1;
  }
  return { loggedInAgents, talkingAgents, readyAgents };
}

/**
 * The live KPI aggregator the appliance updates per event. It keeps running
 * counters per scope, so a snapshot costs the number of calls open now, not
 * the number of calls of the day. It stays equal to `computeKpis` because it
 * does no arithmetic of its own: on each event it refolds that one call with
 * the same `foldEvents`, removes the call's old contribution from every scope
 * and adds the new one (integer counters, so this is exact).
 *
 * It keeps the events of the period's calls, so a settings change or a new
 * group recomputes from them (KPIS.md: a setting change recomputes history),
 * plus the calls still open whatever their arrival, for the live figures.
 *
 * Contract: `snapshot(scope, now)` equals `computeKpis` over the same events
 * and transitions when `now` is not earlier than any of them, which holds
 * when `now` and the events come from the appliance's one clock.
 */
import { addUnit, emptyBasis, figuresFrom, type KpiBasis } from './basis.ts';
import {
  agentCounts,
  inPeriod,
  liveCallFigures,
  scopeVariant,
  type KpiPeriod,
  type QueueMembership,
} from './compute.ts';
import type { KpiFigures } from './definitions.ts';
import type { AgentTransition, CallDirection, JourneyEvent, LiveCallEvent } from './journey.ts';
import { settingsResolver, type KpiSettings, type SettingsResolver } from './settings.ts';
import { foldEvents, type CallTrace } from './trace.ts';
import { scopeKey, unitsOf, type KpiScope } from './units.ts';

export interface LiveKpiConfig extends KpiSettings, KpiPeriod {
  membership?: QueueMembership;
}

export interface LiveKpis {
  /** One journey event; outbound calls are ignored (the dashboard counts inbound calls). Repeated seqs count once. */
  apply(event: LiveCallEvent): void;
  applyAgent(transition: AgentTransition): void;
  snapshot(scope: KpiScope, now: number): KpiFigures;
  /** A copy of the period counters of a scope. */
  basis(scope: KpiScope): KpiBasis;
  /** New thresholds or variants: every counter is recomputed from the kept events. */
  setSettings(settings: KpiSettings): void;
  /** A new period (e.g. at midnight): ended calls outside it are forgotten. */
  setPeriod(period: KpiPeriod): void;
  setMembership(membership: QueueMembership): void;
  /** Number of calls held (for the appliance's metrics). */
  readonly size: number;
}

interface CallEntry {
  callId: string;
  direction: CallDirection;
  events: JourneyEvent[];
  seqs: Set<number>;
  trace: CallTrace;
}

interface ScopeCounters {
  scope: KpiScope;
  basis: KpiBasis;
}

export function createLiveKpis(config: LiveKpiConfig): LiveKpis {
  let settings: KpiSettings = { defaults: config.defaults, settingsByQueue: config.settingsByQueue };
  let resolve: SettingsResolver = settingsResolver(settings);
  let period: KpiPeriod = { from: config.from, to: config.to };
  let membership: QueueMembership = config.membership ?? {};
  const calls = new Map<string, CallEntry>();
  /** Calls that have arrived and not ended: the only ones with live figures. */
  const open = new Map<string, CallTrace>();
  const scopes = new Map<string, ScopeCounters>();
  const agents = new Map<string, AgentTransition>();

  const contribute = (c: ScopeCounters, trace: CallTrace, sign: 1 | -1): void => {
    if (!inPeriod(trace, period)) return;
    for (const u of unitsOf(trace, c.scope, resolve)) addUnit(c.basis, u, sign);
  };

  const counters = (scope: KpiScope): ScopeCounters => {
    const key = scopeKey(scope);
    let c = scopes.get(key);
    if (!c) {
      // First use of a scope (a queue, a new group): count it from the kept calls, then keep it running.
      c = { scope, basis: emptyBasis() };
      for (const e of calls.values()) contribute(c, e.trace, 1);
      scopes.set(key, c);
    }
    return c;
  };

  const rebuild = (): void => {
    for (const c of scopes.values()) {
      c.basis = emptyBasis();
      for (const e of calls.values()) contribute(c, e.trace, 1);
    }
  };

  /**
   * Ids of calls dropped lately: a redelivered event of theirs must not bring
   * them back as a phantom call in the IVR. Kept for one period change.
   */
  let forgotten = new Set<string>();
  /** Ended calls outside the period matter to no figure any more. */
  const forgetIfDone = (e: CallEntry): void => {
    if (e.trace.arrivedAt !== null && e.trace.endedAt !== null && !inPeriod(e.trace, period)) {
      calls.delete(e.callId);
      forgotten.add(e.callId);
    }
  };

  counters('branch');

  return {
    apply({ callId, direction, event }) {
      if (direction !== 'inbound' || forgotten.has(callId)) return;
      let entry = calls.get(callId);
      if (!entry) {
        entry = { callId, direction, events: [], seqs: new Set(), trace: foldEvents(callId, direction, []) };
        calls.set(callId, entry);
      }
      if (entry.seqs.has(event.seq)) return;
      entry.seqs.add(event.seq);
      const last = entry.events.at(-1);
      entry.events.push(event);
      if (last && last.seq > event.seq) entry.events.sort((a, b) => a.seq - b.seq);

      const before = entry.trace;
      const after = foldEvents(callId, direction, entry.events);
      for (const c of scopes.values()) {
        contribute(c, before, -1);
        contribute(c, after, 1);
      }
      entry.trace = after;
      if (after.arrivedAt !== null && after.endedAt === null) open.set(callId, after);
      else open.delete(callId);
      forgetIfDone(entry);
    },

    applyAgent(t) {
      const cur = agents.get(t.agent);
      if (!cur || t.at >= cur.at) agents.set(t.agent, t);
    },

    snapshot(scope, now) {
      const c = counters(scope);
      const live = {
        ...liveCallFigures(open.values(), scope, period, now, resolve),
        ...agentCounts(agents, scope, membership),
      };
      return figuresFrom(c.basis, live, scopeVariant(scope, resolve));
    },

    basis(scope) {
      return structuredCloneBasis(counters(scope).basis);
    },

    setSettings(next) {
      settings = { defaults: next.defaults, settingsByQueue: next.settingsByQueue };
      resolve = settingsResolver(settings);
      rebuild();
    },

    setPeriod(next) {
      period = { from: next.from, to: next.to };
      forgotten = new Set();
      for (const e of [...calls.values()]) {
        // A call whose arrival never came cannot be placed in any period.
        if (e.trace.arrivedAt === null) calls.delete(e.callId);
        else forgetIfDone(e);
      }
      rebuild();
    },

    setMembership(next) {
      membership = next;
    },

    get size() {
      return calls.size;
    },
  };
}

function structuredCloneBasis(b: KpiBasis): KpiBasis {
  return { ...b, unansweredByCause: { ...b.unansweredByCause } };
}

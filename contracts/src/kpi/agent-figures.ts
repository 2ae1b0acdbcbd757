/**
 * Agent figures of KPIS.md (reports, targets, rating). Times come from the
 * agent state history, clipped to the period and to `now`: they measure how
 * the agent's time was spent, outbound calls included. Counts come from the
 * journeys and, like every call count, follow the call's arrival period.
 */
import { percent } from './basis.ts';
import { inPeriod, tracesAt, type KpiPeriod } from './compute.ts';
import type { AgentState, AgentTransition, CallJourney } from './journey.ts';
import { stintTalkHoldMs } from './trace.ts';

export interface AgentFigures {
  agent: string;
  /** Seconds with an open session, in any state. */
  loggedIn: number;
  paused: number;
  /** Paused seconds per pause reason (`unspecified` when none was given). */
  pausedByReason: Record<string, number>;
  ready: number;
  ringing: number;
  talk: number;
  hold: number;
  acw: number;
  /** (talk + hold + acw) / (logged-in − paused) × 100; null when never available. */
  occupancy: number | null;
  /** ring_no_answer count: calls offered to the agent that they let ring out (not lost calls). */
  missedByAgent: number;
  /** Inbound stints the agent answered. */
  answered: number;
  outboundMade: number;
  outboundConnected: number;
  /** Seconds of talk (hold excluded) on the agent's outbound calls that connected and ended. */
  outboundTalk: number;
}

export interface AgentFigureOptions extends KpiPeriod {
  now: number;
}

const NO_REASON = 'unspecified';

interface Tally {
  ms: Record<AgentState, number>;
  pausedByReason: Record<string, number>;
  missedByAgent: number;
  answered: number;
  outboundMade: number;
  outboundConnected: number;
  outboundTalkMs: number;
}

function emptyTally(): Tally {
  return {
    ms: { logged_out: 0, ready: 0, paused: 0, ringing: 0, talking: 0, holding: 0, acw: 0 },
    pausedByReason: {},
    missedByAgent: 0,
    answered: 0,
    outboundMade: 0,
    outboundConnected: 0,
    outboundTalkMs: 0,
  };
}

/** Figures for every agent seen in the history or the journeys, sorted by agent id. */
export function computeAgentFigures(
  history: Iterable<AgentTransition>,
  journeys: Iterable<CallJourney>,
  options: AgentFigureOptions,
): AgentFigures[] {
  const tallies = new Map<string, Tally>();
  const tally = (agent: string): Tally => {
    let t = tallies.get(agent);
    if (!t) tallies.set(agent, (t = emptyTally()));
    return t;
  };
  tallyStates(history, options, tally);
  tallyCalls(journeys, options, tally);

  return [...tallies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agent, t]) => {
      const loggedInMs = t.ms.ready + t.ms.paused + t.ms.ringing + t.ms.talking + t.ms.holding + t.ms.acw;
      const byReason: Record<string, number> = {};
      for (const [r, ms] of Object.entries(t.pausedByReason)) byReason[r] = ms / 1000;
      return {
        agent,
        loggedIn: loggedInMs / 1000,
        paused: t.ms.paused / 1000,
        pausedByReason: byReason,
        ready: t.ms.ready / 1000,
        ringing: t.ms.ringing / 1000,
        talk: t.ms.talking / 1000,
        hold: t.ms.holding / 1000,
        acw: t.ms.acw / 1000,
        occupancy: percent(t.ms.talking + t.ms.holding + t.ms.acw, loggedInMs - t.ms.paused),
        missedByAgent: t.missedByAgent,
        answered: t.answered,
        outboundMade: t.outboundMade,
        outboundConnected: t.outboundConnected,
        outboundTalk: t.outboundTalkMs / 1000,
      };
    });
}

/** Each state lasts from its transition to the agent's next one, clipped to [from, min(to, now)). */
function tallyStates(history: Iterable<AgentTransition>, o: AgentFigureOptions, tally: (a: string) => Tally): void {
  const end = Math.min(o.to, o.now);
  const byAgent = new Map<string, AgentTransition[]>();
  for (const t of history) {
    if (t.at > o.now) continue;
    let list = byAgent.get(t.agent);
    if (!list) byAgent.set(t.agent, (list = []));
    list.push(t);
  }
  for (const [agent, list] of byAgent) {
    // A stable sort keeps the recorded order of same-instant transitions (the later one wins).
    list.sort((a, b) => a.at - b.at);
    const t = tally(agent);
    for (let i = 0; i < list.length; i++) {
      const cur = list[i];
      const next = list[i + 1];
      const start = Math.max(cur.at, o.from);
      const stop = Math.min(next ? next.at : end, end);
      if (stop <= start) continue;
      t.ms[cur.state] += stop - start;
      if (cur.state === 'paused') {
        const r = cur.reason ?? NO_REASON;
        t.pausedByReason[r] = (t.pausedByReason[r] ?? 0) + (stop - start);
      }
    }
  }
}

function tallyCalls(journeys: Iterable<CallJourney>, o: AgentFigureOptions, tally: (a: string) => Tally): void {
  for (const trace of tracesAt(journeys, o.now)) {
    if (!inPeriod(trace, o)) continue;
    for (const r of trace.ringNoAnswers) tally(r.agent).missedByAgent += 1;
    if (trace.direction === 'inbound') {
      for (const s of trace.stints) if (s.agent !== null) tally(s.agent).answered += 1;
      continue;
    }
    const agent = trace.placedBy ?? trace.stints.find((s) => s.agent !== null)?.agent ?? null;
    if (agent === null) continue;
    const t = tally(agent);
    t.outboundMade += 1;
    if (trace.stints.some((s) => s.answeredAt !== null)) t.outboundConnected += 1;
    for (const s of trace.stints) t.outboundTalkMs += stintTalkHoldMs(s)?.talkMs ?? 0;
  }
}

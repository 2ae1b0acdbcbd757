import {
  computeAgentFigures,
  computeTargetProgress,
  targetPeriodRange,
  type AgentActuals,
  type AgentTransition,
  type CallJourney,
  type KpiFigures,
  type TargetPeriod,
  type TargetProgress,
  type Targets,
} from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';

export interface TargetSource {
  journeys(from: number, to: number): Promise<CallJourney[]>;
  agentHistory(from: number, to: number): Promise<AgentTransition[]>;
}

export interface TargetStore {
  /**
   * Scheduled callbacks created per agent in [from, to); null while the
   * callback list is not on this appliance (issue 5 builds it).
   */
  scheduledCallbacksByAgent(from: number, to: number): Promise<Record<string, number> | null>;
}

/** Who the progress is for: null = everything (admins). */
export interface Visibility {
  queues: ReadonlySet<string> | null;
}

/**
 * Progress against the targets for the current day, week or month. Every
 * figure comes from the KPI engine over the stored journeys and agent history
 * of the period (queue figures through the dashboard's `compute`, the same as
 * /api/v1/kpis), then goes through the contracts' `computeTargetProgress`.
 */
export function createTargetProgress(deps: {
  clock: Clock;
  source: TargetSource;
  store: TargetStore;
  targets: () => Targets;
  queues: () => string[];
  /** Agents the ACD knows, with the queues they serve. */
  agents: () => { agent: string; queues: readonly string[] }[];
  /** The dashboard's computation of a queue's figures for a period (computeKpis with the queues' settings). */
  queueFigures: (journeys: CallJourney[], history: AgentTransition[], queue: string, from: number, to: number) => KpiFigures;
  utcOffsetMinutes: () => number;
}) {
  return {
    async progress(period: TargetPeriod, visible: Visibility): Promise<TargetProgress> {
      const now = deps.clock.now();
      const { from, to } = targetPeriodRange(period, now, deps.utcOffsetMinutes());
      const targets = deps.targets();
      // History from before the period tells each agent's state when it began.
      const [journeys, history, callbacks] = await Promise.all([deps.source.journeys(from, to), deps.source.agentHistory(0, to), deps.store.scheduledCallbacksByAgent(from, to)]);
      const shows = (q: string) => visible.queues === null || visible.queues.has(q);
      const queues = deps.queues().filter(shows).map((queue) => ({ queue, figures: deps.queueFigures(journeys, history, queue, from, to) }));

      const figures = new Map(computeAgentFigures(history, journeys, { from, to, now: Math.min(now, to) }).map((f) => [f.agent, f]));
      const known = new Map(deps.agents().map((a) => [a.agent, a.queues]));
      const ids = new Set<string>([...known.keys(), ...figures.keys(), ...targets.agents.map((a) => a.agent).filter((a) => a !== '*')]);
      const agentShown = (agent: string) => visible.queues === null || (known.get(agent) ?? []).some(shows);
      const agents: AgentActuals[] = [...ids]
        .filter(agentShown)
        .sort()
        .map((agent) => ({
          agent,
          figures: figures.get(agent) ?? null,
          scheduledCallbacks: callbacks === null ? null : (callbacks[agent] ?? 0),
          // Evaluations (quality scoring) are not built yet: not measured, so no status.
          evaluationScore: null,
        }));
      return computeTargetProgress({ targets, period, from, to, now, queues, agents });
    },
  };
}

export type TargetProgressService = ReturnType<typeof createTargetProgress>;

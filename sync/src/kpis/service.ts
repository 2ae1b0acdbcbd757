import {
  AppError,
  computeKpis,
  kpiSettingsFromQueues,
  type AgentTransition,
  type CallJourney,
  type HqKpiOverview,
  type HqKpiResult,
  type KpiKey,
  type KpiScope,
  type KpiSettings,
  type KpiSettingsPayload,
} from '@edgecall/contracts';
import type { BranchJourney, KpiSource } from './store.ts';

/** A queue's agent counts need the branch's queue membership, which is not synced: HQ says "—" rather than 0. */
const QUEUE_UNAVAILABLE: KpiKey[] = ['loggedInAgents', 'talkingAgents', 'readyAgents'];

type Ns = (id: string) => string;

/** Every agent and queue a journey names, renamed into its branch's namespace. */
function namespacedJourney(j: CallJourney, ns: Ns): CallJourney {
  return {
    callId: ns(j.callId),
    direction: j.direction,
    events: j.events.map((e) => {
      const out: Record<string, unknown> = { ...e };
      for (const k of ['agent', 'queue', 'toAgent', 'toQueue'] as const) if (typeof out[k] === 'string') out[k] = ns(out[k] as string);
      return out as typeof e;
    }),
  };
}

const settingsOf = (p: KpiSettingsPayload | undefined): KpiSettings => kpiSettingsFromQueues(p?.queues ?? []);

/**
 * The HQ figures, computed by the same contracts engine as the branch's
 * `GET /api/v1/kpis` (computeKpis) over the synced journeys and agent states,
 * with the branch's own KPI settings (the `kpi_settings` record):
 *
 * - one branch (or one queue of it): exactly the branch's inputs, so the
 *   figure equals the branch's own for the same period (test/hq-kpis.test.ts);
 * - every branch together: one computation over the union, with each
 *   branch's agents and queues renamed `<branch>/<id>` so that queue `sales`
 *   or agent `101` of two branches stay two, each with its own thresholds;
 * - a queue id across every branch: the group of those renamed queues.
 */
export function createHqKpis(deps: { source: KpiSource; now: () => number }) {
  async function compute(q: { from: number; to: number; appliance?: string; queue?: string }, loaded?: Loaded): Promise<HqKpiResult> {
    const now = Math.min(deps.now(), q.to);
    const data = loaded ?? (await load(q.appliance ? [q.appliance] : null, q.from, q.to, now));
    let journeys: CallJourney[];
    let history: AgentTransition[];
    let settings: KpiSettings;
    let scope: KpiScope;
    let queueNames: Set<string> | null = null;
    if (q.appliance) {
      journeys = data.journeys.filter((j) => j.applianceId === q.appliance).map((j) => j.journey);
      history = data.states.filter((s) => s.applianceId === q.appliance).map((s) => s.transition);
      settings = settingsOf(data.settings.get(q.appliance));
      scope = q.queue ? { queue: q.queue } : 'branch';
      if (q.queue) queueNames = new Set([q.queue]);
    } else {
      const ns = (b: string): Ns => (id) => `${b}/${id}`;
      journeys = data.journeys.map((j) => namespacedJourney(j.journey, ns(j.applianceId)));
      history = data.states.map((s) => ({ ...s.transition, agent: ns(s.applianceId)(s.transition.agent) }));
      const byQueue: NonNullable<KpiSettings['settingsByQueue']> = {};
      for (const [b, p] of data.settings) for (const [queue, st] of Object.entries(settingsOf(p).settingsByQueue ?? {})) byQueue[ns(b)(queue)] = st;
      settings = { settingsByQueue: byQueue };
      const branches = [...new Set([...data.branches, ...data.journeys.map((j) => j.applianceId)])];
      scope = q.queue ? { group: branches.map((b) => ns(b)(q.queue!)) } : 'branch';
      if (q.queue) queueNames = new Set(branches.map((b) => ns(b)(q.queue!)));
    }
    const figures = computeKpis(journeys, history, { scope, from: q.from, to: q.to, now, ...settings, membership: {} });
    return {
      appliance: q.appliance ?? null,
      queue: q.queue ?? null,
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      now: new Date(now).toISOString(),
      figures,
      unavailable: q.queue ? QUEUE_UNAVAILABLE : [],
      journeys: queueNames ? journeys.filter((j) => j.events.some((e) => queueNames.has((e as { queue?: string }).queue ?? ''))).length : journeys.length,
    };
  }

  interface Loaded {
    journeys: BranchJourney[];
    states: { applianceId: string; transition: AgentTransition }[];
    settings: Map<string, KpiSettingsPayload>;
    branches: string[];
  }

  async function load(appliances: string[] | null, from: number, to: number, now: number): Promise<Loaded> {
    const [journeys, states, settings, branches] = await Promise.all([
      deps.source.journeys(appliances, from, to),
      deps.source.agentStates(appliances, to, now),
      deps.source.settings(appliances),
      deps.source.branches(),
    ]);
    return { journeys, states, settings, branches: branches.map((b) => b.id).filter((b) => !appliances || appliances.includes(b)) };
  }

  /** The queues a branch's journeys of the period went through, and those its settings name. */
  function queuesOf(data: Loaded, appliance: string): string[] {
    const out = new Set<string>(data.settings.get(appliance)?.queues.map((q) => q.id) ?? []);
    for (const j of data.journeys) {
      if (j.applianceId !== appliance) continue;
      for (const e of j.journey.events) if (e.type === 'queued') out.add(e.queue);
    }
    return [...out].sort();
  }

  return {
    async figures(q: { from: number; to: number; appliance?: string; queue?: string }): Promise<HqKpiResult> {
      if (q.appliance && !(await deps.source.branches()).some((b) => b.id === q.appliance)) throw new AppError('not_found', `No appliance ${q.appliance}`);
      return compute(q);
    },

    /** The dashboard in one read: every branch together, each branch, and each branch's queues. */
    async overview(q: { from: number; to: number }): Promise<HqKpiOverview> {
      const now = Math.min(deps.now(), q.to);
      const data = await load(null, q.from, q.to, now);
      const names = new Map((await deps.source.branches()).map((b) => [b.id, b.name]));
      const branches = [];
      for (const [applianceId, name] of names) {
        const result = await compute({ ...q, appliance: applianceId }, data);
        const queues = [];
        for (const queue of queuesOf(data, applianceId)) queues.push(await compute({ ...q, appliance: applianceId, queue }, data));
        branches.push({ applianceId, name, result, queues });
      }
      return { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), now: new Date(now).toISOString(), all: await compute(q, data), branches };
    },
  };
}

export type HqKpis = ReturnType<typeof createHqKpis>;

import {
  computeKpis,
  createLiveKpis,
  kpiSettingsFromQueues,
  queueTargetStatus,
  topics,
  type AcdSettings,
  type AgentTransition,
  type CallJourney,
  type JourneyEvent,
  type KpiFigures,
  type KpiScope,
  type QueueMembership,
  type Targets,
} from '@edgecall/contracts';
import type { Clock, Publisher, Scheduler } from '../../core/ports.ts';

const COALESCE_MS = 250;
/** Live figures (longest wait, calls past T_long) move with time even without events. */
const REFRESH_MS = 5000;

export interface DashboardDeps {
  site: string;
  clock: Clock;
  scheduler: Scheduler;
  publisher: Publisher;
  settings: () => AcdSettings;
  /** Group id → its queues (decision 0002). */
  groups: () => Record<string, string[]>;
  membership: () => QueueMembership;
  /** Minutes east of UTC of the branch's day (today's figures start at local midnight). */
  utcOffsetMinutes: () => number;
  /** Targets (issue 4): each queue's snapshot carries its status against them, so tiles turn amber/red live. */
  targets?: () => Targets;
}

export function dayOf(now: number, offsetMinutes: number) {
  const shift = offsetMinutes * 60_000;
  const from = Math.floor((now + shift) / 86_400_000) * 86_400_000 - shift;
  return { from, to: from + 86_400_000 };
}

/**
 * Today's KPIs, kept up to date event by event with the contracts' live
 * aggregator (proven equal to a full recomputation), published as one
 * consistent snapshot per scope at most every 250 ms.
 */
export function createDashboard(deps: DashboardDeps) {
  const { clock, publisher, scheduler, site } = deps;
  let period = dayOf(clock.now(), deps.utcOffsetMinutes());
  const live = createLiveKpis({ ...period, ...kpiSettingsFromQueues(deps.settings().queues), membership: deps.membership() });
  let pending = false;
  let lastPublish = 0;
  let stopped = false;

  function rollDay() {
    const now = clock.now();
    if (now < period.to) return;
    period = dayOf(now, deps.utcOffsetMinutes());
    live.setPeriod(period);
  }

  function publishNow() {
    pending = false;
    lastPublish = clock.now();
    rollDay();
    const now = clock.now();
    publisher.publish(topics.kpiBranch(site), snapshotOf('branch', now), { retain: true });
    for (const q of deps.settings().queues) publisher.publish(topics.kpiQueue(site, q.id), snapshotOf({ queue: q.id }, now), { retain: true });
    for (const [g, queues] of Object.entries(deps.groups())) publisher.publish(topics.kpiGroup(site, g), snapshotOf({ group: queues }, now), { retain: true });
  }

  function snapshotOf(scope: KpiScope, now: number) {
    const figures = live.snapshot(scope, now);
    const snapshot = { period: { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() }, figures };
    if (scope === 'branch' || !('queue' in scope) || !deps.targets) return snapshot;
    const t = deps.targets();
    const target = t.queues.find((q) => q.queue === scope.queue);
    // null: the queue has no targets.
    return { ...snapshot, targets: target ? queueTargetStatus(scope.queue, target, figures, t.warnMarginPercent) : null };
  }

  function schedule() {
    if (pending || stopped) return;
    pending = true;
    scheduler.after(Math.max(0, lastPublish + COALESCE_MS - clock.now()), publishNow);
  }

  function tick() {
    if (stopped) return;
    schedule();
    scheduler.after(REFRESH_MS, tick);
  }

  return {
    applyJourney(callId: string, direction: 'inbound' | 'outbound', events: JourneyEvent[]) {
      for (const event of events) live.apply({ callId, direction, event });
      schedule();
    },
    applyAgent(t: AgentTransition) {
      live.applyAgent(t);
      schedule();
    },
    settingsChanged() {
      live.setSettings(kpiSettingsFromQueues(deps.settings().queues));
      live.setMembership(deps.membership());
      schedule();
    },
    targetsChanged() {
      schedule();
    },
    membershipChanged() {
      live.setMembership(deps.membership());
      schedule();
    },
    start() {
      tick();
    },
    stop() {
      stopped = true;
    },
    publishNow,
    snapshot: (scope: KpiScope) => live.snapshot(scope, clock.now()),
    /** Any period, recomputed from stored journeys with the same engine as the live figures. */
    compute(journeys: CallJourney[], history: AgentTransition[], scope: KpiScope, from: number, to: number): KpiFigures {
      return computeKpis(journeys, history, { scope, from, to, now: Math.min(clock.now(), to), ...kpiSettingsFromQueues(deps.settings().queues), membership: deps.membership() });
    },
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;

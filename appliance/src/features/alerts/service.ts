import { topics, type AlertRule, type KpiFigures, type KpiScope } from '@edgecall/contracts';
import type { Clock, Publisher } from '../../core/ports.ts';

export interface AlertEvent {
  ruleId: string;
  name: string;
  severity: string;
  scope: string;
  figure: string;
  threshold: number;
  value: number;
  raisedAt: number;
  clearedAt: number | null;
}

export interface AlertStore {
  raised(e: AlertEvent): Promise<void>;
  cleared(ruleId: string, raisedAt: number, clearedAt: number): Promise<void>;
  log(limit: number): Promise<AlertEvent[]>;
}

/**
 * Evaluates alert rules against live KPI snapshots. A rule is raised when its
 * condition has held for `forSeconds`, published retained to the supervisors
 * of the groups concerned, logged, and cleared (empty retained publish) when
 * the condition ends. A null figure ("—") never triggers.
 */
export function createAlerts(deps: {
  site: string;
  clock: Clock;
  publisher: Publisher;
  store: AlertStore;
  rules: () => AlertRule[];
  snapshot: (scope: KpiScope) => KpiFigures;
  /** Group ids an alert of a scope goes to (every group for the branch). */
  groupsFor: (scope: string) => string[];
  groupQueues: (group: string) => string[];
}) {
  const since = new Map<string, number>();
  const active = new Map<string, AlertEvent>();

  const scopeOf = (s: string): KpiScope => {
    const [kind, id] = s.split(':');
    return kind === 'branch' ? 'branch' : kind === 'queue' ? { queue: id } : { group: deps.groupQueues(id) };
  };

  function publish(e: AlertEvent, clear: boolean) {
    for (const g of deps.groupsFor(e.scope)) {
      const topic = topics.groupAlert(deps.site, g, e.ruleId);
      if (clear) deps.publisher.clear(topic);
      else deps.publisher.publish(topic, { ...e, raisedAt: new Date(e.raisedAt).toISOString(), clearedAt: null }, { retain: true });
    }
  }

  function evaluate() {
    const now = deps.clock.now();
    const rules = deps.rules().filter((r) => r.enabled);
    for (const rule of rules) {
      const value = deps.snapshot(scopeOf(rule.scope))[rule.figure];
      const holds = typeof value === 'number' && (rule.comparator === 'above' ? value > rule.threshold : value < rule.threshold);
      if (!holds) {
        since.delete(rule.id);
        const a = active.get(rule.id);
        if (a) {
          active.delete(rule.id);
          publish(a, true);
          void deps.store.cleared(rule.id, a.raisedAt, now);
        }
        continue;
      }
      const start = since.get(rule.id) ?? now;
      since.set(rule.id, start);
      if (!active.has(rule.id) && now - start >= rule.forSeconds * 1000) {
        const e: AlertEvent = { ruleId: rule.id, name: rule.name, severity: rule.severity, scope: rule.scope, figure: rule.figure, threshold: rule.threshold, value: value as number, raisedAt: now, clearedAt: null };
        active.set(rule.id, e);
        publish(e, false);
        void deps.store.raised(e);
      }
    }
    // Rules removed or disabled clear their alerts.
    for (const [id, a] of active) {
      if (!rules.some((r) => r.id === id)) {
        active.delete(id);
        publish(a, true);
        void deps.store.cleared(id, a.raisedAt, now);
      }
    }
  }

  /**
   * Alerts other features raise (SLA clocks of requests, escalations): the
   * same topics, payload and log as the KPI rules, keyed by the raiser's id.
   * Raising an active id again with another severity or name republishes it.
   */
  const external = new Map<string, AlertEvent & { groups: string[] }>();
  function publishTo(e: AlertEvent, groups: string[], clear: boolean) {
    for (const g of groups) {
      const topic = topics.groupAlert(deps.site, g, e.ruleId);
      if (clear) deps.publisher.clear(topic);
      else deps.publisher.publish(topic, { ...e, raisedAt: new Date(e.raisedAt).toISOString(), clearedAt: null }, { retain: true });
    }
  }
  function raiseExternal(e: Omit<AlertEvent, 'raisedAt' | 'clearedAt'> & { groups: string[] }) {
    const before = external.get(e.ruleId);
    if (before && before.severity === e.severity && before.name === e.name && before.groups.join() === e.groups.join()) return;
    if (before) {
      publishTo(before, before.groups.filter((g) => !e.groups.includes(g)), true);
      void deps.store.cleared(before.ruleId, before.raisedAt, deps.clock.now());
    }
    const a = { ...e, raisedAt: deps.clock.now(), clearedAt: null };
    external.set(e.ruleId, a);
    publishTo(a, a.groups, false);
    void deps.store.raised(a);
  }
  function clearExternal(ruleId: string) {
    const a = external.get(ruleId);
    if (!a) return;
    external.delete(ruleId);
    publishTo(a, a.groups, true);
    void deps.store.cleared(ruleId, a.raisedAt, deps.clock.now());
  }

  return {
    evaluate,
    active: () => [...active.values(), ...[...external.values()].map(({ groups: _g, ...a }) => a)],
    log: (limit: number) => deps.store.log(limit),
    raiseExternal,
    clearExternal,
    /** Ids of the active alerts raised by other features. */
    externalIds: () => [...external.keys()],
  };
}

export type Alerts = ReturnType<typeof createAlerts>;

import { topics } from '@edgecall/contracts/topics';
import type { AlertRule } from '@edgecall/contracts/alerts';
import type { ApiClient } from './http.ts';

export type { AlertRule };

/** The rule fields' choices (contracts/alerts.ts), repeated here so zod stays out of the bundle. */
export const ALERT_COMPARATORS = ['above', 'below'] as const;
export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
/** KPIS.md figures a rule may watch: contracts' KPI_KEYS. */
export const ALERT_FIGURES = [
  'serviceLevel',
  'lostCallRate',
  'asa',
  'awt',
  'longestWaitNow',
  'aht',
  'averageCallLength',
  'longCalls',
  'queuedCalls',
  'ivrWaiting',
  'loggedInAgents',
  'readyAgents',
  'talkingAgents',
  'totalCalls',
  'answeredCalls',
  'missedCalls',
  'serviceLevelV1',
  'serviceLevelV2',
  'serviceLevelV3',
  'serviceLevelV4',
] as const;

/** An alert as the appliance publishes it (retained while active) and logs it. Times are ISO. */
export interface AlertEvent {
  ruleId: string;
  name: string;
  severity: string;
  scope: string;
  figure: string;
  threshold: number;
  value: number;
  raisedAt: string;
  clearedAt: string | null;
}

export function isAlertEvent(v: unknown): v is AlertEvent {
  const a = v as AlertEvent | null;
  return !!a && typeof a.ruleId === 'string' && typeof a.raisedAt === 'string' && typeof a.figure === 'string';
}

/**
 * The alert topics a user follows: each supervised group's; an account
 * without groups (an admin sees everything) follows every group's.
 */
export function alertFilters(site: string, groups: readonly string[]): string[] {
  return groups.length ? groups.map((g) => topics.groupAlert(site, g, '+')) : [topics.groupAlert(site, '+', '+')];
}

export function fetchAlerts(api: ApiClient): Promise<{ active: AlertEvent[]; log: AlertEvent[] }> {
  return api.request('GET', '/api/v1/alerts');
}

export function fetchAlertRules(api: ApiClient): Promise<{ items: AlertRule[] }> {
  return api.request('GET', '/api/v1/settings/alerts');
}

/** Replaces every rule; a refusal names each field as `<index>.<field>`. */
export function saveAlertRules(api: ApiClient, rules: AlertRule[]): Promise<{ items: AlertRule[] }> {
  return api.request('PUT', '/api/v1/settings/alerts', rules);
}

import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import type {
  AgentCheck,
  AgentTargetKey,
  AgentTargetProgress,
  LevelCheck,
  LevelStatus,
  PaceStatus,
  QueueTargetKey,
  QueueTargetStatus,
  TargetPeriod,
  TargetProgress,
  Targets,
  TargetsInput,
} from '@edgecall/contracts/targets';

// Types only: the contracts module holds zod schemas, which stay out of the bundle.
export type { AgentCheck, AgentTargetKey, AgentTargetProgress, LevelCheck, LevelStatus, PaceStatus, QueueTargetKey, QueueTargetStatus, TargetPeriod, Targets, TargetsInput };

export const TARGET_PERIODS: readonly TargetPeriod[] = ['day', 'week', 'month'];
export const QUEUE_TARGET_KEYS: readonly QueueTargetKey[] = ['serviceLevel', 'asa', 'lostCallRate', 'longestWait'];
export const AGENT_TARGET_KEYS: readonly AgentTargetKey[] = ['incomingCalls', 'outgoingCalls', 'talkTimeSeconds', 'scheduledCallbacks', 'evaluationScore'];

/** The KPI figure (and so its unit) each queue target is compared with: contracts' QUEUE_TARGET_FIGURES. */
export const QUEUE_TARGET_FIGURE: Readonly<Record<QueueTargetKey, string>> = {
  serviceLevel: 'serviceLevel',
  asa: 'asa',
  lostCallRate: 'lostCallRate',
  longestWait: 'longestWaitNow',
};

/** The progress answer: the contracts' TargetProgress with its times as ISO strings. */
export type TargetProgressAnswer = Omit<TargetProgress, 'from' | 'to' | 'now'> & { from: string; to: string; now: string };

export function fetchTargetProgress(api: ApiClient, period: TargetPeriod): Promise<TargetProgressAnswer> {
  return api.request('GET', `/api/v1/targets/progress${query({ period })}`);
}

export function fetchTargets(api: ApiClient): Promise<Targets> {
  return api.request('GET', '/api/v1/settings/targets');
}

/** Replaces every target; the appliance answers with what it stored (or validation_failed per field). */
export function saveTargets(api: ApiClient, targets: TargetsInput): Promise<Targets> {
  return api.request('PUT', '/api/v1/settings/targets', targets);
}

/** What a `kpi/q/<q>` snapshot carries about targets: null when the queue has none. */
export function targetsOfSnapshot(data: unknown): QueueTargetStatus | null {
  const t = (data as { targets?: QueueTargetStatus | null } | null)?.targets;
  return t && typeof t.queue === 'string' && typeof t.checks === 'object' ? t : null;
}

/** The branch's queue ids, for the editors' choices (the ACD settings need settings:manage, as the editors do). */
export async function fetchQueueIds(api: ApiClient): Promise<string[]> {
  const s = await api.request<{ queues?: { id: string }[] }>('GET', '/api/v1/settings/acd');
  return (s.queues ?? []).map((q) => q.id).sort();
}

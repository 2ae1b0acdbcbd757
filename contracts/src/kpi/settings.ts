/**
 * Per-queue KPI settings of KPIS.md. Figures are always derived from the
 * stored journeys with the settings in force, so changing a threshold
 * recomputes history instead of leaving stale counters behind.
 */
import { z } from 'zod';

export const SL_VARIANTS = ['V1', 'V2', 'V3', 'V4', 'V5'] as const;
export const SlVariant = z.enum(SL_VARIANTS);
export type SlVariant = z.infer<typeof SlVariant>;

/** Whole or fractional seconds, as the queue configuration allows. */
const SECONDS = z.number().nonnegative().max(14 * 24 * 3600);

export const KpiQueueSettings = z.object({
  /** Service-level threshold, seconds. */
  T_sl: SECONDS,
  /** Short-abandon / short-call threshold, seconds. */
  T_short: SECONDS,
  /** Long-call threshold, seconds (the "calls > 5 min" tile). */
  T_long: SECONDS,
  slVariant: SlVariant,
  /**
   * Callback window, seconds, for the recovery rate. KPIS.md names "the
   * queue's callback window" without a default; one day is our choice.
   */
  callbackWindow: SECONDS,
});
export type KpiQueueSettings = z.infer<typeof KpiQueueSettings>;

export const DEFAULT_KPI_QUEUE_SETTINGS: Readonly<KpiQueueSettings> = Object.freeze({
  T_sl: 20,
  T_short: 5,
  T_long: 300,
  slVariant: 'V5',
  callbackWindow: 24 * 3600,
});

export const KpiSettings = z.object({
  /**
   * Applies to queues without their own entry, to calls that never reached
   * a queue, and gives the SL variant shown at branch and group scope.
   */
  defaults: KpiQueueSettings.partial().optional(),
  settingsByQueue: z.record(z.string(), KpiQueueSettings.partial()).optional(),
});
export type KpiSettings = z.infer<typeof KpiSettings>;

export type SettingsResolver = (queue: string | null) => KpiQueueSettings;

/** Resolves (and caches) the effective settings of a queue: built-in defaults ← branch defaults ← the queue's own. */
export function settingsResolver(settings: KpiSettings = {}): SettingsResolver {
  const base: KpiQueueSettings = { ...DEFAULT_KPI_QUEUE_SETTINGS, ...stripUndefined(settings.defaults) };
  const cache = new Map<string, KpiQueueSettings>();
  return (queue) => {
    if (queue === null) return base;
    let resolved = cache.get(queue);
    if (!resolved) {
      resolved = { ...base, ...stripUndefined(settings.settingsByQueue?.[queue]) };
      cache.set(queue, resolved);
    }
    return resolved;
  };
}

/** `{T_sl: undefined}` from a partial form must not wipe a default out. */
function stripUndefined(partial: Partial<KpiQueueSettings> | undefined): Partial<KpiQueueSettings> {
  const out: Partial<KpiQueueSettings> = {};
  if (!partial) return out;
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * The KPI fields of a queue as the ACD configuration stores them
 * (acd-settings.ts `QueueSettings`). Matched by shape rather than imported,
 * so the KPI engine also runs where only journeys and thresholds are known
 * (the HQ server).
 */
export interface AcdQueueKpiFields {
  id: string;
  tSl?: number;
  tShort?: number;
  tLong?: number;
  slVariant?: SlVariant;
  callbackWindowHours?: number;
}

export function kpiSettingsFromQueues(
  queues: readonly AcdQueueKpiFields[],
  defaults?: Partial<KpiQueueSettings>,
): KpiSettings {
  const settingsByQueue: Record<string, Partial<KpiQueueSettings>> = {};
  for (const q of queues) {
    settingsByQueue[q.id] = stripUndefined({
      T_sl: q.tSl,
      T_short: q.tShort,
      T_long: q.tLong,
      slVariant: q.slVariant,
      callbackWindow: q.callbackWindowHours === undefined ? undefined : q.callbackWindowHours * 3600,
    });
  }
  return { defaults, settingsByQueue };
}

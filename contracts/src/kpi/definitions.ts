/**
 * The KPIS.md figures by name, with the formula each tile and report header
 * can show on demand. The keys are the wire names everywhere (API, MQTT,
 * exports); the label and formula texts are translated through `labelKey`
 * and `formulaKey`, the English `formula` being the reference wording.
 */
import { z } from 'zod';

export const KPI_KEYS = [
  'totalCalls',
  'answeredCalls',
  'missedCalls',
  'lostCallRate',
  'serviceLevel',
  'serviceLevelV1',
  'serviceLevelV2',
  'serviceLevelV3',
  'serviceLevelV4',
  'asa',
  'awt',
  'longestWaitNow',
  'averageCallLength',
  'aht',
  'longCalls',
  'loggedInAgents',
  'talkingAgents',
  'readyAgents',
  'ivrWaiting',
  'queuedCalls',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

const COUNT = z.number().int().nonnegative();
/** A ratio or mean over nothing is null on the wire and "—" on screen, never 0 or 100. */
const RATIO = z.number().nonnegative().nullable();

export const KpiFigures = z.object({
  totalCalls: COUNT,
  answeredCalls: COUNT,
  missedCalls: COUNT,
  lostCallRate: RATIO,
  serviceLevel: RATIO,
  serviceLevelV1: RATIO,
  serviceLevelV2: RATIO,
  serviceLevelV3: RATIO,
  serviceLevelV4: RATIO,
  asa: RATIO,
  awt: RATIO,
  longestWaitNow: RATIO,
  averageCallLength: RATIO,
  aht: RATIO,
  longCalls: COUNT,
  loggedInAgents: COUNT,
  talkingAgents: COUNT,
  readyAgents: COUNT,
  ivrWaiting: COUNT,
  queuedCalls: COUNT,
});
export type KpiFigures = z.infer<typeof KpiFigures>;

export type KpiUnit = 'count' | 'seconds' | 'percent';

export interface KpiDefinition {
  key: KpiKey;
  /** i18n key of the tile label, e.g. `kpi.serviceLevel`. */
  labelKey: `kpi.${KpiKey}`;
  /** i18n key of the formula text shown on demand. */
  formulaKey: `kpi.${KpiKey}.formula`;
  /** Reference English wording of the formula (KPIS.md). */
  formula: string;
  unit: KpiUnit;
  /** A figure of the instant (`now`) rather than of the period. */
  live: boolean;
}

const TERMS =
  'O = offered (entered a queue), A = answered, A≤T = answered with wait ≤ T_sl, Ab = abandoned while queued, ' +
  'Ab≤T = abandoned with wait ≤ T_sl, Ab_short = abandoned with wait < T_short';

const FORMULAS: Record<KpiKey, { formula: string; unit: KpiUnit; live?: boolean }> = {
  totalCalls: {
    formula: 'N: all inbound calls that arrived in the period, including those still in the IVR or queued',
    unit: 'count',
  },
  answeredCalls: {
    formula: 'A: calls whose last stint was answered (counted as soon as they are answered)',
    unit: 'count',
  },
  missedCalls: {
    formula:
      'U − S − deflected: every ended, unanswered call that was not a short call (ended less than ' +
      'T_short after it arrived) nor deflected to voicemail or callback; each one enters the callback list',
    unit: 'count',
  },
  lostCallRate: { formula: 'missed / (A + U − S − deflected) × 100', unit: 'percent' },
  serviceLevel: {
    formula: `SL of the queue's variant (default V5: A≤T / (O − Ab_short) × 100). ${TERMS}`,
    unit: 'percent',
  },
  serviceLevelV1: { formula: `A≤T / A × 100 (abandons ignored). ${TERMS}`, unit: 'percent' },
  serviceLevelV2: {
    formula: `A≤T / (A + Ab) × 100 (abandons count against). ${TERMS}`,
    unit: 'percent',
  },
  serviceLevelV3: {
    formula: `A≤T / (A + Ab − Ab≤T) × 100 (abandons after T_sl count against). ${TERMS}`,
    unit: 'percent',
  },
  serviceLevelV4: {
    formula: `(A≤T + Ab≤T) / (A + Ab) × 100 (abandons within T_sl count for). ${TERMS}`,
    unit: 'percent',
  },
  asa: {
    formula: 'Σ wait of answered calls / A; wait = answered − queued, queue time only',
    unit: 'seconds',
  },
  awt: {
    formula: 'Σ wait of all offered calls / O; wait = queue time only (answered or ended − queued)',
    unit: 'seconds',
  },
  longestWaitNow: { formula: 'the longest current wait among calls queued now', unit: 'seconds', live: true },
  averageCallLength: {
    formula: 'Σ (talk + hold) / number of answered calls that have ended',
    unit: 'seconds',
  },
  aht: {
    formula: 'Σ (talk + hold + acw) / number of answered calls whose ACW has ended',
    unit: 'seconds',
  },
  longCalls: {
    formula: 'answered calls with talk + hold > T_long, plus live calls already past it',
    unit: 'count',
    live: true,
  },
  loggedInAgents: { formula: 'agents with an open session, in any state', unit: 'count', live: true },
  talkingAgents: { formula: 'agents on a call (talking or holding)', unit: 'count', live: true },
  readyAgents: { formula: 'logged in, not paused, not in ACW, not ringing, not on a call', unit: 'count', live: true },
  ivrWaiting: { formula: 'calls in the IVR now', unit: 'count', live: true },
  queuedCalls: { formula: 'calls waiting in a queue now', unit: 'count', live: true },
};

export const KPI_DEFINITIONS: Readonly<Record<KpiKey, KpiDefinition>> = Object.freeze(
  Object.fromEntries(
    KPI_KEYS.map((key) => {
      const f = FORMULAS[key];
      const def: KpiDefinition = {
        key,
        labelKey: `kpi.${key}`,
        formulaKey: `kpi.${key}.formula`,
        formula: f.formula,
        unit: f.unit,
        live: f.live ?? false,
      };
      return [key, Object.freeze(def)];
    }),
  ) as Record<KpiKey, KpiDefinition>,
);

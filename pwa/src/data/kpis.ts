import type { ApiClient } from './http.ts';
import { query } from './http.ts';

/**
 * The fifteen tiles of PRODUCT.md §1, in the brochure's order. The keys are
 * KPIS.md's wire names; `@edgecall/contracts/kpi/definitions` is not
 * imported because it pulls zod into the bundle.
 */
export const DASHBOARD_KPIS = [
  'serviceLevel',
  'lostCallRate',
  'asa',
  'aht',
  'averageCallLength',
  'awt',
  'longCalls',
  'loggedInAgents',
  'talkingAgents',
  'readyAgents',
  'ivrWaiting',
  'queuedCalls',
  'totalCalls',
  'answeredCalls',
  'missedCalls',
] as const;
export type DashboardKpi = (typeof DASHBOARD_KPIS)[number];

export type KpiUnit = 'count' | 'seconds' | 'percent';
/** null = a ratio over nothing: shown as "—", never 0. */
export type KpiFigures = Partial<Record<string, number | null>>;

export interface KpiDefinition {
  key: string;
  formula: string;
  unit: KpiUnit;
  live: boolean;
}

export interface KpiAnswer {
  scope: string;
  from: string;
  to: string;
  now: string;
  figures: KpiFigures;
  definitions: Record<string, KpiDefinition>;
}

/** What the kpi topics carry (retained). */
export interface KpiMessage {
  period: { from: string; to: string };
  figures: KpiFigures;
}

/** `branch`, `queue:<id>` or `group:<id>`. */
export type KpiScope = string;

export function fetchKpis(api: ApiClient, scope: KpiScope): Promise<KpiAnswer> {
  return api.request('GET', `/api/v1/kpis${query({ scope })}`);
}

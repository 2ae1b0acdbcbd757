/**
 * Offline (pause) reasons of the agents' pause menu (issue 6). Codes are
 * stable because clients translate the built-in ones and reports group by
 * them; `billable` says whether the paused time counts as paid work in the
 * agent-time figures.
 */
import { z } from 'zod';
import { patchOf } from '../crm.ts';
import { LocalizedName, SETTING_CODE } from './common.ts';

export const PauseReasonInput = z.strictObject({
  code: SETTING_CODE,
  name: LocalizedName,
  /** Paid time: counted with the agent's working time, not as time off. */
  billable: z.boolean().default(false),
  /** Inactive reasons leave the menu but keep their history and figures. */
  active: z.boolean().default(true),
  /** Menu order, smallest first. */
  sort: z.number().int().min(0).max(10_000).default(100),
});
export type PauseReasonInput = z.output<typeof PauseReasonInput>;
export const PauseReasonPatch = patchOf(PauseReasonInput.omit({ code: true }));

export interface PauseReason extends PauseReasonInput {
  /** The code. */
  id: string;
  updatedAt: string;
}

/**
 * Reasons the ACD sets by itself: after login, and after an agent let too
 * many offers ring out (features/acd SYSTEM_PAUSE_MISSED). An agent may send
 * them too (the PWA re-sends the current reason); admins cannot create them.
 * Time in them counts as billable: the agent is at the desk.
 */
export const SYSTEM_PAUSE_REASONS: Record<string, { name: LocalizedName; billable: boolean }> = {
  login: { name: { az: 'Yeni daxil olub', en: 'Just logged in', ru: 'Только что вошёл' }, billable: true },
  'system:missed_calls': { name: { az: 'Buraxılmış zənglər', en: 'Missed calls', ru: 'Пропущенные звонки' }, billable: true },
};

/** The menu agents see: active reasons in order (GET /api/v1/pause-reasons). */
export interface PauseMenu {
  items: Pick<PauseReason, 'code' | 'name' | 'billable'>[];
  system: { code: string; name: LocalizedName; billable: boolean }[];
}

/** One agent's paused time split by pay (GET /api/v1/reports/agent-time). Seconds. */
export interface AgentTimeRow {
  agent: string;
  name: string | null;
  loggedIn: number;
  ready: number;
  /** Ringing, talking, holding and after-call work. */
  busy: number;
  paused: number;
  pausedBillable: number;
  pausedNonBillable: number;
  /** Logged in minus non-billable pauses: the time to pay. */
  billable: number;
  byReason: { reason: string; name: LocalizedName | null; billable: boolean; seconds: number }[];
}

export interface AgentTimeReport {
  from: string;
  to: string;
  now: string;
  items: AgentTimeRow[];
}

/**
 * Splits an agent's paused seconds by reason into billable and not. A
 * reason no longer in the list (deleted, or an old free-text one) counts as
 * non-billable: paid time needs a reason the admin marked billable.
 */
export function splitPausedTime(
  pausedByReason: Record<string, number>,
  reasons: ReadonlyMap<string, { name: LocalizedName; billable: boolean }>,
): { billable: number; nonBillable: number; byReason: AgentTimeRow['byReason'] } {
  let billable = 0;
  let nonBillable = 0;
  const byReason: AgentTimeRow['byReason'] = [];
  for (const [reason, seconds] of Object.entries(pausedByReason).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const known = reasons.get(reason) ?? SYSTEM_PAUSE_REASONS[reason] ?? null;
    const paid = known?.billable ?? false;
    if (paid) billable += seconds;
    else nonBillable += seconds;
    byReason.push({ reason, name: known?.name ?? null, billable: paid, seconds });
  }
  return { billable, nonBillable, byReason };
}

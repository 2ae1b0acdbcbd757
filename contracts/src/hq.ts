/**
 * The HQ console's wire language (sync/README.md): HQ accounts and roles,
 * login, the audit log and the cross-branch KPI queries. The central server
 * parses with these; the console (sync/console) types its calls with them.
 */
import { z } from 'zod';
import type { KpiFigures, KpiKey } from './kpi/definitions.ts';

/** `hq_admin`: everything. `hq_viewer`: read-only dashboards and branch status. */
export const HQ_ROLES = ['hq_admin', 'hq_viewer'] as const;
export const HqRole = z.enum(HQ_ROLES);
export type HqRole = z.infer<typeof HqRole>;

export const HQ_USERNAME = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 lowercase letters, digits or ._-');
/** Long enough to resist guessing; scrypt does the rest. No upper bound games: 200 is plenty. */
export const HQ_PASSWORD = z.string().min(10, 'at least 10 characters').max(200);
const DISPLAY_NAME = z.string().trim().min(1).max(120);

export const HqLoginRequest = z.strictObject({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });
export type HqLoginRequest = z.infer<typeof HqLoginRequest>;

export const HqCreateUserRequest = z.strictObject({
  username: HQ_USERNAME,
  displayName: DISPLAY_NAME,
  role: HqRole,
  password: HQ_PASSWORD,
});
export type HqCreateUserRequest = z.infer<typeof HqCreateUserRequest>;

export const HqUpdateUserRequest = z
  .strictObject({ displayName: DISPLAY_NAME.optional(), role: HqRole.optional(), password: HQ_PASSWORD.optional(), disabled: z.boolean().optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'change at least one field' });
export type HqUpdateUserRequest = z.infer<typeof HqUpdateUserRequest>;

export const HqChangePasswordRequest = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: HQ_PASSWORD });

/** The first admin, created with the bootstrap token (EDGECALL_HQ_ADMIN_TOKEN) while HQ has none. */
export const HqBootstrapRequest = z.strictObject({ username: HQ_USERNAME, displayName: DISPLAY_NAME.default('HQ admin'), password: HQ_PASSWORD });

export interface HqUserView {
  id: string;
  username: string;
  displayName: string;
  role: HqRole;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface HqAuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

const EPOCH_MS = z.coerce.number().int().min(0).max(8_640_000_000_000_000);
const BRANCH = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const QUEUE = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/);

/**
 * One KPI scope at HQ: every branch together (no `appliance`), one branch, a
 * queue of one branch (`appliance` + `queue`), or a queue id across every
 * branch that has it (`queue` alone).
 */
export const HqKpiQuery = z
  .strictObject({ from: EPOCH_MS, to: EPOCH_MS, appliance: BRANCH.optional(), queue: QUEUE.optional() })
  .refine((q) => q.from < q.to, { message: '`from` must be before `to`', path: ['to'] })
  .refine((q) => q.to - q.from <= 366 * 86_400_000, { message: 'a period is at most one year', path: ['to'] });
export type HqKpiQuery = z.infer<typeof HqKpiQuery>;

export const HqKpiOverviewQuery = z
  .strictObject({ from: EPOCH_MS, to: EPOCH_MS })
  .refine((q) => q.from < q.to, { message: '`from` must be before `to`', path: ['to'] })
  .refine((q) => q.to - q.from <= 366 * 86_400_000, { message: 'a period is at most one year', path: ['to'] });

export interface HqKpiResult {
  appliance: string | null;
  queue: string | null;
  from: string;
  to: string;
  /** The instant of the live figures: min(now, to), as the branch computes it. */
  now: string;
  figures: KpiFigures;
  /**
   * Figures HQ cannot know for this scope, shown as "—": the agent counts of
   * a queue need the branch's queue membership, which is not synced.
   */
  unavailable: KpiKey[];
  journeys: number;
}

export interface HqKpiOverview {
  from: string;
  to: string;
  now: string;
  all: HqKpiResult;
  branches: { applianceId: string; name: string; result: HqKpiResult; queues: HqKpiResult[] }[];
}

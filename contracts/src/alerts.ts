import { z } from 'zod';
import { KPI_KEYS } from './kpi/definitions.ts';

/** An admin-defined alert: a figure crossing a threshold in a scope for long enough. */
export const AlertRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/),
  name: z.string().min(1).max(80),
  figure: z.enum(KPI_KEYS),
  comparator: z.enum(['above', 'below']),
  threshold: z.number(),
  scope: z.string().regex(/^(branch|queue:[a-z0-9_-]{1,32}|group:[a-z0-9_-]{1,32})$/, 'branch, queue:<id> or group:<id>'),
  /** The condition must hold this long before the alert is raised (0 = at once). */
  forSeconds: z.number().int().min(0).max(3600).default(60),
  severity: z.enum(['warning', 'critical']).default('warning'),
  enabled: z.boolean().default(true),
});
export type AlertRule = z.output<typeof AlertRule>;

export const AlertRules = z
  .array(AlertRule)
  .max(200)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: 'rule ids must be unique' });

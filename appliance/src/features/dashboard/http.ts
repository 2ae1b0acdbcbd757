import { z } from 'zod';
import { AppError, KPI_DEFINITIONS, type AgentTransition, type CallJourney, type KpiScope, type SessionUser } from '@edgecall/contracts';
import { requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import type { Dashboard } from './service.ts';

const KpiQuery = z.strictObject({
  scope: z.string().regex(/^(branch|queue:[a-z0-9_-]{1,32}|group:[a-z0-9_-]{1,32})$/, 'branch, queue:<id> or group:<id>').default('branch'),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});

export interface KpiSource {
  journeys(from: number, to: number): Promise<CallJourney[]>;
  agentHistory(from: number, to: number): Promise<AgentTransition[]>;
}

/**
 * `GET /api/v1/kpis`: the KPIS.md figures for any period, by their keys. An
 * operator sees the queues of their groups; a supervisor their groups and the
 * branch; an admin everything.
 */
export function kpiRoutes(d: { dashboard: Dashboard; source: KpiSource; groups: () => Record<string, string[]>; now: () => number; todayFrom: () => number }): RouteSpec[] {
  function allowed(user: SessionUser, scope: string) {
    if (user.kind === 'admin') return true;
    const [kind, id] = scope.split(':');
    const queues = new Set(user.groups.flatMap((g) => d.groups()[g] ?? [g]));
    if (kind === 'branch') return user.kind === 'supervisor';
    if (kind === 'group') return user.groups.includes(id);
    return queues.has(id);
  }
  return [
    {
      method: 'GET',
      path: '/api/v1/kpis',
      access: 'kpis:read',
      summary: 'KPIS.md figures for a scope and period (default: today)',
      query: KpiQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof KpiQuery>;
        const user = requireAuth(ctx).user;
        if (!allowed(user, q.scope)) throw new AppError('forbidden', `You may not see ${q.scope}`);
        const [kind, id] = q.scope.split(':');
        const scope: KpiScope = kind === 'branch' ? 'branch' : kind === 'queue' ? { queue: id } : { group: d.groups()[id] ?? [id] };
        const from = q.from ?? d.todayFrom();
        const to = q.to ?? from + 86_400_000;
        if (from >= to) throw new AppError('validation_failed', '`from` must be before `to`');
        if (to - from > 366 * 86_400_000) throw new AppError('validation_failed', 'a period is at most one year');
        // Agent history from before the period tells who was logged in when it started.
        const [journeys, history] = await Promise.all([d.source.journeys(from, to), d.source.agentHistory(0, to)]);
        const figures = d.dashboard.compute(journeys, history, scope, from, to);
        return {
          scope: q.scope,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          now: new Date(Math.min(d.now(), to)).toISOString(),
          figures,
          definitions: KPI_DEFINITIONS,
        };
      },
    },
  ];
}

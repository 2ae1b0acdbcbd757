import { z } from 'zod';
import { Targets, TargetPeriod, type SessionUser } from '@edgecall/contracts';
import { requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf, type AuditRecorder } from '../../lib/audit.ts';
import type { TargetProgressService } from './service.ts';

const ProgressQuery = z.strictObject({ period: TargetPeriod.default('day') });

export function targetRoutes(d: {
  progress: TargetProgressService;
  targets: () => Targets;
  saveTargets: (t: Targets) => Promise<void>;
  audit: AuditRecorder;
  /** Queues a user sees; null for everything. */
  visibleQueues: (user: SessionUser) => ReadonlySet<string> | null;
}): RouteSpec[] {
  const iso = (t: number) => new Date(t).toISOString();
  return [
    {
      method: 'GET',
      path: '/api/v1/settings/targets',
      access: 'settings:manage',
      summary: 'Targets per queue and per agent',
      handler: () => d.targets(),
    },
    {
      method: 'PUT',
      path: '/api/v1/settings/targets',
      access: 'settings:manage',
      summary: 'Replace the targets',
      body: Targets,
      handler: async (ctx) => {
        const before = d.targets();
        await d.saveTargets(ctx.body as Targets);
        await d.audit.record({ ...actorOf(ctx), action: 'settings.targets', targetType: 'settings', targetId: 'targets', before, after: ctx.body });
        return d.targets();
      },
    },
    {
      method: 'GET',
      path: '/api/v1/targets/progress',
      access: 'supervisor:monitor',
      summary: 'Progress against the targets for the current day, week or month, per queue and per agent',
      query: ProgressQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof ProgressQuery>;
        const p = await d.progress.progress(q.period, { queues: d.visibleQueues(requireAuth(ctx).user) });
        return { ...p, from: iso(p.from), to: iso(p.to), now: iso(p.now) };
      },
    },
  ];
}

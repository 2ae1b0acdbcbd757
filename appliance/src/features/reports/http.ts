import { z } from 'zod';
import { AppError, type SessionUser } from '@edgecall/contracts';
import { requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import { tableExport } from '../../lib/table-export.ts';
import type { XlsxWriter } from '../../lib/xlsx.ts';
import type { AgentTimeReports } from './service.ts';

const AgentTimeQuery = z.strictObject({
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export function reportRoutes(d: {
  agentTime: AgentTimeReports;
  /** Agents a user may see: null for all. */
  visibleAgents: (user: SessionUser) => Promise<ReadonlySet<string> | null>;
  todayFrom: () => number;
  xlsx?: XlsxWriter;
}): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/reports/agent-time',
      access: 'kpis:read',
      summary: 'Logged-in, ready, busy and paused time per agent, paused time split into billable and not (default: today; ?format=csv exports)',
      query: AgentTimeQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof AgentTimeQuery>;
        const from = q.from ?? d.todayFrom();
        const to = q.to ?? from + 86_400_000;
        if (from >= to) throw new AppError('validation_failed', '`from` must be before `to`', [{ path: 'from', message: 'before to' }]);
        if (to - from > 366 * 86_400_000) throw new AppError('validation_failed', 'a period is at most one year', [{ path: 'to', message: 'at most a year after from' }]);
        const report = await d.agentTime.report(from, to, await d.visibleAgents(requireAuth(ctx).user));
        if (q.format === 'json') return report;
        const header = ['agent', 'name', 'loggedIn', 'ready', 'busy', 'paused', 'pausedBillable', 'pausedNonBillable', 'billable'];
        const rows = report.items.map((r) => [r.agent, r.name, r.loggedIn, r.ready, r.busy, r.paused, r.pausedBillable, r.pausedNonBillable, r.billable].map((v) => (typeof v === 'number' ? Math.round(v) : v)));
        return tableExport(q.format, 'agent-time', header, rows, d.xlsx);
      },
    },
  ];
}

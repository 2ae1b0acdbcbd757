import { HqKpiOverviewQuery, HqKpiQuery, KPI_DEFINITIONS } from '@edgecall/contracts';
import type { z } from 'zod';
import type { CentralRoute } from '../http/route.ts';
import type { HqKpis } from './service.ts';

/** Cross-branch KPIs for the HQ console: read-only, so viewers see them too. */
export function kpiRoutes(deps: { kpis: HqKpis }): CentralRoute[] {
  return [
    {
      method: 'GET',
      path: '/hq/v1/kpis',
      access: 'hq_viewer',
      summary: 'KPIS.md figures for every branch together, one branch, a queue of a branch, or a queue across branches, for a period',
      query: HqKpiQuery,
      handler: async (ctx) => ({ ...(await deps.kpis.figures(ctx.query as z.output<typeof HqKpiQuery>)), definitions: KPI_DEFINITIONS }),
    },
    {
      method: 'GET',
      path: '/hq/v1/kpis/overview',
      access: 'hq_viewer',
      summary: 'The KPI dashboard in one read: all branches, each branch and each of its queues, for a period',
      query: HqKpiOverviewQuery,
      handler: (ctx) => deps.kpis.overview(ctx.query as z.output<typeof HqKpiOverviewQuery>),
    },
  ];
}

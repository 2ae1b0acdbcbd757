import { AppError, RefDataset } from '@edgecall/contracts';
import type { RouteSpec } from '../../lib/http-route.ts';
import type { RefRow } from './ports.ts';

export interface SyncRoutesDeps {
  status(): Promise<unknown>;
  runNow(): void;
  reference(dataset: string): Promise<RefRow[]>;
}

/** Sync health for branch admins, a "sync now" button, and HQ's reference data for every signed-in user. */
export function syncRoutes(deps: SyncRoutesDeps): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/sync/status',
      access: 'sync:read',
      summary: 'Uplink and downlink health: last success, backlog, rejects at HQ, clock skew',
      handler: () => deps.status(),
    },
    {
      method: 'POST',
      path: '/api/v1/sync/run',
      access: 'settings:manage',
      summary: 'Upload and pull now, even while backing off',
      handler: () => {
        deps.runNow();
        return { status: 202, json: { started: true } };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/reference/:dataset',
      access: 'authenticated',
      summary: 'Reference data from HQ (faq, template, classification, evaluation_criterion, holiday)',
      async handler(ctx) {
        const dataset = RefDataset.safeParse(ctx.params.dataset);
        if (!dataset.success) throw new AppError('not_found', `No reference dataset ${ctx.params.dataset}`);
        const items = await deps.reference(dataset.data);
        return { dataset: dataset.data, items: items.map((i) => ({ key: i.key, rev: i.rev, ...(i.payload as object) })) };
      },
    },
  ];
}

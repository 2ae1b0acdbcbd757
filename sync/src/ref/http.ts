import { z } from 'zod';
import { AppError, REF_ITEM_SCHEMAS, RefDataset, RefPullQuery, REF_KEY, type RefPage, type RefSnapshot } from '@edgecall/contracts';
import type { TokenBuckets } from '../http/limits.ts';
import type { CentralRoute } from '../http/route.ts';
import type { RefStore } from './store.ts';

const PruneBody = z
  .strictObject({ throughRev: z.number().int().nonnegative().optional(), olderThanDays: z.number().min(0).max(3650).optional() })
  .refine((b) => b.throughRev !== undefined || b.olderThanDays !== undefined, { message: 'name throughRev or olderThanDays' });

function target(params: Record<string, string>): { dataset: RefDataset; key: string } {
  const dataset = RefDataset.safeParse(params.dataset);
  if (!dataset.success) throw new AppError('not_found', `No reference dataset ${params.dataset}`);
  const key = REF_KEY.safeParse(params.key ?? '');
  if (params.key !== undefined && !key.success) throw new AppError('validation_failed', 'The item key is not valid', key.error.issues.map((i) => ({ message: i.message })));
  return { dataset: dataset.data, key: params.key ?? '' };
}

/** Reference data: HQ admins edit it; appliances pull the change log or, past its horizon, the snapshot. */
export function refRoutes(deps: { store: RefStore; perAppliance: TokenBuckets }): CentralRoute[] {
  const limited = (id: string | null) => {
    const wait = deps.perAppliance.take(`ref:${id}`);
    if (wait > 0) throw new AppError('rate_limited', 'Too many requests; slow down', { retryAfterSeconds: wait });
  };
  return [
    {
      method: 'GET',
      path: '/sync/v1/ref',
      access: 'appliance',
      summary: 'Reference-data changes after a cursor (410 cursor_expired when pruned past it)',
      query: RefPullQuery,
      admit: ({ applianceId }) => limited(applianceId),
      handler: (ctx): Promise<RefPage> => {
        const q = ctx.query as z.output<typeof RefPullQuery>;
        return deps.store.pull(q.since, q.limit);
      },
    },
    {
      method: 'GET',
      path: '/sync/v1/ref/snapshot',
      access: 'appliance',
      summary: 'Every live reference item and the rev it is current as of',
      admit: ({ applianceId }) => limited(applianceId),
      handler: (): Promise<RefSnapshot> => deps.store.snapshot(),
    },
    {
      method: 'GET',
      path: '/hq/v1/ref/:dataset',
      access: 'hq_admin',
      summary: 'List a reference dataset (tombstones included)',
      handler: async (ctx) => ({ items: await deps.store.list(target(ctx.params).dataset) }),
    },
    {
      method: 'PUT',
      path: '/hq/v1/ref/:dataset/:key',
      access: 'hq_admin',
      summary: 'Create or replace a reference item',
      body: z.record(z.string(), z.unknown()),
      async handler(ctx) {
        const { dataset, key } = target(ctx.params);
        const parsed = REF_ITEM_SCHEMAS[dataset].safeParse(ctx.body);
        if (!parsed.success) {
          throw new AppError('validation_failed', `The ${dataset} item is not valid`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })));
        }
        return { dataset, key, ...(await deps.store.upsert(dataset, key, parsed.data, ctx.actor)) };
      },
    },
    {
      method: 'DELETE',
      path: '/hq/v1/ref/:dataset/:key',
      access: 'hq_admin',
      summary: 'Delete a reference item (a tombstone appliances apply)',
      async handler(ctx) {
        const { dataset, key } = target(ctx.params);
        return { dataset, key, ...(await deps.store.remove(dataset, key, ctx.actor)) };
      },
    },
    {
      method: 'POST',
      path: '/hq/v1/ref/prune',
      access: 'hq_admin',
      summary: 'Prune the change log up to a rev or an age; lagging appliances fall back to the snapshot',
      body: PruneBody,
      handler: (ctx) => deps.store.prune(ctx.body as z.output<typeof PruneBody>, ctx.actor),
    },
  ];
}

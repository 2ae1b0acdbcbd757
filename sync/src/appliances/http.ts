import { z } from 'zod';
import { AppError, APPLIANCE_ID, CreateApplianceRequest, ENTITY_NAME, IssueTokenRequest } from '@edgecall/contracts';
import { created, type CentralRoute } from '../http/route.ts';
import type { Rejects } from '../ingest/rejects.ts';
import type { IngestStore } from '../ingest/store.ts';
import type { ApplianceStore } from './store.ts';

const Page = {
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};
const RejectsQuery = z.strictObject({ appliance: APPLIANCE_ID.optional(), status: z.enum(['open', 'resolved', 'all']).default('open'), ...Page });
const RecordsQuery = z.strictObject({ appliance: APPLIANCE_ID.optional(), entity: ENTITY_NAME.optional(), ...Page });

function applianceParam(params: Record<string, string>): string {
  const id = APPLIANCE_ID.safeParse(params.id);
  if (!id.success) throw new AppError('not_found', `No appliance ${params.id}`);
  return id.data;
}

function idParam(params: Record<string, string>): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', `No reject ${params.id}`);
  return id;
}

/**
 * The JSON the HQ console shows: appliances with their sync health
 * (last contact, backlog, lag, errors, schema), the rejects queue, and the
 * synced records. Also the admin side of enrollment.
 */
export function consoleRoutes(deps: { appliances: ApplianceStore; rejects: Rejects; ingest: IngestStore }): CentralRoute[] {
  return [
    {
      method: 'GET',
      path: '/hq/v1/appliances',
      access: 'hq_viewer',
      summary: 'Appliances with last contact, backlog, lag, last error and schema version',
      handler: async () => ({ items: await deps.appliances.list() }),
    },
    {
      method: 'POST',
      path: '/hq/v1/appliances',
      access: 'hq_admin',
      summary: 'Register an appliance and issue its one-time enrollment token',
      body: CreateApplianceRequest,
      handler: async (ctx) => {
        const b = ctx.body as z.output<typeof CreateApplianceRequest>;
        return created(await deps.appliances.create(b.id, b.name, b.tokenTtlHours, ctx.actor));
      },
    },
    {
      method: 'GET',
      path: '/hq/v1/appliances/:id',
      access: 'hq_viewer',
      summary: "One appliance's sync health",
      handler: (ctx) => deps.appliances.get(applianceParam(ctx.params)),
    },
    {
      method: 'POST',
      path: '/hq/v1/appliances/:id/enrollment-tokens',
      access: 'hq_admin',
      summary: 'Issue a new one-time enrollment token (a replaced or reinstalled box)',
      body: IssueTokenRequest,
      handler: async (ctx) => created(await deps.appliances.issueToken(applianceParam(ctx.params), (ctx.body as z.output<typeof IssueTokenRequest>).tokenTtlHours, ctx.actor)),
    },
    {
      method: 'POST',
      path: '/hq/v1/appliances/:id/revoke',
      access: 'hq_admin',
      summary: "Revoke the appliance's credential; it must enroll again",
      handler: async (ctx) => {
        await deps.appliances.revoke(applianceParam(ctx.params), ctx.actor);
        return { revoked: true };
      },
    },
    {
      method: 'GET',
      path: '/hq/v1/rejects',
      access: 'hq_admin',
      summary: 'The rejects queue: records set aside with their reason',
      query: RejectsQuery,
      handler: (ctx) => {
        const q = ctx.query as z.output<typeof RejectsQuery>;
        return deps.rejects.list({ applianceId: q.appliance, status: q.status, offset: q.offset, limit: q.limit });
      },
    },
    {
      method: 'POST',
      path: '/hq/v1/rejects/:id/retry',
      access: 'hq_admin',
      summary: 'Apply a rejected record again (after an HQ upgrade taught it the entity or schema)',
      handler: (ctx) => deps.rejects.retry(idParam(ctx.params), ctx.actor),
    },
    {
      method: 'POST',
      path: '/hq/v1/rejects/:id/dismiss',
      access: 'hq_admin',
      summary: 'Close a reject without applying it',
      handler: (ctx) => deps.rejects.dismiss(idParam(ctx.params), ctx.actor),
    },
    {
      method: 'GET',
      path: '/hq/v1/records',
      access: 'hq_admin',
      summary: 'Synced records by appliance and entity',
      query: RecordsQuery,
      handler: (ctx) => {
        const q = ctx.query as z.output<typeof RecordsQuery>;
        return deps.ingest.listRecords({ applianceId: q.appliance, entity: q.entity, offset: q.offset, limit: q.limit });
      },
    },
  ];
}

import { z } from 'zod';
import { raw, type RouteSpec } from '../../lib/http-route.ts';
import { toCsv } from '../../lib/csv.ts';
import type { AuditService } from './service.ts';

const ListQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export function auditRoutes(audit: AuditService): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/audit',
      access: 'audit:read',
      summary: 'Browse or export the audit log',
      query: ListQuery,
      async handler(ctx) {
        const q = ctx.query as z.output<typeof ListQuery>;
        if (q.format === 'csv') {
          const rows = await audit.all();
          return raw(
            'text/csv; charset=utf-8',
            toCsv(
              ['seq', 'at', 'actor', 'action', 'targetType', 'targetId', 'before', 'after', 'address', 'prevHash', 'hash'],
              rows.map((r) => [r.seq, new Date(r.at).toISOString(), r.actorName, r.action, r.targetType, r.targetId, r.before, r.after, r.address, r.prevHash, r.hash]),
            ),
            { 'Content-Disposition': 'attachment; filename="audit-log.csv"' },
          );
        }
        const { rows, total } = await audit.page({ offset: q.offset, limit: q.limit, action: q.action, actorName: q.actor, from: q.from, to: q.to });
        return { items: rows, total, offset: q.offset, limit: q.limit };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/audit/verify',
      access: 'audit:read',
      summary: 'Check the hash chain of the audit log',
      handler: () => audit.verify(),
    },
  ];
}

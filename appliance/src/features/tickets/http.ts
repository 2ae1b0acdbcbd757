/**
 * Routes of electronic requests (issue 7). Reading needs tickets:read,
 * every change tickets:write; lists export with ?format=csv|xlsx.
 */
import type { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  AttachmentUploadQuery,
  TicketAssign,
  TicketAssigneesQuery,
  TicketCommentInput,
  TicketEscalate,
  TicketFilterInput,
  TicketInput,
  TicketListQuery,
  TicketPatch,
  TicketPrefillQuery,
  TicketStatusChange,
  type SessionUser,
  type Ticket,
} from '@edgecall/contracts';
import { created, noContent, raw, requireAuth, type RequestContext, type RouteSpec, type UploadBody } from '../../lib/http-route.ts';
import { tableExport } from '../../lib/table-export.ts';
import type { XlsxWriter } from '../../lib/xlsx.ts';
import { downloadName } from './rules.ts';
import type { Attachments } from './attachments.ts';
import type { SlaMonitor } from './sla-monitor.ts';
import type { Tickets } from './service.ts';

const EXPORT_MAX = 100_000;
const actor = (ctx: RequestContext): SessionUser => requireAuth(ctx).user;

/** Columns of the CSV/XLSX export: names, not ids, as people read them. */
function exportTable(items: (Ticket & { contactName: string | null })[], names: Map<string, string>) {
  const name = (id: string | null) => (id ? (names.get(id) ?? id) : '');
  const clock = (c: Ticket['sla']['resolution']) => (c ? (c.breached ? 'breached' : c.state) : '');
  return {
    header: [
      'ref', 'createdAt', 'channel', 'status', 'requestType', 'classification', 'subClassification', 'city', 'district', 'subject', 'number',
      'contact', 'customer', 'group', 'assignee', 'responseDueAt', 'response', 'resolutionDueAt', 'resolution', 'escalatedAt', 'closedAt', 'createdBy', 'id',
    ],
    rows: items.map((t) => [
      t.ref, t.createdAt, t.channel, t.status, name(t.requestTypeId), name(t.classificationId), name(t.subClassificationId), name(t.cityId), name(t.districtId), t.subject,
      t.number, t.contactName ?? '', t.customerName, t.group ?? '', t.assigneeName ?? '', t.sla.response?.dueAt ?? '', clock(t.sla.response), t.sla.resolution?.dueAt ?? '',
      clock(t.sla.resolution), t.escalatedAt ?? '', t.closedAt ?? '', t.createdByName, t.id,
    ]),
  };
}

export function ticketRoutes(d: { tickets: Tickets; attachments: Attachments; monitor: SlaMonitor; referenceNames: () => Promise<Map<string, string>>; xlsx?: XlsxWriter }): RouteSpec[] {
  const { tickets, attachments, monitor } = d;
  /** SLA alerts follow a change at once instead of on the next pass. */
  const thenCheck = async <T>(p: Promise<T>) => {
    const out = await p;
    void monitor.check().catch(() => undefined);
    return out;
  };
  return [
    {
      method: 'GET',
      path: '/api/v1/tickets',
      access: 'tickets:read',
      summary: 'Requests: views (mine, my_group, overdue, due_soon…), filters, full-text search, paging; ?format=csv|xlsx exports',
      query: TicketListQuery,
      handler: async (ctx) => {
        const q = ctx.query as TicketListQuery;
        if (q.format === 'json') return tickets.list(q, actor(ctx));
        const all = await tickets.list({ ...q, offset: 0, limit: EXPORT_MAX }, actor(ctx));
        const t = exportTable(all.items, await d.referenceNames());
        return tableExport(q.format, 'requests', t.header, t.rows, d.xlsx);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/tickets',
      access: 'tickets:write',
      summary: 'Create a request (from a call, a contact or on its own); a replayed clientId answers 200 with the first answer',
      body: TicketInput,
      handler: async (ctx) => {
        const out = await thenCheck(tickets.create(ctx.body as TicketInput, actor(ctx)));
        return out.replayed ? out.ticket : created(out.ticket);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/prefill',
      access: 'tickets:read',
      summary: "A new request's subject and description from its type's template, with the call's and contact's data",
      query: TicketPrefillQuery,
      handler: (ctx) => tickets.prefill(ctx.query as z.output<typeof TicketPrefillQuery>, actor(ctx)),
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/meta',
      access: 'tickets:read',
      summary: 'The statuses requests move through (names in az/en/ru, kinds, order) and the groups that execute them',
      handler: () => tickets.meta(),
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/assignees',
      access: 'tickets:read',
      summary: 'Users who may work requests (optionally of one group)',
      query: TicketAssigneesQuery,
      handler: (ctx) => tickets.assignees((ctx.query as z.output<typeof TicketAssigneesQuery>).group),
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/filters',
      access: 'tickets:read',
      summary: "The user's saved filters",
      handler: (ctx) => tickets.filters(actor(ctx).id),
    },
    {
      method: 'POST',
      path: '/api/v1/tickets/filters',
      access: 'tickets:read',
      summary: 'Save a filter under a name (the same name replaces it)',
      body: TicketFilterInput,
      handler: async (ctx) => created(await tickets.saveFilter(actor(ctx).id, ctx.body as z.output<typeof TicketFilterInput>)),
    },
    {
      method: 'DELETE',
      path: '/api/v1/tickets/filters/:id',
      access: 'tickets:read',
      summary: 'Remove a saved filter',
      handler: async (ctx) => {
        await tickets.removeFilter(actor(ctx).id, ctx.params.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/:id',
      access: 'tickets:read',
      summary: 'A request with its SLA clocks, allowed next statuses, history, attachments and the customer’s other requests',
      handler: (ctx) => tickets.page(ctx.params.id, actor(ctx)),
    },
    {
      method: 'PATCH',
      path: '/api/v1/tickets/:id',
      access: 'tickets:write',
      summary: "Change a request's content (checked against its type's form); `version` refuses overwriting a newer change",
      body: TicketPatch,
      handler: (ctx) => tickets.update(ctx.params.id, ctx.body as z.output<typeof TicketPatch>, actor(ctx)),
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/:id/history',
      access: 'tickets:read',
      summary: 'Every change of a request (who, when, before, after) and its comments',
      handler: (ctx) => tickets.history(ctx.params.id),
    },
    {
      method: 'POST',
      path: '/api/v1/tickets/:id/status',
      access: 'tickets:write',
      summary: 'Move a request to another status: only along the transitions its type allows, by those its type allows (409/403 otherwise)',
      body: TicketStatusChange,
      handler: (ctx) => thenCheck(tickets.changeStatus(ctx.params.id, ctx.body as z.output<typeof TicketStatusChange>, actor(ctx))),
    },
    {
      method: 'POST',
      path: '/api/v1/tickets/:id/assign',
      access: 'tickets:write',
      summary: 'Hand a request to a group and/or an executor',
      body: TicketAssign,
      handler: (ctx) => thenCheck(tickets.assign(ctx.params.id, ctx.body as z.output<typeof TicketAssign>, actor(ctx))),
    },
    {
      method: 'POST',
      path: '/api/v1/tickets/:id/comments',
      access: 'tickets:write',
      summary: 'Comment on a request (internal, or public for the customer); a replayed clientId answers 200',
      body: TicketCommentInput,
      handler: async (ctx) => {
        const out = await thenCheck(tickets.comment(ctx.params.id, ctx.body as z.output<typeof TicketCommentInput>, actor(ctx)));
        return out.replayed ? out.event : created(out.event);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/tickets/:id/escalate',
      access: 'tickets:write',
      summary: 'Escalate a request to the supervisors of its group (an alert until it closes)',
      body: TicketEscalate,
      handler: (ctx) => thenCheck(tickets.escalate(ctx.params.id, (ctx.body as z.output<typeof TicketEscalate>).note, actor(ctx))),
    },
    {
      method: 'POST',
      path: '/api/v1/tickets/:id/attachments',
      access: 'tickets:write',
      summary: `Attach a file (raw body, ?name=; PDF, PNG, JPEG, text, DOCX or XLSX up to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB)`,
      query: AttachmentUploadQuery,
      upload: { types: Object.keys(ATTACHMENT_TYPES) },
      maxBodyBytes: ATTACHMENT_MAX_BYTES,
      handler: async (ctx) => {
        const file = ctx.body as UploadBody;
        return created(await attachments.add(ctx.params.id, { name: (ctx.query as z.output<typeof AttachmentUploadQuery>).name, contentType: file.contentType, bytes: file.bytes }, actor(ctx)));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tickets/:id/attachments/:attachmentId',
      access: 'tickets:read',
      summary: 'Download an attachment',
      handler: async (ctx) => {
        const file = await attachments.read(ctx.params.id, ctx.params.attachmentId);
        const n = downloadName(file.attachment.name);
        return raw(file.attachment.contentType, file.body, {
          'Content-Length': String(file.size),
          'Content-Disposition': `attachment; filename="${n.ascii}"; filename*=UTF-8''${n.encoded}`,
        });
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/tickets/:id/attachments/:attachmentId',
      access: 'tickets:write',
      summary: 'Remove an attachment (its addition and removal stay in the history)',
      handler: async (ctx) => {
        await attachments.remove(ctx.params.id, ctx.params.attachmentId, actor(ctx));
        return noContent();
      },
    },
  ];
}

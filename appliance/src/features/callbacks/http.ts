import type { z } from 'zod';
import {
  AppError,
  CallbackAssign,
  CallbackCloseInput,
  CallbackOutcomeInput,
  CallbackSchedule,
  CallbacksQuery,
  CallbackStatsQuery,
  type SessionUser,
} from '@edgecall/contracts';
import { created, raw, requireAuth, type RequestContext, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf, type AuditRecorder } from '../../lib/audit.ts';
import { toCsv } from '../../lib/csv.ts';
import { XLSX_CONTENT_TYPE, type XlsxWriter } from '../../lib/xlsx.ts';
import { EXPORT_HEADER, exportRow } from './entry.ts';
import type { Callbacks } from './service.ts';

/** Exports take every matching row, up to this many. */
export const EXPORT_CAP = 50_000;

export interface CallbackHttpDeps {
  callbacks: Callbacks;
  audit: AuditRecorder;
  xlsx: XlsxWriter;
  /** The branch's day (default stats period). */
  today: () => { from: number; to: number };
  now: () => number;
}

const agentOf = (user: SessionUser) => {
  if (!user.agentNumber) throw new AppError('conflict', 'Your account has no agent number');
  return user.agentNumber;
};

/** Supervisors and admins working the list leave a trace in the audit log (DESIGN.md §7). */
const audited = (ctx: RequestContext) => requireAuth(ctx).user.kind !== 'operator';

export function callbackRoutes(d: CallbackHttpDeps): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/callbacks',
      access: 'calls:read',
      summary: 'The callback list (due ordered callbacks first, then newest); ?format=csv|xlsx exports',
      query: CallbacksQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof CallbacksQuery>;
        const agent = q.assigned === 'me' ? agentOf(requireAuth(ctx).user) : null;
        const exporting = q.format !== 'json';
        const page = await d.callbacks.list({ status: q.status, assigned: q.assigned, agent, number: q.number, offset: exporting ? 0 : q.offset, limit: exporting ? EXPORT_CAP : q.limit });
        if (!exporting) return page;
        const rows = page.items.map(exportRow);
        const name = `callbacks-${new Date(d.now()).toISOString().slice(0, 10)}`;
        if (q.format === 'csv') return raw('text/csv; charset=utf-8', toCsv(EXPORT_HEADER, rows), { 'Content-Disposition': `attachment; filename="${name}.csv"` });
        return raw(XLSX_CONTENT_TYPE, d.xlsx({ name: 'Callbacks', header: EXPORT_HEADER, rows }), { 'Content-Disposition': `attachment; filename="${name}.xlsx"` });
      },
    },
    // Before `/:id`, which would otherwise take "stats" for an id.
    {
      method: 'GET',
      path: '/api/v1/callbacks/stats',
      access: 'kpis:read',
      summary: 'Callback time and recovery rate of the missed calls of a period (default: today)',
      query: CallbackStatsQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof CallbackStatsQuery>;
        const today = d.today();
        const from = q.from ?? today.from;
        const to = q.to ?? (q.from === undefined ? today.to : from + 86_400_000);
        if (from >= to) throw new AppError('validation_failed', '`from` must be before `to`');
        if (to - from > 366 * 86_400_000) throw new AppError('validation_failed', 'a period is at most one year');
        return d.callbacks.stats(from, to);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/callbacks/:id',
      access: 'calls:read',
      summary: 'One callback entry with its attempts',
      handler: (ctx) => d.callbacks.get(ctx.params.id),
    },
    {
      method: 'POST',
      path: '/api/v1/callbacks',
      access: 'agent:operate',
      summary: 'Order a callback at a future time; it is mine, and I am reminded when it falls due',
      body: CallbackSchedule,
      handler: async (ctx) => {
        const agent = agentOf(requireAuth(ctx).user);
        return created(await d.callbacks.schedule(agent, ctx.body as z.output<typeof CallbackSchedule>));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/callbacks/:id/call',
      access: 'agent:operate',
      summary: 'Call the number back: my phone rings first; the attempt is recorded with its outcome',
      handler: async (ctx) => d.callbacks.call(ctx.params.id, agentOf(requireAuth(ctx).user)),
    },
    {
      method: 'POST',
      path: '/api/v1/callbacks/:id/outcome',
      access: 'agent:operate',
      summary: 'Note an attempt made outside the dialler, or its outcome; `reached` closes the entry',
      body: CallbackOutcomeInput,
      handler: async (ctx) => {
        const body = ctx.body as z.output<typeof CallbackOutcomeInput>;
        const user = requireAuth(ctx).user;
        const entry = await d.callbacks.noteOutcome(ctx.params.id, user.agentNumber ?? null, body);
        if (audited(ctx)) await d.audit.record({ ...actorOf(ctx), action: 'callback.outcome', targetType: 'callback', targetId: ctx.params.id, after: { outcome: body.outcome, note: body.note } });
        return entry;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/callbacks/:id/close',
      access: 'agent:operate',
      summary: 'Close an entry by hand (send {} or {note})',
      body: CallbackCloseInput,
      handler: async (ctx) => {
        const { before, after } = await d.callbacks.close(ctx.params.id, ctx.body as z.output<typeof CallbackCloseInput>);
        if (audited(ctx) && before.status === 'open') {
          await d.audit.record({ ...actorOf(ctx), action: 'callback.close', targetType: 'callback', targetId: ctx.params.id, before: { status: before.status }, after: { status: after.status, note: after.note } });
        }
        return after;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/callbacks/:id/assign',
      access: 'supervisor:intervene',
      summary: 'Give an entry to an agent (or {agent: null} to release it)',
      body: CallbackAssign,
      handler: async (ctx) => {
        const { agent } = ctx.body as z.output<typeof CallbackAssign>;
        const { before, after } = await d.callbacks.assign(ctx.params.id, agent);
        await d.audit.record({ ...actorOf(ctx), action: 'callback.assign', targetType: 'callback', targetId: ctx.params.id, before: { assignedAgent: before.assignedAgent }, after: { assignedAgent: after.assignedAgent } });
        return after;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/callbacks/:id/take',
      access: 'agent:operate',
      summary: 'Take an entry nobody holds',
      handler: async (ctx) => d.callbacks.take(ctx.params.id, agentOf(requireAuth(ctx).user)),
    },
  ];
}

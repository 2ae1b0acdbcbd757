import { z } from 'zod';
import { AcdSettings, AppError, type SessionUser } from '@edgecall/contracts';
import { requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf, type AuditRecorder } from '../../lib/audit.ts';
import { toCsv } from '../../lib/csv.ts';
import { raw } from '../../lib/http-route.ts';
import type { Acd } from './service.ts';
import type { AcdStore } from './ports.ts';
import type { AgentRuntime } from '../../core/acd/agents.ts';
import type { Supervision } from './supervision-service.ts';
import type { AgentCalls } from './agent-call-service.ts';
import type { Outbound } from './outbound-service.ts';
import type { Transfers } from './transfer-service.ts';
import type { Consults } from './consult-service.ts';
import type { QueueIntervention } from './queue-intervention.ts';

const PauseBody = z.strictObject({ reason: z.string().min(1).max(64) });
const ExtendBody = z.strictObject({ seconds: z.number().int().min(1).max(3600), reason: z.string().min(1).max(200) });
const LoginBody = z.strictObject({ agentNumber: z.string().regex(/^[0-9]{2,8}$/).optional() });
const CallsQuery = z.strictObject({
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
  number: z.string().max(32).optional(),
  agent: z.string().max(16).optional(),
  queue: z.string().max(32).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export interface AcdHttpDeps {
  acd: Acd;
  store: AcdStore;
  audit: AuditRecorder;
  queuesOfUser: (user: SessionUser) => string[];
  applySettings: (s: AcdSettings) => Promise<void>;
  currentSettings: () => AcdSettings;
  now: () => number;
  supervision: Supervision | null;
  agentCalls: AgentCalls | null;
  outbound: Outbound | null;
  transfers: Transfers | null;
  consults: Consults | null;
  /** Give a waiting call to an agent, end a call (flash panel interventions). */
  interventions: QueueIntervention;
  /** Refuses a pause reason that is not on offer (the admin's list and the system reasons); absent: any reason. */
  checkPauseReason?: (reason: string) => Promise<void>;
}

const GiveBody = z.strictObject({ agent: z.string().regex(/^[0-9]{2,8}$/) });
const ConsultBody = z.strictObject({ agent: z.string().regex(/^[0-9]{2,8}$/) });

const TransferBody = z.union([
  z.strictObject({ queue: z.string().min(1).max(32) }),
  z.strictObject({ agent: z.string().regex(/^[0-9]{2,8}$/) }),
  z.strictObject({ number: z.string().regex(/^\+?[0-9]{2,20}$/, 'digits, optionally with a leading +') }),
]);

const DialBody = z.strictObject({ number: z.string().regex(/^\+?[0-9]{2,20}$/, 'digits, optionally with a leading +') });

const MonitorBody = z.strictObject({
  mode: z.enum(['listen', 'whisper', 'barge']),
  /** The supervisor's phone number (dialled with the agent dial template). */
  phone: z.string().regex(/^[0-9]{2,15}$/),
});

const view = (a: AgentRuntime) => ({ ...a, since: new Date(a.since).toISOString() });

function pbx<T>(part: T | null): T {
  if (!part) throw new AppError('service_unavailable', 'No PBX is connected');
  return part;
}

export function acdRoutes(d: AcdHttpDeps): RouteSpec[] {
  const me = (user: SessionUser) => {
    if (!user.agentNumber) throw new AppError('conflict', 'Your account has no agent number');
    return user.agentNumber;
  };
  const agentRoute = (path: string, summary: string, run: (agent: string, body: any) => unknown, body?: z.ZodType): RouteSpec => ({
    method: 'POST',
    path: `/api/v1/agent/${path}`,
    access: 'agent:operate',
    summary,
    body,
    handler: async (ctx) => {
      const agent = me(requireAuth(ctx).user);
      const result = await run(agent, ctx.body);
      return result ?? view(d.acd.agents.get(agent)!);
    },
  });
  const superviseRoute = (path: string, summary: string, run: (agent: string, body: any) => unknown, body?: z.ZodType): RouteSpec => ({
    method: 'POST',
    path: `/api/v1/supervisor/agents/:agent/${path}`,
    access: 'supervisor:intervene',
    summary,
    body,
    handler: async (ctx) => {
      const agent = ctx.params.agent;
      const before = d.acd.agents.get(agent);
      if (!before) throw new AppError('not_found', `Agent ${agent} is not known`);
      await run(agent, ctx.body);
      const after = d.acd.agents.get(agent)!;
      await d.audit.record({ ...actorOf(ctx), action: `supervisor.${path}`, targetType: 'agent', targetId: agent, before: view(before), after: view(after) });
      return view(after);
    },
  });

  return [
    {
      method: 'GET',
      path: '/api/v1/agent/me',
      access: 'agent:operate',
      summary: 'My agent state',
      handler: (ctx) => {
        const a = d.acd.agents.get(me(requireAuth(ctx).user));
        return a ? view(a) : { agent: requireAuth(ctx).user.agentNumber, state: 'logged_out' };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/agent/login',
      access: 'agent:operate',
      summary: 'Log in to the queues of my groups with my agent number',
      body: LoginBody,
      handler: (ctx) => {
        const user = requireAuth(ctx).user;
        const agent = me(user);
        const asked = (ctx.body as z.output<typeof LoginBody>).agentNumber;
        if (asked && asked !== agent) throw new AppError('forbidden', `Agent number ${asked} is not yours`);
        d.acd.newAgentIfMissing(agent, user.id);
        return view(d.acd.agentAction(agent, { type: 'login', queues: d.queuesOfUser(user) }));
      },
    },
    agentRoute('logout', 'Log out of the queues', (a) => d.acd.agentAction(a, { type: 'logout' })),
    agentRoute('ready', 'Ready for calls', (a) => d.acd.agentAction(a, { type: 'ready' })),
    agentRoute('pause', 'Pause with a reason of the pause menu', async (a, b) => {
      await d.checkPauseReason?.(b.reason);
      return d.acd.agentAction(a, { type: 'pause', reason: b.reason });
    }, PauseBody),
    agentRoute('acw/end', 'End after-call work early', (a) => d.acd.agentAction(a, { type: 'acw_end' })),
    agentRoute('acw/extend', 'Extend after-call work with a reason', (a, b) => d.acd.agentAction(a, { type: 'acw_extend', ms: b.seconds * 1000, reason: b.reason }), ExtendBody),
    agentRoute('hold', 'Put my call on hold', (a) => pbx(d.agentCalls).hold(a)),
    agentRoute('unhold', 'Take my call off hold', (a) => pbx(d.agentCalls).unhold(a)),
    agentRoute('hangup', 'Hang up my call', (a) => pbx(d.agentCalls).hangupBy(a)),
    agentRoute('transfer', 'Blind transfer of my call to a queue or an agent', (a, b) => pbx(d.transfers).blind(a, b), TransferBody),
    agentRoute('consult', 'Attended transfer: hold the caller and ring a colleague', (a, b) => pbx(d.consults).start(a, b.agent), ConsultBody),
    agentRoute('consult/complete', 'Attended transfer: hand the caller to the colleague', (a) => pbx(d.consults).complete(a)),
    agentRoute('consult/cancel', 'Attended transfer: back to the caller', (a) => pbx(d.consults).cancel(a)),
    agentRoute('dial', 'Call a number: my phone rings first, then the customer', (a, b) => pbx(d.outbound).dial(a, b.number), DialBody),
    {
      method: 'POST',
      path: '/api/v1/calls/:id/callback',
      access: 'agent:operate',
      summary: 'Call back the number of a call (a missed call)',
      handler: async (ctx) => {
        const agent = me(requireAuth(ctx).user);
        const call = await d.store.journey(ctx.params.id);
        if (!call) throw new AppError('not_found', 'No such call');
        if (!/^\+?[0-9]{2,20}$/.test(call.number)) throw new AppError('conflict', 'That caller left no number to call back');
        return pbx(d.outbound).dial(agent, call.number);
      },
    },
    superviseRoute('pause', 'Force an agent into pause with a reason of the pause menu', async (a, b) => {
      await d.checkPauseReason?.(b.reason);
      return d.acd.agentAction(a, { type: 'pause', reason: b.reason });
    }, PauseBody),
    superviseRoute('ready', 'Force an agent ready', (a) => d.acd.agentAction(a, { type: 'ready' })),
    superviseRoute('logout', 'Force an agent out', (a) => d.acd.agentAction(a, { type: 'logout' })),
    {
      method: 'GET',
      path: '/api/v1/calls/live',
      access: 'supervisor:monitor',
      summary: 'Calls in progress: in the IVR, queued, ringing, talking, on hold',
      handler: () => ({
        items: [...d.acd.calls.values()].map((c) => ({
          id: c.summary.id,
          number: c.summary.number,
          stage: c.summary.stage,
          queue: c.summary.queue,
          agent: c.summary.agent,
          onHold: c.onHold,
          arrivedAt: new Date(c.summary.arrivedAt).toISOString(),
          queuedAt: c.queuedAt === null ? null : new Date(c.queuedAt).toISOString(),
          answeredAt: c.summary.answeredAt === null ? null : new Date(c.summary.answeredAt).toISOString(),
        })),
        monitoring: d.supervision?.list() ?? [],
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/supervisor/calls/:id/monitor',
      access: 'supervisor:intervene',
      summary: 'Listen to, whisper to, or barge into a live call from a phone',
      body: MonitorBody,
      handler: async (ctx) => {
        if (!d.supervision) throw new AppError('service_unavailable', 'No PBX is connected');
        const b = ctx.body as z.output<typeof MonitorBody>;
        const result = await d.supervision.start(ctx.params.id, b.mode, requireAuth(ctx).user.username, b.phone);
        await d.audit.record({ ...actorOf(ctx), action: `supervisor.${b.mode}`, targetType: 'call', targetId: ctx.params.id, after: { phone: b.phone, session: result.session } });
        return result;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/supervisor/calls/:id/give',
      access: 'supervisor:intervene',
      summary: 'Ring a chosen ready agent for a waiting call, ahead of the routing strategy',
      body: GiveBody,
      handler: async (ctx) => {
        const { agent } = ctx.body as z.output<typeof GiveBody>;
        const result = d.interventions.giveTo(ctx.params.id, agent);
        await d.audit.record({ ...actorOf(ctx), action: 'supervisor.give_call', targetType: 'call', targetId: ctx.params.id, after: result });
        return result;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/supervisor/calls/:id/hangup',
      access: 'supervisor:intervene',
      summary: 'End a live call (waiting or talking)',
      handler: async (ctx) => {
        const before = d.acd.calls.get(ctx.params.id)?.summary;
        const result = d.interventions.hangup(ctx.params.id);
        await d.audit.record({ ...actorOf(ctx), action: 'supervisor.hangup', targetType: 'call', targetId: ctx.params.id, before: before ? { ...before } : null });
        return result;
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/supervisor/monitor/:session',
      access: 'supervisor:intervene',
      summary: 'Stop listening, whispering or barging',
      handler: async (ctx) => {
        if (!d.supervision) throw new AppError('service_unavailable', 'No PBX is connected');
        d.supervision.stop(ctx.params.session);
        await d.audit.record({ ...actorOf(ctx), action: 'supervisor.monitor_stop', targetType: 'monitor', targetId: ctx.params.session });
        return { status: 204, json: undefined };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/agents',
      access: 'supervisor:monitor',
      summary: 'Every known agent and its state',
      handler: () => ({ items: [...d.acd.agents.values()].map(view) }),
    },
    {
      method: 'GET',
      path: '/api/v1/calls',
      access: 'calls:read',
      summary: 'Call journeys with their events (CDR); ?format=csv exports',
      query: CallsQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof CallsQuery>;
        const to = q.to ?? d.now() + 1;
        const from = q.from ?? to - 86_400_000;
        if (from >= to) throw new AppError('validation_failed', '`from` must be before `to`');
        const page = await d.store.journeys({ from, to, limit: q.limit, offset: q.offset, number: q.number, agent: q.agent, queue: q.queue, direction: q.direction });
        if (q.format === 'csv') {
          const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
          return raw(
            'text/csv; charset=utf-8',
            toCsv(
              ['id', 'direction', 'number', 'did', 'queue', 'agent', 'arrived', 'answered', 'ended', 'cause', 'recording'],
              page.items.map((c) => [c.id, c.direction, c.number, c.did, c.queue, c.agent, iso(c.arrivedAt), iso(c.answeredAt), iso(c.endedAt), c.cause, c.recording]),
            ),
            { 'Content-Disposition': 'attachment; filename="calls.csv"' },
          );
        }
        return { ...page, from, to };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/calls/:id',
      access: 'calls:read',
      summary: 'One call journey',
      handler: async (ctx) => {
        const j = await d.store.journey(ctx.params.id);
        if (!j) throw new AppError('not_found', 'No such call');
        return j;
      },
    },
    {
      method: 'GET',
      path: '/api/v1/settings/acd',
      access: 'settings:manage',
      summary: 'Queues, IVR menus, entries and working hours',
      handler: () => d.currentSettings(),
    },
    {
      method: 'PUT',
      path: '/api/v1/settings/acd',
      access: 'settings:manage',
      summary: 'Replace the ACD settings; takes effect for the next decision',
      body: AcdSettings,
      maxBodyBytes: 256 * 1024,
      handler: async (ctx) => {
        const before = d.currentSettings();
        await d.applySettings(ctx.body as AcdSettings);
        await d.audit.record({ ...actorOf(ctx), action: 'settings.acd', targetType: 'settings', targetId: 'acd', before, after: ctx.body });
        return d.currentSettings();
      },
    },
  ];
}

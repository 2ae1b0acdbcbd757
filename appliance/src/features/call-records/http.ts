import { z } from 'zod';
import { CallRecordInput, RECORD_ID } from '@edgecall/contracts';
import { created, requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import { toWire, type CallRecords } from './service.ts';

const CallRecordsQuery = z.strictObject({
  callId: z.string().min(1).max(64).optional(),
  number: z.string().trim().max(40).optional(),
  contactId: RECORD_ID.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function callRecordRoutes(records: CallRecords): RouteSpec[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/call-records',
      access: 'agent:operate',
      summary: 'Register a call from the call-handling window (replays of one deviceId:seq apply once)',
      body: CallRecordInput,
      handler: async (ctx) => {
        const { user } = requireAuth(ctx);
        const { record, replayed } = await records.register(ctx.body as z.output<typeof CallRecordInput>, { userId: user.id, agent: user.agentNumber ?? null });
        // 200 for a replay: the outbox learns its mutation had already landed.
        return replayed ? toWire(record) : created(toWire(record));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/call-records',
      access: 'calls:read',
      summary: 'Call records by call, number or contact, newest first',
      query: CallRecordsQuery,
      handler: async (ctx) => {
        const page = await records.list(ctx.query as z.output<typeof CallRecordsQuery>);
        return { items: page.items.map(toWire), total: page.total };
      },
    },
  ];
}

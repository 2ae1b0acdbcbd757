import type { z } from 'zod';
import { AppError, CallListQuery, type CallListItem } from '@edgecall/contracts';
import { raw, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf, type AuditRecorder } from '../../lib/audit.ts';
import { toCsv } from '../../lib/csv.ts';
import { XLSX_CONTENT_TYPE, type XlsxWriter } from '../../lib/xlsx.ts';
import type { CallLists } from './service.ts';

/** Exports take every matching call, up to this many. */
export const EXPORT_CAP = 50_000;

export const CALL_LIST_HEADER = [
  'callId',
  'direction',
  'number',
  'contact',
  'queue',
  'agent',
  'arrivedAt',
  'answeredAt',
  'endedAt',
  'cause',
  'waitSeconds',
  'talkSeconds',
  'requestType',
  'classification',
  'subClassification',
  'note',
  'hasRecording',
];

export function callListRow(c: CallListItem): (string | number | boolean | null)[] {
  return [
    c.callId,
    c.direction,
    c.number,
    c.contact?.name ?? null,
    c.queue,
    c.agent,
    c.arrivedAt,
    c.answeredAt,
    c.endedAt,
    c.cause,
    c.waitSeconds,
    c.talkSeconds,
    c.record?.requestType ?? null,
    c.record?.classification ?? null,
    c.record?.subClassification ?? null,
    c.record?.note ?? null,
    c.hasRecording,
  ];
}

export function callListRoutes(d: { lists: CallLists; xlsx: XlsxWriter; audit: AuditRecorder }): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/call-lists/:kind',
      access: 'calls:read',
      summary: 'Missed, incoming, outgoing or all calls of a period (default: the last 24 h); ?format=csv|xlsx exports',
      query: CallListQuery,
      handler: async (ctx) => {
        const kind = ctx.params.kind;
        if (!d.lists.isKind(kind)) throw new AppError('not_found', `No call list ${kind}; there are ${d.lists.kinds.join(', ')}`);
        const q = ctx.query as z.output<typeof CallListQuery>;
        if (q.format === 'json') return d.lists.list(kind, q);
        const { items, period } = await d.lists.all(kind, q, EXPORT_CAP);
        const rows = items.map(callListRow);
        const day = (t: number) => new Date(t).toISOString().slice(0, 10);
        const name = `calls-${kind}-${day(period.from)}_${day(period.to - 1)}`;
        if (q.format === 'csv') return raw('text/csv; charset=utf-8', toCsv(CALL_LIST_HEADER, rows), { 'Content-Disposition': `attachment; filename="${name}.csv"` });
        return raw(XLSX_CONTENT_TYPE, d.xlsx({ name: `Calls ${kind}`, header: CALL_LIST_HEADER, rows }), { 'Content-Disposition': `attachment; filename="${name}.xlsx"` });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/calls/:id/recording',
      access: 'recordings:listen',
      summary: "The call's recording (audio/wav), streamed from the PBX",
      handler: async (ctx) => {
        const file = await d.lists.recording(ctx.params.id);
        // Who listened to which call is part of the record (DESIGN.md §7: recordings only to permitted roles).
        await d.audit.record({ ...actorOf(ctx), action: 'recording.listen', targetType: 'call', targetId: ctx.params.id, after: { recording: file.name } });
        const type = /wav/i.test(file.contentType) ? 'audio/wav' : file.contentType;
        return raw(type, file.body, {
          'Content-Disposition': `inline; filename="${file.name.replace(/[^A-Za-z0-9._-]/g, '_')}.wav"`,
          ...(file.length !== null ? { 'Content-Length': String(file.length) } : {}),
        });
      },
    },
  ];
}

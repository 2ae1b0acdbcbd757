/**
 * Words for requests (tickets): status names from the lifecycle the admin
 * keeps (in the user's language, Azerbaijani when one is missing), channels,
 * working time, and a history entry as a sentence.
 */
import type { MessageKey, Translator } from './translator.ts';

/** A status as /api/v1/tickets/meta lists it. */
export interface StatusName {
  code: string;
  name: { az: string; en?: string; ru?: string };
  kind?: string;
}

export function statusLabel(t: Translator, statuses: readonly StatusName[] | null | undefined, code: string): string {
  const s = statuses?.find((x) => x.code === code);
  return s ? s.name[t.locale] || s.name.az : code;
}

export function channelLabel(t: Translator, channel: string): string {
  const key = `tickets.channel.${channel}`;
  return t.has(key) ? t.t(key as MessageKey) : channel;
}

/** Working time as hours and minutes ("6 saat 30 dəq"); under an hour, minutes only. */
export function workingTime(t: Translator, ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? t.t('tickets.sla.hm', { hours: h, minutes: m }) : t.t('tickets.sla.m', { minutes: m });
}

type Names = (id: string | null | undefined) => string;

function describeValue(t: Translator, key: string, v: unknown, names: Names, statuses: readonly StatusName[] | null): string {
  if (v === null || v === undefined || v === '') return t.t('common.none');
  if (key === 'status') return statusLabel(t, statuses, String(v));
  if (/Id$/.test(key) && typeof v === 'string') return names(v);
  if (key === 'fields' && typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join(', ');
  if (typeof v === 'boolean') return v ? t.t('common.yes') : t.t('tickets.no');
  return String(v);
}

/** The fields an entry changed, as "field: before → after". */
export function changeLines(
  t: Translator,
  data: { before?: Record<string, unknown>; after?: Record<string, unknown> },
  names: Names,
  statuses: readonly StatusName[] | null,
): string[] {
  const keys = [...new Set([...Object.keys(data.before ?? {}), ...Object.keys(data.after ?? {})])].filter((k) => k !== 'assigneeId' || !('assigneeName' in (data.after ?? {})));
  return keys.map((k) => {
    const label = t.has(`tickets.field.${k}`) ? t.t(`tickets.field.${k}` as MessageKey) : k;
    const b = data.before && k in data.before ? describeValue(t, k, data.before[k], names, statuses) : null;
    const a = data.after && k in data.after ? describeValue(t, k, data.after[k], names, statuses) : null;
    return b !== null && a !== null ? `${label}: ${b} → ${a}` : `${label}: ${a ?? b}`;
  });
}

import { phoneKey, type CallbackEntry } from '@edgecall/contracts';
import type { AttemptRow, EntryRow } from './ports.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * The key a caller is matched on, or null for a number nobody can call back
 * (anonymous, withheld, a trunk's placeholder).
 */
export function callableKey(number: string | null | undefined): string | null {
  if (!number || !/^\+?[0-9\s().-]{3,40}$/.test(number)) return null;
  const key = phoneKey(number);
  return key.length >= 3 ? key : null;
}

export function toWire(e: EntryRow, attempts: readonly AttemptRow[]): CallbackEntry {
  return {
    id: e.id,
    number: e.number,
    status: e.status,
    kind: e.kind,
    queue: e.queue,
    missedCount: e.missedCount,
    callIds: e.callIds,
    firstMissedAt: iso(e.firstMissedAt),
    lastMissedAt: iso(e.lastMissedAt),
    scheduledFor: iso(e.scheduledFor),
    assignedAgent: e.assignedAgent,
    attempts: attempts.filter((a) => a.entryId === e.id).map((a) => ({ at: new Date(a.at).toISOString(), agent: a.agent, callId: a.callId, outcome: a.outcome, note: a.note })),
    contactId: e.contactId,
    note: e.note,
    closedAt: iso(e.closedAt),
    closeReason: e.closeReason,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}

export const EXPORT_HEADER = [
  'id',
  'number',
  'status',
  'kind',
  'queue',
  'missedCount',
  'firstMissedAt',
  'lastMissedAt',
  'scheduledFor',
  'assignedAgent',
  'attempts',
  'lastOutcome',
  'note',
  'closedAt',
  'closeReason',
  'createdAt',
];

export function exportRow(e: CallbackEntry): (string | number | null)[] {
  const last = e.attempts.at(-1);
  return [e.id, e.number, e.status, e.kind, e.queue, e.missedCount, e.firstMissedAt, e.lastMissedAt, e.scheduledFor, e.assignedAgent, e.attempts.length, last?.outcome ?? null, e.note, e.closedAt, e.closeReason, e.createdAt];
}

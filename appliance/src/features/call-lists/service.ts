import {
  AppError,
  CALL_LIST_KINDS,
  kpiSettingsFromQueues,
  missedCallsFrom,
  phoneKey,
  summarizeCall,
  type AcdQueueKpiFields,
  type CallListItem,
} from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';
import { isTelephonyError } from '../../core/telephony.ts';
import type { CallListLookups, StoredCall, StoredRecordingOf } from './ports.ts';

export type CallListKind = (typeof CALL_LIST_KINDS)[number];

export interface CallListFilter {
  from?: number;
  to?: number;
  number?: string;
  queue?: string;
  agent?: string;
  requestTypeId?: string;
  classificationId?: string;
  contact?: string;
  offset: number;
  limit: number;
}

export interface CallListDeps {
  clock: Clock;
  /** Stored calls that arrived in [from, to). */
  calls: (from: number, to: number) => Promise<StoredCall[]>;
  lookups: CallListLookups;
  queues: () => readonly AcdQueueKpiFields[];
  /** A call's recording name, from the ACD's store. */
  recordingOf: (callId: string) => Promise<{ recording: string | null } | null>;
  /** Null without a PBX. */
  storedRecording: StoredRecordingOf | null;
}

const DAY = 86_400_000;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Agents who handled a call: those who answered it, and the one who placed it (outbound). */
function handlers(c: StoredCall): Set<string> {
  const out = new Set<string>();
  for (const e of c.events) {
    if (e.type === 'answered') out.add(e.agent);
    if (e.type === 'arrived' && e.agent) out.add(e.agent);
  }
  if (c.agent) out.add(c.agent);
  return out;
}

function queuesOf(c: StoredCall): Set<string> {
  const out = new Set<string>(c.queue ? [c.queue] : []);
  for (const e of c.events) {
    if (e.type === 'queued') out.add(e.queue);
    if (e.type === 'ended' && e.queue) out.add(e.queue);
  }
  return out;
}

/**
 * The operator panel's call lists: missed (KPIS.md's definition, judged by
 * the contracts' engine over the period's journeys), incoming, outgoing and
 * all, filtered, paged newest first, and exported whole.
 */
export function createCallLists(deps: CallListDeps) {
  const { clock, lookups } = deps;

  function period(f: CallListFilter) {
    const to = f.to ?? clock.now() + 1;
    const from = f.from ?? to - DAY;
    if (from >= to) throw new AppError('validation_failed', '`from` must be before `to`');
    if (to - from > 366 * DAY) throw new AppError('validation_failed', 'a period is at most one year');
    return { from, to };
  }

  /** Every call of the list and filter, newest first. */
  async function select(kind: CallListKind, f: CallListFilter, p: { from: number; to: number }) {
    const now = clock.now();
    const settings = kpiSettingsFromQueues(deps.queues());
    let calls = await deps.calls(p.from, p.to);
    if (kind === 'missed') {
      const journeys = calls.map((c) => ({ callId: c.id, direction: c.direction, events: c.events }));
      const missed = new Set(missedCallsFrom(journeys, { ...settings, ...p, now }).map((m) => m.callId));
      calls = calls.filter((c) => missed.has(c.id));
    } else if (kind === 'incoming') calls = calls.filter((c) => c.direction === 'inbound');
    else if (kind === 'outgoing') calls = calls.filter((c) => c.direction === 'outbound');

    if (f.number !== undefined) {
      const key = phoneKey(f.number);
      if (!key) throw new AppError('validation_failed', 'number: give some digits of the number');
      calls = calls.filter((c) => phoneKey(c.number).includes(key));
    }
    if (f.queue) calls = calls.filter((c) => queuesOf(c).has(f.queue!));
    if (f.agent) calls = calls.filter((c) => handlers(c).has(f.agent!));
    if (f.requestTypeId || f.classificationId) {
      const withRecord = await lookups.callIdsWithRecord({ requestTypeId: f.requestTypeId, classificationId: f.classificationId });
      calls = calls.filter((c) => withRecord.has(c.id));
    }
    if (f.contact) {
      const keys = await lookups.keysOfContactsNamed(f.contact);
      calls = calls.filter((c) => keys.has(phoneKey(c.number)));
    }
    calls.sort((a, b) => b.arrivedAt - a.arrivedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return { calls, settings, now };
  }

  async function items(calls: StoredCall[], settings: ReturnType<typeof kpiSettingsFromQueues>, now: number): Promise<CallListItem[]> {
    const contacts = await lookups.contactsByKeys(calls.map((c) => phoneKey(c.number)).filter(Boolean));
    const records = await lookups.latestRecords(calls.map((c) => c.id));
    return calls.map((c) => {
      const s = summarizeCall({ callId: c.id, direction: c.direction, events: c.events }, settings, now);
      return {
        callId: c.id,
        direction: c.direction,
        number: c.number,
        queue: c.queue,
        agent: c.agent,
        arrivedAt: new Date(c.arrivedAt).toISOString(),
        answeredAt: iso(c.answeredAt),
        endedAt: iso(c.endedAt),
        cause: c.cause,
        waitSeconds: c.direction === 'inbound' && s.stints.some((st) => st.queue !== null) ? s.wait : null,
        talkSeconds: s.talk,
        hasRecording: c.recording !== null,
        contact: contacts.get(phoneKey(c.number)) ?? null,
        record: records.get(c.id) ?? null,
      };
    });
  }

  return {
    kinds: CALL_LIST_KINDS,
    isKind: (k: string): k is CallListKind => (CALL_LIST_KINDS as readonly string[]).includes(k),
    async list(kind: CallListKind, f: CallListFilter) {
      const p = period(f);
      const { calls, settings, now } = await select(kind, f, p);
      return { items: await items(calls.slice(f.offset, f.offset + f.limit), settings, now), total: calls.length, from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() };
    },
    /** The whole filtered list for an export, at most `cap` rows. */
    async all(kind: CallListKind, f: CallListFilter, cap: number) {
      const p = period(f);
      const { calls, settings, now } = await select(kind, f, p);
      return { items: await items(calls.slice(0, cap), settings, now), total: calls.length, period: p };
    },
    /** The call's recording as the PBX stored it. */
    async recording(callId: string) {
      const call = await deps.recordingOf(callId);
      if (!call) throw new AppError('not_found', 'No such call');
      if (!call.recording) throw new AppError('not_found', 'This call has no recording');
      if (!deps.storedRecording) throw new AppError('service_unavailable', 'No PBX is connected');
      const file = await deps.storedRecording(call.recording).catch((err: unknown) => {
        if (isTelephonyError(err) && err.status === 404) return null;
        throw new AppError('service_unavailable', `The PBX did not hand over the recording: ${isTelephonyError(err) ? err.message : String(err)}`);
      });
      if (!file) throw new AppError('not_found', 'The PBX has no recording for this call');
      return { name: call.recording, ...file };
    },
  };
}

export type CallLists = ReturnType<typeof createCallLists>;

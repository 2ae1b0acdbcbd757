import { AppError, phoneKey, type CallRecord, type CallRecordInput } from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';

/** A record as stored: times in epoch ms. */
export interface StoredCallRecord extends Omit<CallRecord, 'createdAt'> {
  createdAt: number;
  numberKey: string | null;
}

export interface CallRecordQuery {
  callId?: string;
  number?: string;
  contactId?: string;
  offset: number;
  limit: number;
}

export interface CallRecordStore {
  /** The answer already given to this outbox mutation, if it was applied. */
  replayed(clientId: string): Promise<StoredCallRecord | null>;
  /** Inserts the record (and its sync outbox row) once per client id; a racing duplicate gets the first answer. */
  insert(record: StoredCallRecord): Promise<{ record: StoredCallRecord; replayed: boolean }>;
  list(q: CallRecordQuery): Promise<{ items: StoredCallRecord[]; total: number }>;
}

export interface CallRecordDeps {
  store: CallRecordStore;
  clock: Clock;
  ids: () => string;
  /** Throws validation_failed when the classification, location or fields do not fit the request type (features/reference). */
  checkReference: (input: Pick<CallRecordInput, 'requestTypeId' | 'classificationId' | 'subClassificationId' | 'cityId' | 'districtId' | 'fields'>) => Promise<void>;
  contactExists: (id: string) => Promise<boolean>;
  /** The caller's number of a call, or undefined when there is no such call. */
  callNumber: (callId: string) => Promise<string | undefined>;
}

/**
 * The call-handling window's save: what the agent registered about a call
 * (request type → classification → sub-classification, place, note, the
 * type's fields). A save from the PWA's offline outbox carries its
 * `deviceId:seq` and is applied exactly once; a replay gets the first answer
 * even if the reference lists changed in between.
 */
export function createCallRecords(deps: CallRecordDeps) {
  async function register(input: CallRecordInput, actor: { userId: string; agent: string | null }) {
    if (input.clientId) {
      const earlier = await deps.store.replayed(input.clientId);
      if (earlier) return { record: earlier, replayed: true };
    }
    const problems: { field: string; message: string }[] = [];
    let number = input.number;
    if (input.callId !== null) {
      const callNumber = await deps.callNumber(input.callId);
      if (callNumber === undefined) problems.push({ field: 'callId', message: 'No such call' });
      else number ??= callNumber || null;
    }
    if (input.contactId !== null && !(await deps.contactExists(input.contactId))) problems.push({ field: 'contactId', message: 'No such contact' });
    if (problems.length) throw new AppError('validation_failed', problems.map((p) => p.message).join('; '), problems);
    await deps.checkReference(input);
    const record: StoredCallRecord = {
      id: deps.ids(),
      clientId: input.clientId ?? null,
      callId: input.callId,
      number,
      numberKey: number ? phoneKey(number) : null,
      contactId: input.contactId,
      requestTypeId: input.requestTypeId,
      classificationId: input.classificationId,
      subClassificationId: input.subClassificationId,
      cityId: input.cityId,
      districtId: input.districtId,
      note: input.note,
      fields: input.fields,
      agent: actor.agent,
      userId: actor.userId,
      createdAt: deps.clock.now(),
    };
    return deps.store.insert(record);
  }

  return {
    register,
    list: (q: CallRecordQuery) => deps.store.list({ ...q, number: q.number ? phoneKey(q.number) : undefined }),
  };
}

export type CallRecords = ReturnType<typeof createCallRecords>;

export function toWire(r: StoredCallRecord): CallRecord {
  const { numberKey: _key, ...rest } = r;
  return { ...rest, createdAt: new Date(r.createdAt).toISOString() };
}

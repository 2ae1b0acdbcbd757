import type { CallDirection, JourneyEvent } from '@edgecall/contracts';
import type { StoredRecording } from '../../core/telephony.ts';

/** The Telephony port's stored-recording read. */
export type StoredRecordingOf = (name: string) => Promise<StoredRecording | null>;

/** A stored call as the ACD keeps it (summary row and journey), handed over by main.ts. */
export interface StoredCall {
  id: string;
  direction: CallDirection;
  number: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  cause: string | null;
  recording: string | null;
  events: JourneyEvent[];
}

export interface CallRecordRef {
  id: string;
  requestType: string;
  classification: string;
  subClassification: string | null;
  note: string;
}

/**
 * What the call lists read from the other operator-panel tables (contacts,
 * call records). Their owners' migrations may not have run yet: each lookup
 * answers "nothing" until the table exists.
 */
export interface CallListLookups {
  /** Contact per phoneKey (the first by name when several share a number). */
  contactsByKeys(keys: string[]): Promise<Map<string, { id: string; name: string }>>;
  /** phoneKeys of contacts whose name contains `text`. */
  keysOfContactsNamed(text: string): Promise<Set<string>>;
  /** The latest call record of each call. */
  latestRecords(callIds: string[]): Promise<Map<string, CallRecordRef>>;
  /** Calls with a record of this request type and/or (sub-)classification. */
  callIdsWithRecord(filter: { requestTypeId?: string; classificationId?: string }): Promise<Set<string>>;
}

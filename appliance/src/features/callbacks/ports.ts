import type { CallbackAttempt, CallbackEntry, CallbackOutcome, CallDirection, CallJourney, JourneyEvent } from '@edgecall/contracts';

/** An entry as stored; times are epoch ms (the wire shape, CallbackEntry, has ISO strings). */
export interface EntryRow {
  id: string;
  number: string;
  numberKey: string;
  status: CallbackEntry['status'];
  kind: CallbackEntry['kind'];
  queue: string | null;
  missedCount: number;
  callIds: string[];
  firstMissedAt: number | null;
  lastMissedAt: number | null;
  scheduledFor: number | null;
  dueNotifiedAt: number | null;
  assignedAgent: string | null;
  assignedAt: number | null;
  contactId: string | null;
  note: string;
  closedAt: number | null;
  closeReason: CallbackEntry['closeReason'];
  createdAt: number;
  updatedAt: number;
}

export interface AttemptRow {
  entryId: string;
  at: number;
  agent: string | null;
  callId: string | null;
  outcome: CallbackAttempt['outcome'];
  note: string;
}

/** A missed or requested call joining the list. */
export interface MissedInput {
  callId: string;
  number: string;
  kind: 'missed' | 'requested';
  queue: string | null;
  at: number;
}

export interface ListFilter {
  status: 'open' | 'closed' | 'all';
  assigned: 'me' | 'unassigned' | 'any';
  agent: string | null;
  /** phoneKey digits the entry's key contains. */
  numberKey?: string;
  offset: number;
  limit: number;
  now: number;
}

/** Storage operations of one transaction (or of plain reads). */
export interface CallbackQueries {
  get(id: string): Promise<EntryRow | null>;
  openByKey(numberKey: string): Promise<EntryRow | null>;
  insert(row: EntryRow): Promise<void>;
  update(id: string, patch: Partial<Omit<EntryRow, 'id'>>): Promise<void>;
  /** Assigns only an open entry nobody holds; false when someone was faster. */
  assignIfFree(id: string, agent: string, now: number): Promise<boolean>;
  addAttempt(a: AttemptRow): Promise<boolean>;
  /** Sets the outcome of the attempt of an outbound call still `pending`; its entry id, or null. */
  settleAttempt(callId: string, outcome: CallbackOutcome): Promise<string | null>;
  attempts(entryIds: string[]): Promise<AttemptRow[]>;
  list(filter: ListFilter): Promise<{ items: EntryRow[]; total: number }>;
  /** Open entries nobody holds, oldest first (scheduled ones only once due). */
  unassigned(now: number, limit: number): Promise<EntryRow[]>;
  /** Open entries per assigned agent. */
  openLoad(): Promise<Map<string, number>>;
  nextDue(): Promise<number | null>;
  dueUnnotified(now: number): Promise<EntryRow[]>;
  /** Call ids already on any entry updated since `since` (boot catch-up). */
  callIdsSince(since: number): Promise<Set<string>>;
  /** The contact owning a number, when the contacts feature's tables exist. */
  contactOf(numberKey: string): Promise<string | null>;
}

/**
 * Runs `write` in one SQLite transaction, exactly once per client id
 * (adapters/db/client-mutations.ts applyOnce, wired in main.ts).
 */
export type Transact = <T>(clientId: string | null | undefined, now: number, write: (q: CallbackQueries) => Promise<T>) => Promise<{ result: T; replayed: boolean }>;

export interface CallbackStore {
  read: CallbackQueries;
  transact: Transact;
}

/** The ACD's view of a call, handed over by main.ts (features do not import each other). */
export interface CallRef {
  id: string;
  direction: CallDirection;
  number: string;
}

export interface AgentRef {
  agent: string;
  state: string;
  queues: readonly string[];
}

export interface CallbackNotifier {
  assigned(agent: string, entry: EntryRow): void;
  due(agent: string, entry: EntryRow): void;
}

export type StoredJourneyOf = (callId: string) => Promise<CallJourney | null>;
export type JourneyListener = (call: CallRef, events: JourneyEvent[]) => void;

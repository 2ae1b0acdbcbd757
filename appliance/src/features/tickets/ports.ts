/**
 * What the ticketing feature needs from storage and from the rest of the
 * appliance. store.ts implements the store; main.ts wires everything else
 * (reference lists, contacts, calls, the lifecycle, working hours, templates,
 * alerts, the attachment files of adapters/system).
 */
import type {
  Contact,
  MessageTemplate,
  RequestType,
  SessionUser,
  TicketChannel,
  TicketEventKind,
  TicketListQuery,
  TicketStatus,
  TicketStatusKind,
  TicketTransitionInput,
  WorkingHours,
} from '@edgecall/contracts';
import type { SlaState } from './sla.ts';

/** A request as stored: times in epoch ms, the SLA bookkeeping of sla.ts. */
export interface StoredTicket extends SlaState {
  id: string;
  clientId: string | null;
  seq: number;
  ref: string;
  channel: TicketChannel;
  callId: string | null;
  number: string | null;
  numberKey: string | null;
  contactId: string | null;
  customerName: string;
  customerEmail: string | null;
  requestTypeId: string;
  classificationId: string;
  subClassificationId: string | null;
  cityId: string | null;
  districtId: string | null;
  subject: string;
  description: string;
  fields: Record<string, string | number | boolean | null>;
  status: string;
  statusKind: TicketStatusKind;
  group: string | null;
  assigneeId: string | null;
  createdBy: string;
  createdByName: string;
  agent: string | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  escalatedAt: number | null;
  responseDueAt: number | null;
  responseWarnAt: number | null;
  resolutionDueAt: number | null;
  resolutionWarnAt: number | null;
  responseBreachedAt: number | null;
  resolutionBreachedAt: number | null;
  search: string;
  version: number;
}

/** A listed request with the names the list shows (joined, not stored on the request). */
export interface ListedTicket extends StoredTicket {
  assigneeName: string | null;
  contactName: string | null;
}

export interface StoredEvent {
  id: string;
  ticketId: string;
  seq: number;
  at: number;
  userId: string | null;
  userName: string;
  kind: TicketEventKind;
  data: Record<string, unknown>;
  clientId: string | null;
}
export type NewEvent = Omit<StoredEvent, 'seq'>;

export interface StoredAttachment {
  id: string;
  ticketId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  userId: string | null;
  userName: string;
  createdAt: number;
  removedAt: number | null;
}

/** The list query after the service resolved "me", "my groups" and the clock. */
export interface TicketFilterSql extends Omit<TicketListQuery, 'format' | 'number' | 'search'> {
  numberKey?: string;
  words: string[];
  userId: string;
  userGroups: string[];
  now: number;
}

export interface Assignee {
  id: string;
  name: string;
  username: string;
  groups: string[];
  kind: string;
}

/** Reads and writes inside one SQLite transaction. */
export interface TicketTx {
  get(id: string): Promise<StoredTicket | null>;
  /** The next per-branch sequence number (max + 1). */
  nextSeq(): Promise<number>;
  insert(t: StoredTicket): Promise<void>;
  /** Writes the new state when the stored version is `expect`; false when someone changed it meanwhile. */
  update(t: StoredTicket, expect: number): Promise<boolean>;
  /** Appends history entries (numbered after the last) and their sync rows; returns them numbered. */
  append(events: NewEvent[]): Promise<StoredEvent[]>;
  commentTexts(ticketId: string): Promise<string[]>;
  insertAttachment(a: StoredAttachment): Promise<void>;
  removeAttachment(id: string, at: number): Promise<void>;
  /** The sync row of the request's current state (every write of a request ends with it). */
  outbox(t: StoredTicket): Promise<void>;
}

export interface TicketStore {
  get(id: string): Promise<StoredTicket | null>;
  byClientId(clientId: string): Promise<StoredTicket | null>;
  eventByClientId(clientId: string): Promise<StoredEvent | null>;
  page(f: TicketFilterSql, offset: number, limit: number): Promise<{ items: ListedTicket[]; total: number }>;
  events(ticketId: string): Promise<StoredEvent[]>;
  attachments(ticketId: string): Promise<StoredAttachment[]>;
  attachment(id: string): Promise<StoredAttachment | null>;
  /** Other requests of the contact or number, newest first. */
  related(t: Pick<StoredTicket, 'id' | 'contactId' | 'numberKey'>, limit: number): Promise<ListedTicket[]>;
  /** Requests not closed, of a number or of contacts, newest first. */
  openFor(numberKey: string, contactIds: string[], limit: number): Promise<StoredTicket[]>;
  /** Requests not closed whose SLA clocks or escalation need watching. */
  watched(): Promise<StoredTicket[]>;
  /** Derived instants, written without a new version (they follow the hours, not a change of the request). */
  setDeadlines(id: string, d: Pick<StoredTicket, 'responseDueAt' | 'responseWarnAt' | 'resolutionDueAt' | 'resolutionWarnAt'>): Promise<void>;
  userName(id: string): Promise<string | null>;
  /** Users whose profile may work requests (tickets:write), enabled ones. */
  assignees(): Promise<Assignee[]>;
  filters(userId: string): Promise<{ id: string; name: string; query: string; createdAt: number }[]>;
  saveFilter(f: { id: string; userId: string; name: string; query: string; createdAt: number }): Promise<void>;
  removeFilter(userId: string, id: string): Promise<boolean>;
  /**
   * Runs `fn` in one transaction; with a client id (the PWA outbox) exactly
   * once: a replay gets the first answer and writes nothing.
   */
  write<T>(clientId: string | null, now: number, fn: (tx: TicketTx) => Promise<T>): Promise<{ result: T; replayed: boolean }>;
}

/** Files of attachments (adapters/system/attachment-files.ts): <data>/attachments/<ticket>/<attachment>. */
export interface AttachmentFiles {
  write(ticketId: string, id: string, bytes: Buffer): Promise<void>;
  read(ticketId: string, id: string): Promise<{ size: number; body: AsyncIterable<Uint8Array> } | null>;
  remove(ticketId: string, id: string): Promise<void>;
}

/** A call as the request links it. */
export interface CallInfo {
  number: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  hasRecording: boolean;
}

/** Raised to the supervisors of groups through the alerts feature (MQTT `alert/g/<group>/<id>`, logged). */
export interface AlertSink {
  raise(a: { ruleId: string; name: string; severity: 'warning' | 'critical'; scope: string; figure: string; threshold: number; value: number; groups: string[] }): void;
  clear(ruleId: string): void;
  activeIds(): string[];
}

/** The lifecycle of issue 6 (features/admin): statuses with their names, and transitions. */
export interface Lifecycle {
  statuses: TicketStatus[];
  transitions: TicketTransitionInput[];
}

/** A status change, for the customer-notification hook (SMS/e-mail once the campaigns module exists). */
export interface StatusChange {
  ticket: StoredTicket;
  from: string;
  to: string;
  notifyCustomer: boolean;
  contact: Contact | null;
}

export type TicketActor = Pick<SessionUser, 'id' | 'username' | 'displayName' | 'kind' | 'groups' | 'agentNumber'>;

export interface TicketDeps {
  store: TicketStore;
  clock: { now(): number };
  ids: () => string;
  site: string;
  /** reference.check: the type, classification, place and field values fit the lists (throws validation_failed). */
  checkReference: (input: {
    requestTypeId: string;
    classificationId: string;
    subClassificationId?: string | null;
    cityId?: string | null;
    districtId?: string | null;
    fields?: Record<string, string | number | boolean | null>;
  }) => Promise<void>;
  requestType: (id: string) => Promise<RequestType | null>;
  /** Names of request types, classifications and locations by id (exports, subjects, templates). */
  referenceNames: () => Promise<Map<string, string>>;
  contact: (id: string) => Promise<Contact | null>;
  callInfo: (callId: string) => Promise<CallInfo | undefined>;
  lifecycle: () => Promise<Lifecycle>;
  hours: () => WorkingHours;
  groups: () => string[];
  template: (id: string) => Promise<MessageTemplate | null>;
  files: AttachmentFiles;
  alerts: AlertSink;
  sha256: (bytes: Buffer) => string;
  /** The hook for customer notifications at status changes (issue 7; campaigns come later). */
  onStatusChange?: (change: StatusChange) => Promise<void>;
}

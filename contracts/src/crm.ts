/**
 * The operator panel's records (issue 5): reference lists maintained by admins
 * (request types with their fields, classifications, cities/districts, FAQ),
 * contacts, the call-handling window's call records, the callback list and
 * the call lists. The appliance parses every body with these schemas, and the
 * PWA builds its forms and its offline outbox from the same ones.
 */
import { z } from 'zod';

const TEXT = (max: number) => z.string().trim().max(max);
const NAME = z.string().trim().min(1, 'required').max(200);
/** Server-minted ids (random hex) or admin-chosen keys. */
export const RECORD_ID = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits or ._:-');

type Undefaulted<T> = T extends z.ZodDefault<infer I> ? I : T;
/**
 * The PATCH body of an input schema: every field optional, none defaulted.
 * `.partial()` is not enough: zod 4 still applies `.default()` inside an
 * optional field, so a patch naming only `name` would reset `active`, `note`…
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<{ [K in keyof S]: z.ZodOptional<Undefaulted<S[K]>> }, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional();
  return z.strictObject(shape) as never;
}

// ── phone numbers ─────────────────────────────────────────────────────────

/** What a person may type or a trunk may send: digits with spaces, dashes, dots, brackets and an optional leading +. */
export const PHONE = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, 'a phone number: 3–20 digits, optionally with a leading +'));

/**
 * The key two numbers match on: the last nine digits (Azerbaijan's national
 * significant number), so 0501234567, 994501234567 and +994 50 123 45 67 are
 * the same caller. Shorter numbers (internal extensions) match whole.
 */
export function phoneKey(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length > 9 ? digits.slice(-9) : digits;
}

// ── reference lists (admin panel) ─────────────────────────────────────────

export const FIELD_TYPES = ['text', 'number', 'date', 'choice', 'boolean'] as const;
export const FieldDefinition = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _; starts with a letter'),
  label: NAME,
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  /** For `choice`: the allowed values. */
  options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});
export type FieldDefinition = z.output<typeof FieldDefinition>;

/** Who may move a request of a type between statuses (admins always may). */
export const TICKET_MOVERS = ['anyone', 'group', 'supervisors'] as const;
const HOURS = z.number().positive('more than 0 hours').max(8760, 'at most a year (8760 hours)');

/**
 * How requests (tickets) of a type are worked (issue 7): the SLA in working
 * hours (response: until the request first leaves its initial status or the
 * customer gets a public answer; resolution: until a closed status), the
 * group that executes them, the `request` template that pre-fills the
 * description, who may move them, and the statuses of the lifecycle the
 * type uses (empty: all of them). A PATCH of `ticket` replaces the policy whole.
 */
export const TicketPolicy = z.strictObject({
  responseHours: HOURS.nullable().default(null),
  resolutionHours: HOURS.nullable().default(null),
  /** A group (queue) id; new requests of the type go to it. */
  group: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a group id').nullable().default(null),
  /** A template of the `request` channel. */
  templateId: RECORD_ID.nullable().default(null),
  movers: z.enum(TICKET_MOVERS).default('anyone'),
  statuses: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a status code')).max(100).default([]),
});
export type TicketPolicy = z.output<typeof TicketPolicy>;
export const DEFAULT_TICKET_POLICY: TicketPolicy = { responseHours: null, resolutionHours: null, group: null, templateId: null, movers: 'anyone', statuses: [] };

export const RequestTypeInput = z.strictObject({
  name: NAME,
  /** Fields the call-handling window and the request form show for this type. */
  fields: z.array(FieldDefinition).max(30).default([]),
  active: z.boolean().default(true),
  ticket: TicketPolicy.default(() => ({ ...DEFAULT_TICKET_POLICY, statuses: [] })),
});
export type RequestTypeInput = z.output<typeof RequestTypeInput>;
export interface RequestType extends RequestTypeInput {
  id: string;
  updatedAt: string;
}

/** A classification of a request type, or (with `parentId`) a sub-classification of a classification. */
export const ClassificationInput = z.strictObject({
  requestTypeId: RECORD_ID,
  parentId: RECORD_ID.nullable().default(null),
  name: NAME,
  active: z.boolean().default(true),
});
export type ClassificationInput = z.output<typeof ClassificationInput>;
export interface Classification extends ClassificationInput {
  id: string;
  updatedAt: string;
}

/** A city, or (with `cityId`) a district of a city. */
export const LocationInput = z.strictObject({
  name: NAME,
  cityId: RECORD_ID.nullable().default(null),
  active: z.boolean().default(true),
});
export type LocationInput = z.output<typeof LocationInput>;
export interface Location extends LocationInput {
  id: string;
  updatedAt: string;
}

export const FaqInput = z.strictObject({
  title: TEXT(300).min(1, 'required'),
  body: z.string().trim().min(1, 'required').max(20_000),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  requestTypeId: RECORD_ID.nullable().default(null),
  active: z.boolean().default(true),
});
export type FaqInput = z.output<typeof FaqInput>;
export interface FaqEntry extends FaqInput {
  id: string;
  updatedAt: string;
  /** `hq`: arrived from the central server's reference data and is read-only at the branch. */
  origin: 'branch' | 'hq';
}

/** List queries of every reference list and of contacts. */
export const ListQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

/**
 * Everything the call-handling window needs at once (cached by the PWA for
 * offline use): active request types, classifications and locations.
 */
export interface ReferenceBundle {
  requestTypes: RequestType[];
  classifications: Classification[];
  locations: Location[];
  /** Changes whenever any list changes: the PWA refreshes its offline copy when it differs. */
  version: string;
}

// ── contacts ──────────────────────────────────────────────────────────────

export const ContactInput = z.strictObject({
  name: NAME,
  phones: z.array(PHONE).min(1, 'at least one phone number').max(5),
  email: z.email().max(200).nullable().default(null),
  cityId: RECORD_ID.nullable().default(null),
  districtId: RECORD_ID.nullable().default(null),
  address: TEXT(300).default(''),
  note: TEXT(2000).default(''),
  /** Set by the PWA's offline outbox: `deviceId:seq`, applied once. */
  clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}:[0-9]{1,15}$/).optional(),
});
export type ContactInput = z.output<typeof ContactInput>;
export const ContactPatch = patchOf(ContactInput.omit({ clientId: true })).extend({
  clientId: ContactInput.shape.clientId,
});
export interface Contact {
  id: string;
  name: string;
  phones: string[];
  email: string | null;
  cityId: string | null;
  districtId: string | null;
  address: string;
  note: string;
  createdAt: string;
  updatedAt: string;
}

/** Merge duplicates: the others' numbers, calls and records move to `keepId`; the others are removed. */
export const ContactMerge = z.strictObject({
  keepId: RECORD_ID,
  mergeIds: z.array(RECORD_ID).min(1).max(20),
});

export const ContactsQuery = ListQuery.extend({
  /** Contacts having this number (any format: matched by phoneKey). */
  phone: z.string().trim().max(40).optional(),
});

// ── reference lists and contacts: patches, filters, imports ───────────────

export const RequestTypePatch = patchOf(RequestTypeInput);
export const ClassificationPatch = patchOf(ClassificationInput);
export const LocationPatch = patchOf(LocationInput);
export const FaqPatch = patchOf(FaqInput);

/** `parentId=none` lists top-level classifications only. */
export const ClassificationsQuery = ListQuery.extend({ requestTypeId: RECORD_ID.optional(), parentId: RECORD_ID.optional() });
/** `cityId=none` lists cities only. */
export const LocationsQuery = ListQuery.extend({ cityId: RECORD_ID.optional() });
export const FaqListQuery = ListQuery.extend({ requestTypeId: RECORD_ID.optional() });
/** The agents' FAQ search; `requestTypeId` keeps that type's entries and the general ones. */
export const FaqSearchQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  requestTypeId: RECORD_ID.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/** A CSV upload (header row first), validated whole before anything is written. */
export const CsvImport = z.strictObject({ csv: z.string().min(1, 'empty file').max(2_000_000, 'the file is over 2 MB of text') });
export interface ImportResult {
  created: number;
  updated: number;
  /** Rows that matched an existing item and changed nothing. */
  unchanged: number;
}

export const ScreenPopQuery = z.strictObject({ number: z.string().trim().min(1).max(40) });
export interface ScreenPop {
  number: string;
  contacts: Contact[];
  /** The latest call records of the number or of its contacts, newest first. */
  records: CallRecord[];
  /** Open requests (tickets) of the number or of its contacts, newest first (issue 7). */
  tickets?: OpenTicketSummary[];
}

/** A repeat caller's open request as the screen pop lists it. */
export interface OpenTicketSummary {
  id: string;
  /** The request's reference, R-<year>-<seq>. */
  ref: string;
  subject: string;
  status: string;
  requestTypeId: string;
  createdAt: string;
  /** The resolution deadline, when the SLA clock runs. */
  dueAt: string | null;
  overdue: boolean;
}

// ── call records (the call-handling window) ───────────────────────────────

export const CLIENT_ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}:[0-9]{1,15}$/, 'deviceId:seq');

export const CallRecordInput = z.strictObject({
  /** The journey this record registers; absent for a record without a call (walk-in). */
  callId: z.string().min(1).max(64).nullable().default(null),
  number: PHONE.nullable().default(null),
  contactId: RECORD_ID.nullable().default(null),
  requestTypeId: RECORD_ID,
  classificationId: RECORD_ID,
  subClassificationId: RECORD_ID.nullable().default(null),
  cityId: RECORD_ID.nullable().default(null),
  districtId: RECORD_ID.nullable().default(null),
  note: TEXT(5000).default(''),
  /** Values of the request type's fields, by field key. */
  fields: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
  clientId: CLIENT_ID.optional(),
});
export type CallRecordInput = z.output<typeof CallRecordInput>;
export interface CallRecord extends Omit<CallRecordInput, 'clientId'> {
  id: string;
  clientId: string | null;
  agent: string | null;
  userId: string;
  createdAt: string;
}

// ── the callback (feedback) list ──────────────────────────────────────────

export const CALLBACK_STATUSES = ['open', 'closed'] as const;
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'busy', 'failed', 'wrong_number', 'refused'] as const;
export const CALLBACK_CLOSE_REASONS = ['reached_inbound', 'reached_outbound', 'closed_by_agent'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface CallbackAttempt {
  at: string;
  agent: string | null;
  callId: string | null;
  outcome: CallbackOutcome | 'pending';
  note: string;
}

export interface CallbackEntry {
  id: string;
  /** As the caller sent it; entries are unique per phoneKey(number) while open. */
  number: string;
  status: (typeof CALLBACK_STATUSES)[number];
  /** `missed`: a missed call; `requested`: the caller chose a callback (queue timeout); `scheduled`: an agent ordered one. */
  kind: 'missed' | 'requested' | 'scheduled';
  queue: string | null;
  missedCount: number;
  callIds: string[];
  firstMissedAt: string | null;
  lastMissedAt: string | null;
  /** Ordered callbacks: when to call. */
  scheduledFor: string | null;
  assignedAgent: string | null;
  attempts: CallbackAttempt[];
  contactId: string | null;
  note: string;
  closedAt: string | null;
  closeReason: (typeof CALLBACK_CLOSE_REASONS)[number] | null;
  createdAt: string;
}

export const CallbacksQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  /** `me`: assigned to the caller's agent number. */
  assigned: z.enum(['me', 'unassigned', 'any']).default('any'),
  number: z.string().trim().max(40).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const CallbackSchedule = z.strictObject({
  number: PHONE,
  /** ISO date-time; must be in the future. */
  scheduledFor: z.iso.datetime({ offset: true }),
  note: TEXT(2000).default(''),
  contactId: RECORD_ID.nullable().default(null),
  clientId: CLIENT_ID.optional(),
});
export const CallbackAssign = z.strictObject({ agent: z.string().regex(/^[0-9]{2,10}$/).nullable() });
/** An attempt made outside the dialler (or its outcome noted by the agent). */
export const CallbackOutcomeInput = z.strictObject({
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: TEXT(2000).default(''),
  clientId: CLIENT_ID.optional(),
});
/** Closing an entry by hand (nothing left to do: reached some other way, a duplicate…). Send `{}` for no note. */
export const CallbackCloseInput = z.strictObject({
  note: TEXT(2000).default(''),
  clientId: CLIENT_ID.optional(),
});

/** Callback time and recovery rate of the missed calls of a period (default: today). */
export const CallbackStatsQuery = z.strictObject({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});
export interface CallbackStats {
  from: string;
  to: string;
  /** The period's missed calls (KPIS.md `missedCalls`, those with a number). */
  missedCalls: number;
  /** Distinct numbers among them; recovery counts each caller once. */
  missedCallers: number;
  recovered: number;
  /** recovered / missedCallers × 100; null when nobody was missed. */
  recoveryRate: number | null;
  /** Missed calls followed by at least one outbound attempt to the number. */
  attempted: number;
  /** Mean seconds from a missed call's end to the first attempt, over attempted calls; null when none. */
  averageCallbackTime: number | null;
  callbackTimes: { callId: string; number: string; endedAt: string; firstAttemptAt: string | null; callbackTime: number | null }[];
}

// ── call lists ────────────────────────────────────────────────────────────

/** `all`: every call of the period (the screen pop's caller history). */
export const CALL_LIST_KINDS = ['missed', 'incoming', 'outgoing', 'all'] as const;
export const CallListQuery = z.strictObject({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  number: z.string().trim().max(40).optional(),
  queue: z.string().max(32).optional(),
  agent: z.string().max(10).optional(),
  requestTypeId: RECORD_ID.optional(),
  classificationId: RECORD_ID.optional(),
  /** Calls whose number belongs to a contact whose name contains this text. */
  contact: z.string().trim().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export interface CallListItem {
  callId: string;
  direction: 'inbound' | 'outbound';
  number: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  cause: string | null;
  /** Seconds in the queue (inbound) and talking. */
  waitSeconds: number | null;
  talkSeconds: number | null;
  hasRecording: boolean;
  contact: { id: string; name: string } | null;
  /** The latest call record registered against the call. */
  record: { id: string; requestType: string; classification: string; subClassification: string | null; note: string } | null;
}

/**
 * Electronic requests (tickets, issue 7): what a request carries, the bodies
 * of every change, the list query, attachments' limits, and the payloads HQ
 * receives. A request's form comes from its request type (fields, and the
 * ticket policy in crm.ts: SLA, executing group, template, movers); its
 * lifecycle from the execution statuses (settings/ticket-workflow.ts).
 */
import { z } from 'zod';
import { CLIENT_ID, PHONE, RECORD_ID } from './crm.ts';

const TEXT = (max: number) => z.string().trim().max(max);
const FIELD_VALUES = z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]));
const STATUS_CODE = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a status code');
const GROUP_ID = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a group id');

/** Where a request came from: a call (the call-handling window), the contact card, or on its own. */
export const TICKET_CHANNELS = ['call', 'contact', 'walk_in', 'email', 'web_chat', 'other'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TicketInput = z.strictObject({
  channel: z.enum(TICKET_CHANNELS).default('other'),
  /** The call it was raised from: its number, journey and recording are linked. */
  callId: z.string().min(1).max(64).nullable().default(null),
  number: PHONE.nullable().default(null),
  contactId: RECORD_ID.nullable().default(null),
  /** Who asked, when there is no contact (walk-in, e-mail, web chat). */
  customerName: TEXT(200).default(''),
  customerEmail: z.email().max(200).nullable().default(null),
  requestTypeId: RECORD_ID,
  classificationId: RECORD_ID,
  subClassificationId: RECORD_ID.nullable().default(null),
  cityId: RECORD_ID.nullable().default(null),
  districtId: RECORD_ID.nullable().default(null),
  /** Empty: “<type> — <classification>”. */
  subject: TEXT(200).default(''),
  /** Empty: the request type's template, filled with the call's and contact's data. */
  description: TEXT(10_000).default(''),
  /** Values of the request type's fields, by field key. */
  fields: FIELD_VALUES.default({}),
  /** Another group than the type's executing group. */
  group: GROUP_ID.nullable().optional(),
  assigneeId: RECORD_ID.nullable().default(null),
  clientId: CLIENT_ID.optional(),
});
export type TicketInput = z.output<typeof TicketInput>;

/** Changes of the form's content (not of status or assignment); `version` guards against overwriting someone's change. */
export const TicketPatch = z.strictObject({
  subject: TEXT(200).min(1, 'required').optional(),
  description: TEXT(10_000).optional(),
  contactId: RECORD_ID.nullable().optional(),
  customerName: TEXT(200).optional(),
  customerEmail: z.email().max(200).nullable().optional(),
  classificationId: RECORD_ID.optional(),
  subClassificationId: RECORD_ID.nullable().optional(),
  cityId: RECORD_ID.nullable().optional(),
  districtId: RECORD_ID.nullable().optional(),
  fields: FIELD_VALUES.optional(),
  version: z.number().int().positive().optional(),
});

export const TicketStatusChange = z.strictObject({
  status: STATUS_CODE,
  note: TEXT(5000).default(''),
  /** Tell the customer (SMS/e-mail) once the campaigns module exists; recorded now. */
  notifyCustomer: z.boolean().default(false),
  version: z.number().int().positive().optional(),
});

export const TicketAssign = z.strictObject({
  group: GROUP_ID.nullable().optional(),
  assigneeId: RECORD_ID.nullable().optional(),
  version: z.number().int().positive().optional(),
});

export const COMMENT_VISIBILITIES = ['internal', 'public'] as const;
export const TicketCommentInput = z.strictObject({
  body: z.string().trim().min(1, 'required').max(10_000),
  /** `public`: meant for the customer (and counts as the response); `internal`: for colleagues only. */
  visibility: z.enum(COMMENT_VISIBILITIES).default('internal'),
  clientId: CLIENT_ID.optional(),
});

export const TicketEscalate = z.strictObject({ note: TEXT(2000).default('') });

export const TICKET_VIEWS = ['all', 'mine', 'my_group', 'unassigned', 'overdue', 'due_soon', 'open', 'closed'] as const;
export type TicketListView = (typeof TICKET_VIEWS)[number];
export const TICKET_SORTS = ['created_desc', 'created_asc', 'due_asc', 'updated_desc'] as const;

/** The list and its exports; every filter narrows (AND). */
export const TicketListQuery = z.strictObject({
  view: z.enum(TICKET_VIEWS).default('all'),
  search: z.string().trim().max(200).optional(),
  status: STATUS_CODE.optional(),
  requestTypeId: RECORD_ID.optional(),
  classificationId: RECORD_ID.optional(),
  cityId: RECORD_ID.optional(),
  districtId: RECORD_ID.optional(),
  group: GROUP_ID.optional(),
  assigneeId: RECORD_ID.optional(),
  contactId: RECORD_ID.optional(),
  /** Requests of this phone number (any format: matched by phoneKey). */
  number: z.string().trim().max(40).optional(),
  callId: z.string().min(1).max(64).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  sort: z.enum(TICKET_SORTS).default('created_desc'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type TicketListQuery = z.output<typeof TicketListQuery>;

/** A user's named filter: the list query without paging and format. */
export const TicketFilterInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(80),
  query: TicketListQuery.omit({ offset: true, limit: true, format: true }).partial(),
});
export interface TicketFilter {
  id: string;
  name: string;
  query: Partial<Omit<TicketListQuery, 'offset' | 'limit' | 'format'>>;
  createdAt: string;
}

export const TicketAssigneesQuery = z.strictObject({ group: GROUP_ID.optional() });

export const TicketPrefillQuery = z.strictObject({
  requestTypeId: RECORD_ID,
  classificationId: RECORD_ID.optional(),
  callId: z.string().min(1).max(64).optional(),
  contactId: RECORD_ID.optional(),
  number: z.string().trim().max(40).optional(),
});

// ── attachments ───────────────────────────────────────────────────────────

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Content types an attachment may have, with the file extensions each allows. */
export const ATTACHMENT_TYPES: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt', 'log', 'csv'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};
export const AttachmentUploadQuery = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(200)
    .refine((n) => !/[\\/\u0000-\u001f]/.test(n), 'a file name without slashes or control characters'),
});

// ── what the API answers ──────────────────────────────────────────────────

export type SlaClockState = 'running' | 'paused' | 'done';
export interface SlaClock {
  budgetHours: number;
  /** Working time counted so far (paused while waiting on the customer and outside working hours). */
  elapsedMs: number;
  /** Negative once breached. */
  remainingMs: number;
  /** When it breaches if nothing changes; null while paused or done. */
  dueAt: string | null;
  state: SlaClockState;
  breached: boolean;
  /** 80 % of the budget is used. */
  dueSoon: boolean;
}
export interface TicketSla {
  response: SlaClock | null;
  resolution: SlaClock | null;
  respondedAt: string | null;
}

export interface Ticket {
  id: string;
  /** R-<year>-<seq>: what people quote on the phone. */
  ref: string;
  channel: TicketChannel;
  callId: string | null;
  number: string | null;
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
  statusKind: 'open' | 'waiting_customer' | 'closed';
  group: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  createdBy: string;
  createdByName: string;
  agent: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  escalatedAt: string | null;
  sla: TicketSla;
  version: number;
  clientId: string | null;
}

export const TICKET_EVENT_KINDS = ['created', 'status', 'updated', 'assigned', 'comment', 'attachment', 'escalated', 'sla'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];
/** One change: who, when, what before and after (`data.before`/`data.after`), or a comment. */
export interface TicketEvent {
  id: string;
  ticketId: string;
  seq: number;
  at: string;
  userId: string | null;
  userName: string;
  kind: TicketEventKind;
  data: Record<string, unknown>;
}

export interface TicketAttachment {
  id: string;
  ticketId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  userName: string;
  createdAt: string;
}

/** A request's page: the request, where it may go, its history, files, and the customer's other requests. */
export interface TicketPage {
  ticket: Ticket;
  /** Statuses this user may move it to now (empty when they may not move it). */
  next: string[];
  canMove: boolean;
  events: TicketEvent[];
  attachments: TicketAttachment[];
  /** The contact's (or number's) other requests, newest first. */
  related: Ticket[];
  /** The call it was raised from: its journey (GET /api/v1/calls/:id) and recording (…/recording) are linked. */
  call: TicketCall | null;
}
export interface TicketCall {
  callId: string;
  number: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  hasRecording: boolean;
}

// ── what HQ receives (contracts/sync.ts registers them) ───────────────────

const ID = z.string().min(1).max(64);
const MS = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const TicketPayload = z.object({
  id: ID,
  ref: z.string().min(1).max(32),
  channel: z.enum(TICKET_CHANNELS),
  callId: ID.nullable(),
  number: z.string().max(64).nullable(),
  contactId: ID.nullable(),
  customerName: z.string().max(200),
  customerEmail: z.string().max(200).nullable(),
  requestTypeId: ID,
  classificationId: ID,
  subClassificationId: ID.nullable(),
  cityId: ID.nullable(),
  districtId: ID.nullable(),
  subject: z.string().max(200),
  description: z.string().max(10_000),
  fields: z.record(z.string(), z.unknown()),
  status: z.string().min(1).max(32),
  statusKind: z.enum(['open', 'waiting_customer', 'closed']),
  group: z.string().max(64).nullable(),
  assigneeId: ID.nullable(),
  createdBy: ID,
  agent: z.string().max(64).nullable(),
  createdAt: MS,
  updatedAt: MS,
  closedAt: MS.nullable(),
  respondedAt: MS.nullable(),
  escalatedAt: MS.nullable(),
  responseHours: z.number().nullable(),
  resolutionHours: z.number().nullable(),
  version: z.number().int().positive(),
});
export type TicketPayload = z.infer<typeof TicketPayload>;

export const TicketEventPayload = z.object({
  id: ID,
  ticketId: ID,
  seq: z.number().int().positive(),
  at: MS,
  userId: ID.nullable(),
  userName: z.string().max(200),
  kind: z.enum(TICKET_EVENT_KINDS),
  data: z.record(z.string(), z.unknown()),
});
export type TicketEventPayload = z.infer<typeof TicketEventPayload>;

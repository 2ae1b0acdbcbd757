/**
 * How stored requests look on the wire (ISO times, SLA clocks as of now),
 * in HQ's sync rows, and the values a `request` template is filled with.
 */
import type { Contact, OpenTicketSummary, SlaClock, Ticket, TicketAttachment, TicketEvent, TicketPayload, WorkingHours } from '@edgecall/contracts';
import { resolutionClock, responseClock, type ClockMs } from './sla.ts';
import type { CallInfo, StoredAttachment, StoredEvent, StoredTicket, TicketActor } from './ports.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function clockWire(c: ClockMs | null): SlaClock | null {
  if (!c) return null;
  const { warnAt: _w, dueAt, ...rest } = c;
  return { ...rest, dueAt: iso(dueAt) };
}

/** What the wire view and HQ's row both carry as stored; times and clocks differ between them. */
function sharedFields(t: StoredTicket) {
  return {
    id: t.id,
    ref: t.ref,
    channel: t.channel,
    callId: t.callId,
    number: t.number,
    contactId: t.contactId,
    customerName: t.customerName,
    customerEmail: t.customerEmail,
    requestTypeId: t.requestTypeId,
    classificationId: t.classificationId,
    subClassificationId: t.subClassificationId,
    cityId: t.cityId,
    districtId: t.districtId,
    subject: t.subject,
    description: t.description,
    fields: t.fields,
    status: t.status,
    statusKind: t.statusKind,
    group: t.group,
    assigneeId: t.assigneeId,
  };
}

export function ticketWire(t: StoredTicket, hours: WorkingHours, now: number, assigneeName: string | null): Ticket {
  return {
    ...sharedFields(t),
    assigneeName,
    createdBy: t.createdBy,
    createdByName: t.createdByName,
    agent: t.agent,
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
    closedAt: iso(t.closedAt),
    escalatedAt: iso(t.escalatedAt),
    sla: { response: clockWire(responseClock(t, hours, now)), resolution: clockWire(resolutionClock(t, hours, now)), respondedAt: iso(t.respondedAt) },
    version: t.version,
    clientId: t.clientId,
  };
}

export function eventWire(e: StoredEvent): TicketEvent {
  return { id: e.id, ticketId: e.ticketId, seq: e.seq, at: iso(e.at)!, userId: e.userId, userName: e.userName, kind: e.kind, data: e.data };
}

export function attachmentWire(a: StoredAttachment): TicketAttachment {
  return { id: a.id, ticketId: a.ticketId, name: a.name, contentType: a.contentType, size: a.size, sha256: a.sha256, userName: a.userName, createdAt: iso(a.createdAt)! };
}

export function openSummary(t: StoredTicket, now: number): OpenTicketSummary {
  const due = t.resolutionDueAt ?? t.responseDueAt;
  return { id: t.id, ref: t.ref, subject: t.subject, status: t.status, requestTypeId: t.requestTypeId, createdAt: iso(t.createdAt)!, dueAt: iso(due), overdue: due !== null && due <= now };
}

/** The row HQ keeps (contracts TicketPayload): the whole request, never a diff. */
export function ticketPayload(t: StoredTicket): TicketPayload {
  return {
    ...sharedFields(t),
    createdBy: t.createdBy,
    agent: t.agent,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    closedAt: t.closedAt,
    respondedAt: t.respondedAt,
    escalatedAt: t.escalatedAt,
    responseHours: t.responseHours,
    resolutionHours: t.resolutionHours,
    version: t.version,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
function localParts(at: number, utcOffsetMinutes: number) {
  const d = new Date(at + utcOffsetMinutes * 60_000);
  return { date: `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
}

/** What {{placeholders}} of a `request` template become (contracts TEMPLATE_PLACEHOLDERS). */
export function templateValues(ctx: {
  ref: string;
  typeName: string;
  classificationName: string;
  statusName: string;
  contact: Contact | null;
  number: string | null;
  call: CallInfo | undefined;
  actor: Pick<TicketActor, 'displayName' | 'agentNumber'>;
  branch: string;
  hours: WorkingHours;
}): Record<string, string> {
  const call = ctx.call ? localParts(ctx.call.arrivedAt, ctx.hours.utcOffsetMinutes) : null;
  return {
    'contact.name': ctx.contact?.name ?? '',
    'contact.phone': ctx.contact?.phones[0] ?? ctx.number ?? '',
    'contact.email': ctx.contact?.email ?? '',
    'call.number': ctx.call?.number ?? ctx.number ?? '',
    'call.date': call?.date ?? '',
    'call.time': call?.time ?? '',
    'call.queue': ctx.call?.queue ?? '',
    'request.id': ctx.ref,
    'request.type': ctx.typeName,
    'request.status': ctx.statusName,
    'request.classification': ctx.classificationName,
    'request.note': '',
    'agent.name': ctx.actor.displayName,
    'agent.number': ctx.actor.agentNumber ?? '',
    'callback.time': '',
    'branch.name': ctx.branch,
  };
}

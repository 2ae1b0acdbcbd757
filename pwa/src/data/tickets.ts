import type { Ticket, TicketAttachment, TicketChannel, TicketEvent, TicketFilter, TicketInput, TicketListQuery, TicketPage } from '@edgecall/contracts/tickets';
import type { LocalizedName } from '@edgecall/contracts/settings/common';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import { ApiError, NetworkError } from './errors.ts';
import type { Outbox, SubmitResult } from '../offline/outbox.ts';

export type { Ticket, TicketAttachment, TicketChannel, TicketEvent, TicketFilter, TicketPage, SlaClock, TicketCall } from '@edgecall/contracts/tickets';

/** A listed request, with the contact's name the list shows. */
export type ListedTicket = Ticket & { contactName: string | null };
export interface TicketList {
  items: ListedTicket[];
  total: number;
}

/** The list's filters as the panel keeps them (the query string the appliance reads). */
export type TicketQuery = Partial<Omit<TicketListQuery, 'format'>> & { offset: number; limit: number };

export interface TicketStatusInfo {
  code: string;
  name: LocalizedName;
  kind: 'open' | 'waiting_customer' | 'closed';
  active: boolean;
  sort: number;
}
export interface TicketMeta {
  statuses: TicketStatusInfo[];
  groups: string[];
}

export interface Assignee {
  id: string;
  name: string;
  username: string;
  groups: string[];
  kind: string;
}

export interface TicketPrefill {
  subject: string;
  description: string;
  group: string | null;
  status: string | null;
  responseHours: number | null;
  resolutionHours: number | null;
}

/** What the request form sends (TicketInput before the appliance fills its defaults). */
export type TicketDraft = Omit<Partial<TicketInput>, 'clientId'> & { requestTypeId: string; classificationId: string };

const params = (q: Partial<TicketQuery>): Record<string, string | number | undefined> => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number>;

export function fetchTickets(api: ApiClient, q: TicketQuery): Promise<TicketList> {
  return api.request<TicketList>('GET', `/api/v1/tickets${query(params(q))}`);
}

/** The export of the list as filtered (every page). */
export function ticketsExportUrl(api: ApiClient, q: Partial<TicketQuery>, format: 'csv' | 'xlsx'): string {
  const { offset: _o, limit: _l, ...rest } = q;
  return api.url('/api/v1/tickets', { ...params(rest), format });
}

export function fetchTicket(api: ApiClient, id: string): Promise<TicketPage> {
  return api.request<TicketPage>('GET', `/api/v1/tickets/${encodeURIComponent(id)}`);
}

export function fetchTicketMeta(api: ApiClient): Promise<TicketMeta> {
  return api.request<TicketMeta>('GET', '/api/v1/tickets/meta');
}

export function fetchPrefill(api: ApiClient, q: { requestTypeId: string; classificationId?: string; callId?: string | null; contactId?: string | null; number?: string | null }): Promise<TicketPrefill> {
  return api.request<TicketPrefill>('GET', `/api/v1/tickets/prefill${query({ requestTypeId: q.requestTypeId, classificationId: q.classificationId || undefined, callId: q.callId ?? undefined, contactId: q.contactId ?? undefined, number: q.number ?? undefined })}`);
}

export async function fetchAssignees(api: ApiClient, group?: string | null): Promise<Assignee[]> {
  return (await api.request<{ items: Assignee[] }>('GET', `/api/v1/tickets/assignees${query({ group: group ?? undefined })}`)).items;
}

/**
 * A new request, through the outbox: sent at once when the appliance
 * answers (a refusal goes back to the form), kept on the device when it
 * does not, and applied once however often it is replayed.
 */
export function createTicket(outbox: Outbox, draft: TicketDraft, label: string): Promise<SubmitResult<Ticket>> {
  return outbox.submit<Ticket>({ kind: 'ticket-create', method: 'POST', path: '/api/v1/tickets', body: { ...draft }, label });
}

/** A comment, through the outbox too: written on a tablet that lost the link, sent once it is back. */
export function commentTicket(outbox: Outbox, id: string, body: string, visibility: 'internal' | 'public', label: string): Promise<SubmitResult<TicketEvent>> {
  return outbox.submit<TicketEvent>({ kind: 'ticket-comment', method: 'POST', path: `/api/v1/tickets/${encodeURIComponent(id)}/comments`, body: { body, visibility }, label });
}

export function changeTicketStatus(api: ApiClient, id: string, body: { status: string; note?: string; notifyCustomer?: boolean; version?: number }): Promise<Ticket> {
  return api.request<Ticket>('POST', `/api/v1/tickets/${encodeURIComponent(id)}/status`, body);
}

export function assignTicket(api: ApiClient, id: string, body: { group?: string | null; assigneeId?: string | null; version?: number }): Promise<Ticket> {
  return api.request<Ticket>('POST', `/api/v1/tickets/${encodeURIComponent(id)}/assign`, body);
}

export function escalateTicket(api: ApiClient, id: string, note: string): Promise<Ticket> {
  return api.request<Ticket>('POST', `/api/v1/tickets/${encodeURIComponent(id)}/escalate`, { note });
}

export function attachmentUrl(api: ApiClient, ticketId: string, id: string): string {
  return api.url(`/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(id)}`);
}

export function deleteAttachment(api: ApiClient, ticketId: string, id: string): Promise<void> {
  return api.request('DELETE', `/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(id)}`);
}

/** Uploads a file as it is (its own content type); a refusal comes back as the appliance's ApiError. */
export async function uploadAttachment(api: ApiClient, ticketId: string, file: File): Promise<TicketAttachment> {
  let res: Response;
  try {
    res = await fetch(api.url(`/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments`, { name: file.name }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new NetworkError();
  }
  const json = (await res.json().catch(() => undefined)) as { error?: { id?: string; message?: string; details?: unknown } } | TicketAttachment | undefined;
  if (!res.ok) {
    const e = (json as { error?: { id?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(e?.id ?? 'internal_error', e?.message ?? `HTTP ${res.status}`, res.status, e?.details);
  }
  return json as TicketAttachment;
}

export async function fetchFilters(api: ApiClient): Promise<TicketFilter[]> {
  return (await api.request<{ items: TicketFilter[] }>('GET', '/api/v1/tickets/filters')).items;
}

export function saveFilter(api: ApiClient, name: string, q: Partial<TicketQuery>): Promise<TicketFilter> {
  const { offset: _o, limit: _l, ...rest } = q;
  return api.request<TicketFilter>('POST', '/api/v1/tickets/filters', { name, query: Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')) });
}

export function deleteFilter(api: ApiClient, id: string): Promise<void> {
  return api.request('DELETE', `/api/v1/tickets/filters/${encodeURIComponent(id)}`);
}

/** Channels a request raised outside a call may come from. */
export const STANDALONE_CHANNELS: TicketChannel[] = ['walk_in', 'email', 'web_chat', 'contact', 'other'];

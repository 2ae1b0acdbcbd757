import type { CallRecord, Contact, ContactInput, ImportResult, OpenTicketSummary } from '@edgecall/contracts/crm';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import { NetworkError } from './errors.ts';
import type { OfflineCaches } from '../offline/caches.ts';
import type { Outbox, SubmitResult } from '../offline/outbox.ts';

export type { Contact, CallRecord } from '@edgecall/contracts/crm';

/** What the contact form sends (ContactInput before the appliance fills its defaults). */
export type ContactDraft = Omit<Partial<ContactInput>, 'clientId'> & { name: string; phones: string[] };

export interface ContactQuery {
  search?: string;
  phone?: string;
  offset: number;
  limit: number;
}

export interface ContactPage {
  items: Contact[];
  total: number;
}

/** Contacts the user looks at are kept on the device: the offline screen pop finds callers among them. */
export async function fetchContacts(api: ApiClient, caches: OfflineCaches, q: ContactQuery): Promise<ContactPage> {
  const page = await api.request<ContactPage>('GET', `/api/v1/contacts${query({ search: q.search?.trim(), phone: q.phone?.trim(), offset: q.offset, limit: q.limit })}`);
  await caches.saveContacts(page.items);
  return page;
}

export async function fetchContact(api: ApiClient, caches: OfflineCaches, id: string): Promise<Contact> {
  const c = await api.request<Contact>('GET', `/api/v1/contacts/${encodeURIComponent(id)}`);
  await caches.saveContacts([c]);
  return c;
}

export function contactsCsvUrl(api: ApiClient, search?: string): string {
  return api.url('/api/v1/contacts', { search: search?.trim() || undefined, format: 'csv' });
}

/** Through the outbox: a contact typed during a call is never lost to a dropped link. */
export function createContact(outbox: Outbox, input: ContactDraft): Promise<SubmitResult<Contact>> {
  return outbox.submit<Contact>({ kind: 'contact-create', method: 'POST', path: '/api/v1/contacts', body: { ...input }, label: input.name });
}

export function updateContact(outbox: Outbox, id: string, patch: Partial<ContactDraft>, label: string): Promise<SubmitResult<Contact>> {
  return outbox.submit<Contact>({ kind: 'contact-update', method: 'PATCH', path: `/api/v1/contacts/${encodeURIComponent(id)}`, body: { ...patch }, label });
}

export async function deleteContact(api: ApiClient, caches: OfflineCaches, id: string): Promise<void> {
  await api.request('DELETE', `/api/v1/contacts/${encodeURIComponent(id)}`);
  await caches.removeContacts([id]);
}

export async function mergeContacts(api: ApiClient, caches: OfflineCaches, keepId: string, mergeIds: string[]): Promise<Contact> {
  const kept = await api.request<Contact>('POST', '/api/v1/contacts/merge', { keepId, mergeIds });
  await caches.removeContacts(mergeIds);
  if (kept && typeof kept === 'object' && 'id' in kept) await caches.saveContacts([kept]);
  return kept;
}

export type { ImportResult } from '@edgecall/contracts/crm';

/** A refusal lists the bad lines (`details: [{line, message}]`) and imports nothing. */
export function importContacts(api: ApiClient, csv: string): Promise<ImportResult> {
  return api.request('POST', '/api/v1/contacts/import', { csv });
}

export interface ScreenPop {
  number: string;
  contacts: Contact[];
  records: CallRecord[];
  /** The caller's open requests (issue 7); absent offline. */
  tickets?: OpenTicketSummary[];
  /** True when the appliance could not be reached and the contacts come from the device. */
  fromCache: boolean;
}

/** Who is calling: the contacts having this number and their recent records; offline, the contacts seen before. */
export async function fetchScreenPop(api: ApiClient, caches: OfflineCaches, number: string): Promise<ScreenPop> {
  try {
    const pop = await api.request<Omit<ScreenPop, 'fromCache'>>('GET', `/api/v1/screen-pop${query({ number })}`);
    await caches.saveContacts(pop.contacts);
    return { ...pop, fromCache: false };
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    return { number, contacts: await caches.contactsByPhone(number), records: [], fromCache: true };
  }
}

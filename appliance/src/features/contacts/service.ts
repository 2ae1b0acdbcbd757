/**
 * Contacts: the people behind the numbers. Personal data, so every write by
 * anyone is audited with before and after. Creates and changes from the
 * PWA's offline outbox apply once (clientId). The screen pop finds a
 * caller's contacts by phoneKey and their latest call records.
 */
import { AppError, phoneKey, type CallRecord, type Contact, type ContactInput, type ContactPatch, type ImportResult, type OpenTicketSummary, type ScreenPop } from '@edgecall/contracts';
import type { z } from 'zod';
import type { Clock } from '../../core/ports.ts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';
import { readCsvTable } from '../../lib/csv.ts';
import { planContacts, rowPhones } from './csv-import.ts';
import { mergeInto, placeProblems, readSearch, uniquePhones, type Place, type Problem } from './rules.ts';

export interface ContactFilter {
  words: string[];
  /** Digits a number contains (search). */
  digits: string | null;
  /** Exact match on phoneKey. */
  phoneKey?: string;
}

export interface ContactQueries {
  page(filter: ContactFilter, offset: number, limit: number): Promise<{ items: Contact[]; total: number }>;
  get(id: string): Promise<Contact | null>;
  byPhoneKeys(keys: string[]): Promise<Contact[]>;
  place(id: string): Promise<Place | null>;
  /** Every city and district, inactive ones too (exports name them). */
  places(): Promise<Place[]>;
  insert(contact: Contact): Promise<void>;
  /** Replaces the row and its numbers. */
  update(contact: Contact): Promise<void>;
  /** Deletes the contact; call records and callbacks that named it keep their number but lose the link. */
  remove(id: string): Promise<void>;
  /** Points call records and callbacks of `fromIds` at `toId`; counts by table. */
  repoint(fromIds: string[], toId: string): Promise<Record<string, number>>;
  /** The latest call records of a number (by phoneKey) or of contacts; [] until call records exist. */
  recentRecords(key: string, contactIds: string[], limit: number): Promise<CallRecord[]>;
}

export interface ContactStore extends ContactQueries {
  transaction<T>(fn: (tx: ContactQueries) => Promise<T>): Promise<T>;
  /** Exactly-once for the PWA outbox: a replayed clientId answers as the first time and writes nothing. */
  once<T>(clientId: string | undefined, now: number, fn: (tx: ContactQueries) => Promise<T>): Promise<{ result: T; replayed: boolean }>;
}

const invalid = (problems: Problem[]) => new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);

export function createContactService(deps: {
  store: ContactStore;
  clock: Clock;
  ids: () => string;
  audit: AuditRecorder;
  /** The call-record feature's reader, once wired; the store's reading of call_record otherwise. */
  records?: (key: string, contactIds: string[], limit: number) => Promise<CallRecord[]>;
  /** Open requests of a number (phoneKey) or of contacts, from the ticketing feature (wired in main.ts). */
  openTickets?: (key: string, contactIds: string[]) => Promise<OpenTicketSummary[]>;
}) {
  const { store, audit } = deps;
  const iso = () => new Date(deps.clock.now()).toISOString();

  async function checkPlaces(tx: ContactQueries, ids: { cityId: string | null; districtId: string | null }) {
    const found = { city: ids.cityId ? await tx.place(ids.cityId) : null, district: ids.districtId ? await tx.place(ids.districtId) : null };
    const problems = placeProblems(ids, found);
    if (problems.length) throw invalid(problems);
  }
  const mustGet = async (tx: ContactQueries, id: string) => {
    const c = await tx.get(id);
    if (!c) throw new AppError('not_found', `No contact ${id}`);
    return c;
  };

  async function list(q: { search?: string; phone?: string; offset: number; limit: number }) {
    const filter: ContactFilter = { ...readSearch(q.search), ...(q.phone ? { phoneKey: phoneKey(q.phone) } : {}) };
    const { items, total } = await store.page(filter, q.offset, q.limit);
    return { items, total, offset: q.offset, limit: q.limit };
  }

  async function create(input: ContactInput, actor: Actor) {
    const out = await store.once(input.clientId, deps.clock.now(), async (tx) => {
      await checkPlaces(tx, input);
      const now = iso();
      const { clientId: _omit, ...fields } = input;
      const contact: Contact = { ...fields, id: deps.ids(), phones: uniquePhones(input.phones), createdAt: now, updatedAt: now };
      await tx.insert(contact);
      return contact;
    });
    if (!out.replayed) await audit.record({ ...actor, action: 'contact.create', targetType: 'contact', targetId: out.result.id, after: out.result });
    return { contact: out.result, replayed: out.replayed };
  }

  async function update(id: string, patch: z.output<typeof ContactPatch>, actor: Actor) {
    let before: Contact | null = null;
    const out = await store.once(patch.clientId, deps.clock.now(), async (tx) => {
      before = await mustGet(tx, id);
      const { clientId: _omit, ...given } = patch;
      const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Contact>;
      const after: Contact = { ...before, ...defined, id, updatedAt: iso() };
      after.phones = uniquePhones(after.phones);
      // A city change clears a district the patch did not name: it belonged to the old city.
      if (given.cityId !== undefined && given.cityId !== before.cityId && given.districtId === undefined) after.districtId = null;
      if (given.cityId !== undefined || given.districtId !== undefined) await checkPlaces(tx, after);
      await tx.update(after);
      return after;
    });
    if (!out.replayed) await audit.record({ ...actor, action: 'contact.update', targetType: 'contact', targetId: id, before, after: out.result });
    return { contact: out.result, replayed: out.replayed };
  }

  async function remove(id: string, actor: Actor) {
    const before = await store.transaction(async (tx) => {
      const before = await mustGet(tx, id);
      await tx.remove(id);
      return before;
    });
    await audit.record({ ...actor, action: 'contact.delete', targetType: 'contact', targetId: id, before });
  }

  async function merge(input: { keepId: string; mergeIds: string[] }, actor: Actor) {
    const mergeIds = [...new Set(input.mergeIds)];
    if (mergeIds.includes(input.keepId)) throw invalid([{ field: 'mergeIds', message: 'the kept contact cannot be merged into itself' }]);
    const { keep, merged, after, moved } = await store.transaction(async (tx) => {
      const keep = await mustGet(tx, input.keepId);
      const merged: Contact[] = [];
      for (const id of mergeIds) merged.push(await mustGet(tx, id));
      const after = mergeInto(keep, merged, iso());
      // Moved first: the merged contacts' numbers and links go to `keep` before they are deleted.
      await tx.update(after);
      const moved = await tx.repoint(mergeIds, keep.id);
      for (const id of mergeIds) await tx.remove(id);
      return { keep, merged, after, moved };
    });
    await audit.record({ ...actor, action: 'contact.merge', targetType: 'contact', targetId: keep.id, before: { keep, merged }, after: { keep: after, moved } });
    return after;
  }

  async function importCsv(csv: string, actor: Actor): Promise<ImportResult> {
    const table = readCsvTable(csv, { required: ['name', 'phones'] });
    if (table.errors.length) throw new AppError('validation_failed', 'The file is not valid; nothing was imported', table.errors.slice(0, 200));
    const plan = await store.transaction(async (tx) => {
      const keys = [...new Set(table.rows.flatMap((r) => rowPhones(r).map(phoneKey)).filter((k) => k.length >= 3))];
      const owners: Contact[] = [];
      for (let i = 0; i < keys.length; i += 500) owners.push(...(await tx.byPhoneKeys(keys.slice(i, i + 500))));
      const unique = [...new Map(owners.map((c) => [c.id, c])).values()];
      const plan = planContacts(table.rows, { places: await tx.places(), owners: unique }, { id: deps.ids, now: iso() });
      if (plan.errors.length) {
        const n = plan.errors.length;
        throw new AppError('validation_failed', `${n} row${n === 1 ? '' : 's'} of the file ${n === 1 ? 'is' : 'are'} not valid; nothing was imported`, plan.errors.slice(0, 200));
      }
      for (const c of plan.create) await tx.insert(c);
      for (const u of plan.update) await tx.update(u.after);
      return plan;
    });
    const result = { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
    await audit.record({
      ...actor,
      action: 'contact.import',
      targetType: 'contact',
      targetId: null,
      before: plan.update.map((u) => u.before),
      after: { ...result, created: plan.create, updated: plan.update.map((u) => u.after) },
    });
    return result;
  }

  async function screenPop(number: string): Promise<ScreenPop> {
    const key = phoneKey(number);
    if (key.length < 3) return { number, contacts: [], records: [], tickets: [] };
    const contacts = await store.byPhoneKeys([key]);
    const ids = contacts.map((c) => c.id);
    const records = await (deps.records ?? store.recentRecords)(key, ids, 10);
    // A repeat caller's open requests pop up with the call (issue 7).
    const tickets = deps.openTickets ? await deps.openTickets(key, ids) : [];
    return { number, contacts, records, tickets };
  }

  return {
    list,
    get: (id: string) => mustGet(store, id),
    exists: async (id: string) => (await store.get(id)) !== null,
    create,
    update,
    remove,
    merge,
    importCsv,
    screenPop,
    places: () => store.places(),
  };
}

export type ContactService = ReturnType<typeof createContactService>;
/** The slice other features get (wired in main.ts). */
export type ContactLookup = Pick<ContactService, 'exists'>;

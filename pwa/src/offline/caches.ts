import type { IDBPDatabase } from 'idb';
import { phoneKey, type Contact, type FaqEntry, type ReferenceBundle } from '@edgecall/contracts/crm';
import type { CachedReference, EdgeCallDb } from './db.ts';

/**
 * What the call-handling window needs when the appliance cannot be reached:
 * the reference bundle, the contacts seen (looked up by phone key for the
 * offline screen pop) and the FAQ. Like the last-data store, a storage
 * failure never breaks the online app: reads answer empty, writes are skipped.
 */
export interface OfflineCaches {
  loadReference(): Promise<CachedReference | null>;
  saveReference(bundle: ReferenceBundle): Promise<void>;
  /** Contacts seen online; replaces older copies of the same ids. */
  saveContacts(contacts: Contact[]): Promise<void>;
  removeContacts(ids: string[]): Promise<void>;
  contactsByPhone(number: string): Promise<Contact[]>;
  searchContacts(text: string, limit: number): Promise<Contact[]>;
  /** The whole FAQ as last fetched (replaces the previous copy). */
  replaceFaq(entries: FaqEntry[]): Promise<void>;
  saveFaq(entries: FaqEntry[]): Promise<void>;
  allFaq(): Promise<FaqEntry[]>;
}

const strip = ({ phoneKeys: _k, cachedAt: _c, ...c }: Contact & { phoneKeys?: string[]; cachedAt?: number }): Contact => c;

export function createOfflineCaches(db: () => Promise<IDBPDatabase<EdgeCallDb> | null>): OfflineCaches {
  async function safely<T>(fn: (d: IDBPDatabase<EdgeCallDb>) => Promise<T>, fallback: T): Promise<T> {
    try {
      const d = await db();
      return d ? await fn(d) : fallback;
    } catch (e) {
      console.warn('offline cache failed', e);
      return fallback;
    }
  }
  return {
    loadReference: () => safely(async (d) => (await d.get('reference', 'bundle')) ?? null, null),
    saveReference: (bundle) => safely(async (d) => void (await d.put('reference', { bundle, savedAt: Date.now() }, 'bundle')), undefined),
    saveContacts: (contacts) =>
      safely(async (d) => {
        if (contacts.length === 0) return;
        const tx = d.transaction('contacts', 'readwrite');
        const now = Date.now();
        for (const c of contacts) void tx.store.put({ ...strip(c), phoneKeys: [...new Set(c.phones.map(phoneKey))], cachedAt: now });
        await tx.done;
      }, undefined),
    removeContacts: (ids) =>
      safely(async (d) => {
        const tx = d.transaction('contacts', 'readwrite');
        for (const id of ids) void tx.store.delete(id);
        await tx.done;
      }, undefined),
    contactsByPhone: (number) => safely(async (d) => (await d.getAllFromIndex('contacts', 'phoneKey', phoneKey(number))).map(strip), []),
    searchContacts: (text, limit) =>
      safely(async (d) => {
        const q = text.trim().toLocaleLowerCase();
        const digits = q.replace(/\D/g, '');
        const all = (await d.getAll('contacts')).map(strip);
        const hits = all.filter((c) => !q || c.name.toLocaleLowerCase().includes(q) || (digits.length >= 3 && c.phones.some((p) => p.includes(digits))));
        return hits.sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
      }, []),
    replaceFaq: (entries) =>
      safely(async (d) => {
        const tx = d.transaction('faq', 'readwrite');
        await tx.store.clear();
        for (const e of entries) void tx.store.put(e);
        await tx.done;
      }, undefined),
    saveFaq: (entries) =>
      safely(async (d) => {
        const tx = d.transaction('faq', 'readwrite');
        for (const e of entries) void tx.store.put(e);
        await tx.done;
      }, undefined),
    allFaq: () => safely((d) => d.getAll('faq'), []),
  };
}

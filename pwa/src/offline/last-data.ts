import type { IDBPDatabase } from 'idb';
import { NetworkError } from '../data/errors.ts';
import { openEdgeCallDb, type EdgeCallDb, type StoredData, type StoredSession } from './db.ts';

export type { StoredSession, StoredData } from './db.ts';

/**
 * The device's memory of the last session and the last data of each panel.
 * Storage can be unavailable (private windows, quota): every method then
 * quietly does nothing, because losing the offline copy must never break
 * the online app.
 */
export interface OfflineStore {
  loadSession(): Promise<StoredSession | null>;
  saveSession(s: StoredSession): Promise<void>;
  loadLast<T>(key: string): Promise<StoredData<T> | null>;
  saveLast<T>(key: string, value: T, savedAt?: number): Promise<void>;
  /** Forget the session and its data (not the outbox): on logout and when the appliance says the session is gone. */
  clear(): Promise<void>;
}

export function createOfflineStore(open: () => Promise<IDBPDatabase<EdgeCallDb> | null> = openEdgeCallDb): OfflineStore {
  let db: Promise<IDBPDatabase<EdgeCallDb> | null> | null = null;
  const get = () => (db ??= open().catch((e) => (console.warn('offline store unavailable', e), null)));
  const safely = async <T>(fn: (d: IDBPDatabase<EdgeCallDb>) => Promise<T>, fallback: T): Promise<T> => {
    try {
      const d = await get();
      return d ? await fn(d) : fallback;
    } catch (e) {
      console.warn('offline store failed', e);
      return fallback;
    }
  };
  return {
    loadSession: () => safely(async (d) => (await d.get('session', 'current')) ?? null, null),
    saveSession: (s) => safely(async (d) => void (await d.put('session', s, 'current')), undefined),
    loadLast: <T>(key: string) => safely(async (d) => ((await d.get('lastData', key)) as StoredData<T> | undefined) ?? null, null),
    saveLast: (key, value, savedAt = Date.now()) => safely(async (d) => void (await d.put('lastData', { key, savedAt, value })), undefined),
    clear: () =>
      safely(async (d) => {
        // The outbox is kept: its items are the user's unsent work, sent again after their next login.
        const tx = d.transaction(['session', 'lastData', 'contacts'], 'readwrite');
        await Promise.all([tx.objectStore('session').clear(), tx.objectStore('lastData').clear(), tx.objectStore('contacts').clear(), tx.done]);
      }, undefined),
  };
}

export interface Fetched<T> {
  value: T;
  savedAt: number;
  /** True when the appliance could not be reached and this is the saved copy. */
  fromCache: boolean;
}

/**
 * Fetch fresh data and remember it; when the appliance cannot be reached,
 * answer with the copy saved last time instead. Any other failure (a 403,
 * a validation error) is the appliance's answer and is passed on.
 */
export async function fetchOrLast<T>(offline: OfflineStore, key: string, fetcher: () => Promise<T>): Promise<Fetched<T>> {
  try {
    const value = await fetcher();
    const savedAt = Date.now();
    // Awaited so a reload right after the answer still finds the copy.
    await offline.saveLast(key, value, savedAt);
    return { value, savedAt, fromCache: false };
  } catch (e) {
    if (e instanceof NetworkError) {
      const last = await offline.loadLast<T>(key);
      if (last) return { value: last.value, savedAt: last.savedAt, fromCache: true };
    }
    throw e;
  }
}

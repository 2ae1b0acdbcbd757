import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SessionUser } from '@edgecall/contracts/auth';
import type { Contact, FaqEntry, ReferenceBundle } from '@edgecall/contracts/crm';
import type { OutboxItem } from './outbox.ts';

/** The session as last confirmed by the appliance, so the app opens offline. */
export interface StoredSession {
  user: SessionUser;
  site: string;
  /** When the appliance last confirmed it (epoch ms). */
  confirmedAt: number;
}

/** The last answer a panel showed, with when it was fetched. */
export interface StoredData<T = unknown> {
  key: string;
  savedAt: number;
  value: T;
}

/** This browser profile's identity for the outbox: `deviceId:seq` client ids (DESIGN.md §6). */
export interface DeviceMeta {
  deviceId: string;
  /** The seq the next outbox item gets; only ever grows, so a client id is never reused. */
  nextSeq: number;
}

/** A contact seen online, with the phone keys the offline screen pop looks it up by. */
export interface CachedContact extends Contact {
  phoneKeys: string[];
  cachedAt: number;
}

export interface CachedReference {
  bundle: ReferenceBundle;
  savedAt: number;
}

export interface EdgeCallDb extends DBSchema {
  session: { key: 'current'; value: StoredSession };
  lastData: { key: string; value: StoredData };
  /** Mutations not yet applied by the appliance, keyed (and replayed) by seq. */
  outbox: { key: number; value: OutboxItem };
  meta: { key: 'device'; value: DeviceMeta };
  reference: { key: 'bundle'; value: CachedReference };
  contacts: { key: string; value: CachedContact; indexes: { phoneKey: string } };
  faq: { key: string; value: FaqEntry };
}

export const DB_NAME = 'edgecall';
/** Bump with an upgrade step below whenever a store or index changes. */
export const DB_VERSION = 2;

/** The device id: a UUID is 36 letters, digits and dashes, inside the appliance's /^[A-Za-z0-9_-]{1,64}$/. */
export function mintDeviceId(): string {
  return crypto.randomUUID();
}

export function openEdgeCallDb(): Promise<IDBPDatabase<EdgeCallDb>> {
  return openDB<EdgeCallDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('session');
        db.createObjectStore('lastData', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        // Issue 5: the offline outbox and the operator panel's offline caches.
        db.createObjectStore('outbox', { keyPath: 'seq' });
        db.createObjectStore('meta');
        db.createObjectStore('reference');
        db.createObjectStore('contacts', { keyPath: 'id' }).createIndex('phoneKey', 'phoneKeys', { multiEntry: true });
        db.createObjectStore('faq', { keyPath: 'id' });
      }
    },
    blocking(_current, _next, event) {
      // A newer version of the app opened the database in another tab: let it upgrade.
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

/** One connection for the whole app, opened at the first use; null when storage is unavailable. */
export function sharedDb(open: () => Promise<IDBPDatabase<EdgeCallDb>> = openEdgeCallDb): () => Promise<IDBPDatabase<EdgeCallDb> | null> {
  let db: Promise<IDBPDatabase<EdgeCallDb> | null> | null = null;
  return () => (db ??= open().catch((e) => (console.warn('offline store unavailable', e), null)));
}

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SessionUser } from '@edgecall/contracts/auth';

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

export interface EdgeCallDb extends DBSchema {
  session: { key: 'current'; value: StoredSession };
  lastData: { key: string; value: StoredData };
}

export const DB_NAME = 'edgecall';
/** Bump with an upgrade step below whenever a store or index changes. */
export const DB_VERSION = 1;

export function openEdgeCallDb(): Promise<IDBPDatabase<EdgeCallDb>> {
  return openDB<EdgeCallDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('session');
        db.createObjectStore('lastData', { keyPath: 'key' });
      }
    },
  });
}

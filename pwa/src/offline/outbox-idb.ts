import type { IDBPDatabase } from 'idb';
import type { ApiClient } from '../data/http.ts';
import { mintDeviceId, type EdgeCallDb } from './db.ts';
import { Outbox, memoryOutboxStorage, type OutboxDraft, type OutboxItem, type OutboxLock, type OutboxStorage } from './outbox.ts';

const LOCK_NAME = 'edgecall-outbox';
const CHANNEL_NAME = 'edgecall-outbox';

/**
 * The outbox in IndexedDB: the seq is minted in the same transaction that
 * stores the item, so two tabs saving at once never share a client id and a
 * crash never leaves a minted id without its item.
 */
export function idbOutboxStorage(open: () => Promise<IDBPDatabase<EdgeCallDb> | null>): OutboxStorage {
  let fallback: OutboxStorage | null = null;
  const db = async () => {
    const d = await open();
    if (!d) throw new Error('IndexedDB unavailable');
    return d;
  };
  const idb: OutboxStorage = {
    async add(draft: OutboxDraft, createdAt: number): Promise<OutboxItem> {
      const d = await db();
      const tx = d.transaction(['meta', 'outbox'], 'readwrite');
      const meta = (await tx.objectStore('meta').get('device')) ?? { deviceId: mintDeviceId(), nextSeq: 1 };
      const seq = meta.nextSeq;
      const item: OutboxItem = {
        ...draft,
        seq,
        clientId: `${meta.deviceId}:${seq}`,
        body: { ...draft.body, clientId: `${meta.deviceId}:${seq}` },
        createdAt,
        status: 'pending',
        error: null,
        attempts: 0,
      };
      await tx.objectStore('meta').put({ ...meta, nextSeq: seq + 1 }, 'device');
      await tx.objectStore('outbox').add(item);
      await tx.done;
      return item;
    },
    all: async () => (await db()).getAll('outbox'),
    get: async (seq) => (await db()).get('outbox', seq),
    put: async (item) => void (await (await db()).put('outbox', item)),
    remove: async (seq) => (await db()).delete('outbox', seq),
  };
  // Decided once, at the first use: mixing the two would reorder items.
  let chosen: Promise<OutboxStorage> | null = null;
  const storage = () =>
    (chosen ??= open().then(
      (d) => (d ? idb : (fallback ??= memoryOutboxStorage(mintDeviceId()))),
      () => (fallback ??= memoryOutboxStorage(mintDeviceId())),
    ));
  return {
    add: async (draft, createdAt) => (await storage()).add(draft, createdAt),
    all: async () => (await storage()).all(),
    get: async (seq) => (await storage()).get(seq),
    put: async (item) => (await storage()).put(item),
    remove: async (seq) => (await storage()).remove(seq),
  };
}

/**
 * One sender across tabs: the Web Locks API (every browser this PWA
 * supports has it on a secure origin). Without it (an http:// address other
 * than localhost) the tab serialises its own sends and the appliance's
 * once-only application covers a second tab sending the same item.
 */
export function webLock(): OutboxLock {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) return <T>(fn: () => Promise<T>) => locks.request(LOCK_NAME, fn) as Promise<T>;
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
}

/** The outbox of this browser, sending through the api client (so reachability is reported as for any request). */
export function createBrowserOutbox(api: ApiClient, db: () => Promise<IDBPDatabase<EdgeCallDb> | null>): Outbox {
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL_NAME) : null;
  const outbox = new Outbox({
    storage: idbOutboxStorage(db),
    send: (item) => api.request(item.method, item.path, item.body),
    lock: webLock(),
    notify: () => channel?.postMessage('changed'),
  });
  channel?.addEventListener('message', () => void outbox.refresh());
  return outbox;
}

import { Store } from '../state/store.ts';
import { ApiError, NetworkError } from '../data/errors.ts';

/**
 * The PWA → appliance outbox (DESIGN.md §6). Every save that must survive an
 * unreachable appliance (call records, contacts, callback outcomes and
 * schedules) is first written to the device with a client id
 * `deviceId:seq`, then sent in seq order. The appliance applies each client
 * id once, so a resend after a lost answer, a browser restart or a second
 * tab changes nothing.
 *
 * This module is the logic only; storage, the cross-tab lock and the
 * transport are ports (outbox-idb.ts gives the browser's), so the ordering,
 * retry and failure rules are tested without a browser.
 */

export const OUTBOX_KINDS = ['call-record', 'contact-create', 'contact-update', 'callback-outcome', 'callback-schedule', 'ticket-create', 'ticket-comment'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface OutboxError {
  id: string;
  message: string;
  status: number;
  details?: unknown;
}

export interface OutboxItem {
  seq: number;
  clientId: string;
  kind: OutboxKind;
  method: 'POST' | 'PATCH';
  path: string;
  /** Carries `clientId` too: that is what the appliance deduplicates on. */
  body: Record<string, unknown>;
  createdAt: number;
  status: 'pending' | 'failed';
  /** The appliance's refusal of a failed item. */
  error: OutboxError | null;
  /** Replayed only under this user's session: a mutation is never sent as someone else. */
  userId: string;
  /** What the pending list shows for it (a number, a name). */
  label: string;
  attempts: number;
}

export type OutboxDraft = Pick<OutboxItem, 'kind' | 'method' | 'path' | 'body' | 'userId' | 'label'>;

export interface OutboxStorage {
  /** Mints the next `deviceId:seq` and stores the item with it, atomically. */
  add(draft: OutboxDraft, createdAt: number): Promise<OutboxItem>;
  /** Every item, by seq. */
  all(): Promise<OutboxItem[]>;
  get(seq: number): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  remove(seq: number): Promise<void>;
}

/** Exactly one sender at a time across the browser's tabs (Web Locks in the browser). */
export type OutboxLock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface OutboxPorts {
  storage: OutboxStorage;
  /** Sends one item; throws NetworkError or ApiError like the api client. */
  send: (item: OutboxItem) => Promise<unknown>;
  lock: OutboxLock;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  /** Tells other tabs the outbox changed (BroadcastChannel in the browser). */
  notify?: () => void;
}

export interface OutboxState {
  /** The current user's items, by seq: what the shell's counter lists. */
  items: OutboxItem[];
  userId: string | null;
  /** A send is under way. */
  flushing: boolean;
}

/** How a save ended: applied by the appliance, or kept on the device to be sent later. */
export type SubmitResult<T = unknown> = { status: 'sent'; result: T; item: OutboxItem } | { status: 'queued'; item: OutboxItem };

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Which failures may succeed later: no answer at all, the appliance busy or
 * failing (5xx, 429), or the session gone (401: sent again after the login).
 * Any other 4xx is the appliance's verdict on the data and will not change.
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof NetworkError) return true;
  if (e instanceof ApiError) return e.status === 0 || e.status >= 500 || e.status === 429 || e.status === 401 || e.status === 408;
  return true;
}

export class Outbox extends Store<OutboxState> {
  readonly #p: Required<Omit<OutboxPorts, 'notify'>> & { notify: () => void };
  #attempt = 0;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #again = false;
  /** Items a form is waiting on: their 4xx goes back to the form instead of into the failed list. */
  readonly #immediate = new Set<number>();
  readonly #outcomes = new Map<number, Outcome>();
  readonly #applied = new Set<(item: OutboxItem, result: unknown) => void>();

  constructor(ports: OutboxPorts) {
    super({ items: [], userId: null, flushing: false });
    this.#p = {
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: Math.random,
      notify: () => undefined,
      ...ports,
    };
  }

  /** Called for every item the appliance applied (caches learn the created rows). */
  onApplied(fn: (item: OutboxItem, result: unknown) => void): () => void {
    this.#applied.add(fn);
    return () => this.#applied.delete(fn);
  }

  /** The logged-in user (null when nobody): only their items are shown and sent. */
  async setUser(userId: string | null): Promise<void> {
    if (userId === this.value.userId) return;
    this.patch({ userId });
    await this.refresh();
    if (userId) this.kick();
  }

  /** Re-reads the items (another tab changed them). */
  async refresh(): Promise<void> {
    const userId = this.value.userId;
    // A save a form is still waiting on is not "pending" yet: the form shows how it ends.
    const items = userId ? (await this.#p.storage.all()).filter((i) => i.userId === userId && !this.#immediate.has(i.seq)) : [];
    this.patch({ items });
  }

  /**
   * Saves through the outbox: stored first, then sent at once (after any
   * older pending items, which keep their order). A refusal (4xx) is thrown
   * to the form, which still holds the input, and the item is dropped; no
   * answer leaves it queued on the device.
   */
  async submit<T = unknown>(draft: Omit<OutboxDraft, 'userId'>): Promise<SubmitResult<T>> {
    const userId = this.value.userId;
    if (!userId) throw new Error('outbox: nobody is logged in');
    const item = await this.#p.storage.add({ ...draft, userId }, this.#p.now());
    this.#immediate.add(item.seq);
    try {
      await this.#changed();
      await this.flush();
      const outcome = this.#outcomes.get(item.seq);
      if (outcome) {
        if (!outcome.ok) throw outcome.error;
        return { status: 'sent', result: outcome.result as T, item };
      }
      const stored = await this.#p.storage.get(item.seq);
      if (stored) return { status: 'queued', item: stored };
      // Another tab held the lock and sent it: asking again with the same client id returns the appliance's first answer.
      return { status: 'sent', result: (await this.#p.send(item)) as T, item };
    } finally {
      this.#immediate.delete(item.seq);
      this.#outcomes.delete(item.seq);
      await this.refresh();
    }
  }

  /** Send now, forgetting the backoff (back online, reconnected, the user asked). */
  kick(): void {
    this.#attempt = 0;
    if (this.#timer !== null) this.#p.clearTimer(this.#timer);
    this.#timer = null;
    void this.flush().catch((e) => console.warn('outbox: flush failed', e));
  }

  /** A failed item, sent again (after the data it depends on was fixed). */
  async retry(seq: number): Promise<void> {
    const item = await this.#p.storage.get(seq);
    if (!item) return;
    await this.#p.storage.put({ ...item, status: 'pending', error: null });
    await this.#changed();
    this.kick();
  }

  /** Drops an item the user gave up on. */
  async discard(seq: number): Promise<void> {
    await this.#p.storage.remove(seq);
    await this.#changed();
  }

  /** Sends pending items in seq order until none is left or one gets no answer. */
  flush(): Promise<void> {
    if (this.#running) {
      // Items added while a run is under way are sent by one more pass.
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#p.lock(() => this.#drain());
        } while (this.#again);
      } finally {
        this.#running = null;
        this.patch({ flushing: false });
      }
    })();
    return this.#running;
  }

  async #drain(): Promise<void> {
    const userId = this.value.userId;
    if (!userId) return;
    this.patch({ flushing: true });
    for (;;) {
      // Read afresh each time: another tab may have sent or added items.
      const next = (await this.#p.storage.all()).find((i) => i.status === 'pending' && i.userId === userId);
      if (!next) {
        this.#attempt = 0;
        return;
      }
      try {
        const result = await this.#p.send(next);
        await this.#p.storage.remove(next.seq);
        this.#outcomes.set(next.seq, { ok: true, result });
        for (const fn of this.#applied) fn(next, result);
        await this.#changed();
      } catch (e) {
        if (isTransient(e)) {
          // No second pass now (a save that arrived meanwhile stays queued): the backoff decides when.
          this.#again = false;
          await this.#p.storage.put({ ...next, attempts: next.attempts + 1 });
          await this.#changed();
          this.#scheduleRetry();
          return;
        }
        if (this.#immediate.has(next.seq)) {
          await this.#p.storage.remove(next.seq);
          this.#outcomes.set(next.seq, { ok: false, error: e });
        } else {
          await this.#p.storage.put({ ...next, status: 'failed', attempts: next.attempts + 1, error: errorOf(e) });
        }
        await this.#changed();
      }
    }
  }

  #scheduleRetry(): void {
    if (this.#timer !== null) this.#p.clearTimer(this.#timer);
    const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.#attempt++);
    // Jitter: tabs of several agents returning with the network must not all hit the appliance at once.
    this.#timer = this.#p.setTimer(() => {
      this.#timer = null;
      void this.flush().catch((e) => console.warn('outbox: flush failed', e));
    }, base / 2 + this.#p.random() * (base / 2));
  }

  async #changed(): Promise<void> {
    await this.refresh();
    this.#p.notify();
  }
}

function errorOf(e: unknown): OutboxError {
  if (e instanceof ApiError) return { id: e.id, message: e.message, status: e.status, details: e.details };
  return { id: 'unexpected', message: String((e as Error)?.message ?? e), status: 0 };
}

/**
 * Items kept in memory only: where IndexedDB is unavailable (some private
 * windows) saves still go out at once, but do not survive a reload.
 */
export function memoryOutboxStorage(deviceId: string): OutboxStorage {
  const items = new Map<number, OutboxItem>();
  let nextSeq = 1;
  const copy = (i: OutboxItem): OutboxItem => structuredClone(i);
  return {
    async add(draft, createdAt) {
      const seq = nextSeq++;
      const clientId = `${deviceId}:${seq}`;
      const item: OutboxItem = { ...draft, seq, clientId, body: { ...draft.body, clientId }, createdAt, status: 'pending', error: null, attempts: 0 };
      items.set(seq, copy(item));
      return item;
    },
    all: async () => [...items.values()].sort((a, b) => a.seq - b.seq).map(copy),
    get: async (seq) => (items.has(seq) ? copy(items.get(seq)!) : undefined),
    put: async (item) => void items.set(item.seq, copy(item)),
    remove: async (seq) => void items.delete(seq),
  };
}

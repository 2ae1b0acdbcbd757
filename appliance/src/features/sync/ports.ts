import type { RefChange, RefPage, RefSnapshot, SyncAck, SyncBatch, SyncRecord } from '@edgecall/contracts';

/** What the uploader needs from storage (store.ts implements it on SQLite). */
export interface OutboxPort {
  /** Epoch, the local cursor (last seq acked by HQ) and the highest seq ever written; `meta` holds the persisted status. */
  state(): Promise<{ epoch: string; ackedSeq: number; headSeq: number; meta: Record<string, string> }>;
  pending(afterSeq: number, maxRecords: number, maxBytes: number): Promise<SyncRecord[]>;
  backlog(afterSeq: number): Promise<{ records: number; oldestCreatedAt: number | null }>;
  /** When the oldest pending row was written: one primary-key lookup, cheap enough before every batch. */
  oldestPending(afterSeq: number): Promise<number | null>;
  /** Moves the cursor (forward on ack, backward on a 409 rewind) if `epoch` is still current. */
  saveAck(epoch: string, ackedSeq: number, meta: Record<string, string | number>): Promise<void>;
  saveMeta(meta: Record<string, string | number>): Promise<void>;
  /** A new epoch starts from seq 0: everything still in the outbox is sent again. */
  rotateEpoch(epoch: string): Promise<void>;
  /** Deletes acked rows older than the retention; returns how many. */
  compact(ackedSeq: number, createdBefore: number): Promise<number>;
}

export interface RefRow {
  dataset: string;
  key: string;
  rev: number;
  payload: unknown;
}

/** What the downlink needs from storage. */
export interface RefPort {
  refCursor(): Promise<number>;
  /** Applies changes and stores `nextRev` in one transaction. */
  applyRefPage(changes: RefChange[], nextRev: number): Promise<void>;
  /** Replaces every item and stores `asOfRev` in one transaction. */
  applyRefSnapshot(items: RefRow[], asOfRev: number): Promise<void>;
  refList(dataset: string): Promise<RefRow[]>;
  refCounts(): Promise<Record<string, number>>;
}

/** A central reply, already parsed: success with its body, or a refusal with its error id. */
export type CentralReply<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; id: string; message: string; details?: unknown; retryAfterMs: number | null };

/** The central server as the appliance sees it; status 0 = no HTTP answer (network, timeout). */
export interface CentralPort {
  sendBatch(batch: SyncBatch, signal: AbortSignal): Promise<CentralReply<SyncAck>>;
  pullRef(since: number, limit: number, signal: AbortSignal): Promise<CentralReply<RefPage>>;
  refSnapshot(signal: AbortSignal): Promise<CentralReply<RefSnapshot>>;
}

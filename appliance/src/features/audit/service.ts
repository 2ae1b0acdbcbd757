import type { Clock, ContentHasher } from '../../core/ports.ts';

export interface AuditEntryInput {
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  address?: string | null;
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'before' | 'after'>> {
  seq: number;
  at: number;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditStore {
  last(): Promise<{ seq: number; hash: string } | null>;
  insert(entry: Omit<AuditEntry, 'seq'>): Promise<number>;
  page(opts: { offset: number; limit: number; action?: string; actorName?: string; from?: number; to?: number }): Promise<{ rows: AuditEntry[]; total: number }>;
  all(): Promise<AuditEntry[]>;
}

export const GENESIS = '0'.repeat(64);

/** Secrets never enter the audit log, even as "before/after" of a change. */
const SECRET_KEYS = /password|secret|token/i;
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '***' : redact(v)]));
  }
  return value;
}

function canonical(e: Omit<AuditEntry, 'seq' | 'hash'>): string {
  return JSON.stringify([e.at, e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.before, e.after, e.address, e.prevHash]);
}

/**
 * The audit log: who did what, when, before and after. Each entry's hash
 * covers its content and the previous hash; `verify` finds the first break.
 * Appends are serialised so two concurrent writers cannot fork the chain.
 */
export function createAuditService(deps: { store: AuditStore; clock: Clock; hasher: ContentHasher }) {
  let tail: Promise<unknown> = Promise.resolve();

  function record(input: AuditEntryInput): Promise<number> {
    const run = tail.then(async () => {
      const last = await deps.store.last();
      const base = {
        at: deps.clock.now(),
        actorId: input.actorId,
        actorName: input.actorName,
        action: input.action,
        targetType: input.targetType,
        targetId: input.targetId,
        before: input.before === undefined ? null : redact(input.before),
        after: input.after === undefined ? null : redact(input.after),
        address: input.address ?? null,
        prevHash: last?.hash ?? GENESIS,
      };
      return deps.store.insert({ ...base, hash: deps.hasher.sha256(canonical(base)) });
    });
    tail = run.catch(() => undefined);
    return run;
  }

  async function verify(): Promise<{ ok: boolean; checked: number; brokenAt: number | null }> {
    let prev = GENESIS;
    const rows = await deps.store.all();
    for (const row of rows) {
      const { seq, hash, ...rest } = row;
      if (row.prevHash !== prev || deps.hasher.sha256(canonical(rest)) !== hash) return { ok: false, checked: rows.length, brokenAt: seq };
      prev = hash;
    }
    return { ok: true, checked: rows.length, brokenAt: null };
  }

  return { record, verify, page: deps.store.page, all: deps.store.all };
}

export type AuditService = ReturnType<typeof createAuditService>;

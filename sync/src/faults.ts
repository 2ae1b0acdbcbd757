import type { IngestHooks } from './ingest/service.ts';

/**
 * Fault injection for the fault-matrix tests (research/sync-and-mqtt.md §B.7):
 * `SYNC_FAULT=crash_before_commit@N`, `crash_after_commit@N` or
 * `drop_response@N` acts on the N-th batch that carries records (default 1).
 * A crash is a real `process.exit(137)`, so Postgres sees the connection die
 * mid-transaction exactly as after a kill -9.
 */
export function faultHooks(spec: string | undefined, onFault: (what: string) => void): IngestHooks | undefined {
  if (!spec) return undefined;
  const m = /^(crash_before_commit|crash_after_commit|drop_response)(?:@(\d+))?$/.exec(spec);
  if (!m) throw new Error(`SYNC_FAULT must be crash_before_commit|crash_after_commit|drop_response[@N], got ${spec}`);
  const kind = m[1];
  const at = Number(m[2] ?? 1);
  let seen = 0;
  const hit = (records: number) => records > 0 && ++seen === at;
  const crash = () => {
    onFault(kind);
    process.exit(137);
  };
  if (kind === 'crash_before_commit') return { beforeCommit: ({ records }) => (hit(records) ? crash() : undefined) };
  if (kind === 'crash_after_commit') return { afterCommit: ({ records }) => (hit(records) ? crash() : undefined) };
  return { afterCommit: ({ records }) => (hit(records) ? (onFault(kind), 'drop') : undefined) };
}

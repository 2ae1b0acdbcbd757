import { REF_DATASETS, REF_ITEM_SCHEMAS, type RefChange, type RefDataset } from '@edgecall/contracts';
import type { Clock, Logger, Scheduler } from '../../core/ports.ts';
import type { CentralPort, RefPort, RefRow } from './ports.ts';

export interface DownlinkOptions {
  pollMs: number;
  pageSize: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface DownlinkStatus {
  cursor: number | null;
  lastPullAt: number | null;
  lastSnapshotAt: number | null;
  consecutiveFailures: number;
  lastError: { id: string; message: string; at: number } | null;
  /** Items this build could not read (HQ newer than the appliance); the old copy is kept. */
  skipped: number;
  lastSkipped: { dataset: string; key: string; reason: string } | null;
}

const MAX_PAGES_PER_PULL = 100;
const isDataset = (d: string): d is RefDataset => (REF_DATASETS as readonly string[]).includes(d);

/**
 * The reference-data downlink: pulls HQ's change log after the stored cursor
 * and applies each page together with its cursor; a 410 means the log was
 * pruned past the cursor, and the snapshot replaces everything at once.
 */
export function createDownlink(deps: { store: RefPort; central: CentralPort; clock: Clock; scheduler: Scheduler; logger: Logger; random: () => number; options: DownlinkOptions }) {
  const o = deps.options;
  const log = deps.logger.child('feature:sync');
  const status: DownlinkStatus = { cursor: null, lastPullAt: null, lastSnapshotAt: null, consecutiveFailures: 0, lastError: null, skipped: 0, lastSkipped: null };
  let stopped = true;
  let running: Promise<void> | null = null;
  let cancelTimer: (() => void) | null = null;
  let abort = new AbortController();

  /** Items this build cannot read are left out (the previous copy stays) and counted for the status page. */
  function readable(dataset: string, key: string, payload: unknown): unknown | undefined {
    if (!isDataset(dataset)) return skip(dataset, key, 'unknown_dataset');
    const parsed = REF_ITEM_SCHEMAS[dataset].safeParse(payload);
    return parsed.success ? parsed.data : skip(dataset, key, 'invalid_item');
  }
  function skip(dataset: string, key: string, reason: string): undefined {
    status.skipped++;
    status.lastSkipped = { dataset, key, reason };
    log.warn('reference item skipped', { dataset, key, reason });
    return undefined;
  }

  async function snapshot(): Promise<boolean> {
    const r = await deps.central.refSnapshot(abort.signal);
    if (!r.ok) return failed(r.id, r.message);
    const items: RefRow[] = [];
    for (const i of r.body.items) {
      const payload = readable(i.dataset, i.key, i.payload);
      if (payload !== undefined) items.push({ dataset: i.dataset, key: i.key, rev: i.rev, payload });
    }
    await deps.store.applyRefSnapshot(items, r.body.asOfRev);
    status.cursor = r.body.asOfRev;
    status.lastSnapshotAt = deps.clock.now();
    log.info('reference data replaced from snapshot', { asOfRev: r.body.asOfRev, items: items.length });
    return true;
  }

  function failed(id: string, message: string): false {
    status.consecutiveFailures++;
    status.lastError = { id, message, at: deps.clock.now() };
    log.warn('reference pull failed', { id, message });
    return false;
  }

  /** Pulls until caught up; true when it reached the end of the log. */
  async function pull(): Promise<boolean> {
    for (let page = 0; page < MAX_PAGES_PER_PULL && !stopped; page++) {
      const since = await deps.store.refCursor();
      status.cursor = since;
      const r = await deps.central.pullRef(since, o.pageSize, abort.signal);
      if (!r.ok) {
        if (r.id === 'cursor_expired') {
          if (!(await snapshot())) return false;
          continue;
        }
        return failed(r.id, r.message);
      }
      const changes: RefChange[] = [];
      for (const c of r.body.changes) {
        if (c.op === 'delete') changes.push(c);
        else {
          const payload = readable(c.dataset, c.key, c.payload);
          if (payload !== undefined) changes.push({ ...c, payload });
        }
      }
      await deps.store.applyRefPage(changes, r.body.nextRev);
      status.cursor = r.body.nextRev;
      status.lastPullAt = deps.clock.now();
      if (!r.body.hasMore) {
        status.consecutiveFailures = 0;
        status.lastError = null;
        return true;
      }
    }
    return true;
  }

  function schedule(ms: number) {
    if (stopped) return;
    cancelTimer?.();
    cancelTimer = deps.scheduler.after(ms, () => void run());
  }

  async function run(): Promise<void> {
    if (stopped) return;
    // Asked while pulling: the change that prompted the ask may have committed after this pull's read.
    if (running) {
      await running;
      return run();
    }
    cancelTimer?.();
    running = (async () => {
      let ok = false;
      try {
        ok = await pull();
      } catch (err) {
        failed('internal', (err as Error).message ?? String(err));
      }
      const wait = ok ? o.pollMs : Math.round(deps.random() * Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.min(status.consecutiveFailures, 30)));
      running = null;
      schedule(wait);
    })();
    return running;
  }

  return {
    status: (): DownlinkStatus => ({ ...status }),
    start() {
      if (!stopped) return;
      stopped = false;
      abort = new AbortController();
      void run();
    },
    /** Pull now (the uplink just recovered, or an admin asked). */
    pullNow: () => run(),
    async stop() {
      stopped = true;
      cancelTimer?.();
      abort.abort();
      await running;
    },
  };
}

export type Downlink = ReturnType<typeof createDownlink>;

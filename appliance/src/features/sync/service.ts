import type { SyncAck, SyncBatch } from '@edgecall/contracts';
import type { Clock, Logger, Scheduler } from '../../core/ports.ts';
import type { CentralPort, CentralReply, OutboxPort } from './ports.ts';

export interface UploaderOptions {
  applianceId: string;
  appVersion: string;
  schemaVersion: number;
  batchMaxRecords: number;
  batchMaxBytes: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** With nothing to send, a heartbeat batch this often (last contact, skew, restore detection). */
  idlePollMs: number;
  /** Acked outbox rows are kept this long (audit, resend after a new epoch), then compacted. */
  retentionMs: number;
}

export interface UploaderStatus {
  state: 'stopped' | 'idle' | 'sending' | 'waiting';
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  nextAttemptAt: number | null;
  consecutiveFailures: number;
  lastError: { id: string; message: string; at: number } | null;
  /** Appliance clock minus HQ clock (ms), measured at the midpoint of the last exchange. */
  clockSkewMs: number | null;
  rejectsOpen: number;
  epochRotations: number;
}

const COMPACT_EVERY_MS = 3_600_000;

/**
 * The uploader (DESIGN.md §6): one batch in flight, chained by afterSeq.
 * Rewinds on 409 sync_gap, mints a new epoch when HQ shows this appliance's
 * history forked (restored backup), backs off exponentially with full jitter,
 * honours Retry-After, and keeps a retry timer of its own so a failure never
 * waits for the next local write.
 */
export function createUploader(deps: {
  outbox: OutboxPort;
  central: CentralPort;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  random: () => number;
  newEpoch: () => string;
  options: UploaderOptions;
  /** Called when uploads succeed again after failures (the downlink pulls then too). */
  onRecovered?: () => void;
}) {
  const o = deps.options;
  const log = deps.logger.child('feature:sync');
  const status: UploaderStatus = {
    state: 'stopped',
    lastAttemptAt: null,
    lastSuccessAt: null,
    nextAttemptAt: null,
    consecutiveFailures: 0,
    lastError: null,
    clockSkewMs: null,
    rejectsOpen: 0,
    epochRotations: 0,
  };
  let running = false;
  let stopped = true;
  let poked = false;
  let cancelTimer: (() => void) | null = null;
  let inFlight: Promise<void> | null = null;
  let abort = new AbortController();
  let lastContactAt = 0;
  let lastCompactAt = 0;
  let recordCap = o.batchMaxRecords;
  let conflictStreak = 0;

  /** Full jitter: uniform in [0, min(cap, base·2^n)], so reconnecting branches spread out. */
  const backoff = () => Math.round(deps.random() * Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.min(status.consecutiveFailures, 30)));

  function fail(id: string, message: string) {
    status.consecutiveFailures++;
    status.lastError = { id, message, at: deps.clock.now() };
    log.warn('upload failed', { id, message, failures: status.consecutiveFailures });
  }

  async function rotate(reason: string) {
    const epoch = deps.newEpoch();
    await deps.outbox.rotateEpoch(epoch);
    status.epochRotations++;
    log.warn('new sync epoch: resending the whole outbox', { reason, epoch });
  }

  async function onAck(epoch: string, headSeq: number, ack: SyncAck, sentAt: number, records: number): Promise<number> {
    const now = deps.clock.now();
    lastContactAt = now;
    status.clockSkewMs = Math.round((sentAt + now) / 2 - ack.serverTime);
    status.rejectsOpen = ack.rejectsOpen;
    if (ack.serverAckedSeq > headSeq) {
      // HQ has acked seqs this database never wrote: it is an older copy (restored backup).
      await rotate(`HQ acked ${ack.serverAckedSeq}, above this database's head ${headSeq}`);
      return 0;
    }
    await deps.outbox.saveAck(epoch, ack.ackedSeq, { last_success_at: now, rejects_open: ack.rejectsOpen, clock_skew_ms: status.clockSkewMs });
    const recovered = status.consecutiveFailures > 0;
    status.consecutiveFailures = 0;
    status.lastError = null;
    status.lastSuccessAt = now;
    conflictStreak = 0;
    recordCap = Math.min(o.batchMaxRecords, recordCap * 2);
    if (recovered) deps.onRecovered?.();
    if (now - lastCompactAt > COMPACT_EVERY_MS) {
      lastCompactAt = now;
      const removed = await deps.outbox.compact(ack.ackedSeq, now - o.retentionMs);
      if (removed) log.debug('outbox compacted', { removed });
    }
    return records > 0 ? 0 : o.idlePollMs;
  }

  async function onRefusal(r: Extract<CentralReply<SyncAck>, { ok: false }>, headSeq: number, epoch: string): Promise<number> {
    if (stopped) return 0; // the request was cut short by stop(): not a failure worth reporting
    const details = (r.details ?? {}) as { ackedSeq?: number };
    switch (r.id) {
      case 'sync_gap': {
        conflictStreak++;
        const target = Number(details.ackedSeq ?? 0);
        if (target > headSeq) await rotate(`HQ acked ${target}, above this database's head ${headSeq}`);
        else await deps.outbox.saveAck(epoch, target, {});
        log.info('rewinding to HQ', { ackedSeq: target });
        break;
      }
      case 'epoch_superseded':
      case 'epoch_diverged':
        conflictStreak++;
        await rotate(r.message);
        break;
      case 'payload_too_large':
        recordCap = Math.max(1, Math.floor(recordCap / 2));
        fail(r.id, r.message);
        return recordCap > 1 ? 0 : backoff();
      case 'schema_ahead':
      case 'not_authenticated':
      case 'forbidden':
        // Needs a person (upgrade HQ, enroll again): keep queuing, retry slowly.
        fail(r.id, r.message);
        return o.backoffMaxMs;
      case 'rate_limited':
      case 'service_unavailable':
        // HQ said when; a little jitter on top keeps branches that were told the same from returning together.
        fail(r.id, r.message);
        return r.retryAfterMs !== null ? r.retryAfterMs + Math.round(deps.random() * o.backoffBaseMs) : backoff();
      default:
        fail(r.id, r.message);
        return backoff();
    }
    // A conflict is answered at once; one that keeps coming back is treated as a failure.
    if (conflictStreak <= 3) return 0;
    fail(r.id, r.message);
    return backoff();
  }

  async function attempt(force: boolean): Promise<number> {
    const st = await deps.outbox.state();
    if (status.lastSuccessAt === null && st.meta.last_success_at) {
      status.lastSuccessAt = Number(st.meta.last_success_at);
      status.rejectsOpen = Number(st.meta.rejects_open ?? 0);
      status.clockSkewMs = st.meta.clock_skew_ms === undefined ? null : Number(st.meta.clock_skew_ms);
    }
    const records = await deps.outbox.pending(st.ackedSeq, recordCap, o.batchMaxBytes);
    const now = deps.clock.now();
    if (records.length === 0 && !force && now - lastContactAt < o.idlePollMs) return o.idlePollMs - (now - lastContactAt);
    const oldestPending = await deps.outbox.oldestPending(st.ackedSeq);
    const batch: SyncBatch = {
      applianceId: o.applianceId,
      epoch: st.epoch,
      afterSeq: st.ackedSeq,
      headSeq: st.headSeq,
      sentAt: now,
      oldestPendingAgeMs: oldestPending === null ? null : Math.max(0, now - oldestPending),
      schemaVersion: o.schemaVersion,
      appVersion: o.appVersion,
      records,
    };
    status.lastAttemptAt = now;
    status.state = 'sending';
    const reply = await deps.central.sendBatch(batch, abort.signal);
    if (reply.ok) return onAck(st.epoch, st.headSeq, reply.body, now, records.length);
    if (reply.status > 0) lastContactAt = deps.clock.now();
    return onRefusal(reply, st.headSeq, st.epoch);
  }

  function schedule(ms: number) {
    if (stopped) return;
    cancelTimer?.();
    status.state = ms > 0 ? (status.consecutiveFailures ? 'waiting' : 'idle') : status.state;
    status.nextAttemptAt = deps.clock.now() + ms;
    cancelTimer = deps.scheduler.after(ms, () => void tick(false));
  }

  async function tick(force: boolean) {
    if (running || stopped) {
      poked = poked || running;
      return;
    }
    running = true;
    cancelTimer?.();
    cancelTimer = null;
    let delay = o.idlePollMs;
    inFlight = (async () => {
      try {
        delay = await attempt(force);
      } catch (err) {
        if (!stopped) fail('internal', (err as Error).message ?? String(err));
        delay = backoff();
      }
    })();
    await inFlight;
    inFlight = null;
    running = false;
    if (poked && delay > 0 && status.consecutiveFailures === 0) delay = 0;
    poked = false;
    schedule(delay);
  }

  return {
    status: (): UploaderStatus => ({ ...status }),
    start() {
      if (!stopped) return;
      stopped = false;
      abort = new AbortController();
      // First contact at once: the heartbeat doubles as the restore check.
      void tick(true);
    },
    /** New rows were written: send soon, unless backing off after a failure. */
    poke() {
      if (stopped) return;
      if (running) poked = true;
      else if (status.consecutiveFailures === 0) schedule(0);
    },
    /** Try now even while backing off (an admin's "sync now"). */
    runNow() {
      if (!stopped && !running) void tick(true);
    },
    async stop() {
      stopped = true;
      cancelTimer?.();
      abort.abort();
      await inFlight;
      status.state = 'stopped';
      status.nextAttemptAt = null;
    },
  };
}

export type Uploader = ReturnType<typeof createUploader>;

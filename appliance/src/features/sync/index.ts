/**
 * Appliance ⇄ HQ sync, wired by main.ts: the outbox writer business stores call
 * inside their transactions, the uploader and downlink loops, and the status
 * routes. See sync/README.md for the protocol.
 */
import { SYNC_SCHEMA_VERSION, type OutboxRowInput } from '@edgecall/contracts';
import type { Clock, Logger, Scheduler } from '../../core/ports.ts';
import type { RouteSpec } from '../../lib/http-route.ts';
import { createCentralClient } from './client.ts';
import { resolveSyncTarget, type SyncSettings } from './config.ts';
import { createDownlink, type DownlinkStatus } from './downlink-service.ts';
import { syncRoutes } from './http.ts';
import { createUploader, type UploaderStatus } from './service.ts';
import { createSyncStore, writeOutbox } from './store.ts';

export { writeOutbox } from './store.ts';
export { SyncSettings, SYNC_SETTINGS_SHAPE, SYNC_ENV_KEYS, syncSettingsFromEnv, SyncConfigError } from './config.ts';
export { callJourneyRecord, agentTransitionRecord, type OutboxRowInput } from '@edgecall/contracts';

/** The transaction handle business stores already hold (MikroORM's SQLite EntityManager). */
export type SyncTx = Parameters<typeof writeOutbox>[0];

export interface ApplianceSyncDeps {
  em: () => SyncTx;
  dataDir: string;
  settings: SyncSettings;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  appVersion: string;
  /** Unique ids (epochs). */
  ids: () => string;
  random?: () => number;
  /** The data schema this build writes; tests set an older one. */
  schemaVersion?: number;
}

export interface SyncStatusView {
  enabled: boolean;
  reason: string | null;
  applianceId: string | null;
  centralUrl: string | null;
  epoch: string;
  ackedSeq: number;
  headSeq: number;
  backlog: { records: number; oldestCreatedAt: number | null };
  lastSuccessAt: number | null;
  rejectsOpen: number;
  clockSkewMs: number | null;
  schemaVersion: number;
  upload: UploaderStatus | null;
  reference: (DownlinkStatus & { items: Record<string, number> }) | { items: Record<string, number>; cursor: number };
}

export function createApplianceSync(deps: ApplianceSyncDeps) {
  const store = createSyncStore(deps.em);
  const target = resolveSyncTarget(deps.settings, deps.dataDir);
  const s = deps.settings;
  const random = deps.random ?? Math.random;
  const log = deps.logger.child('feature:sync');
  const schemaVersion = deps.schemaVersion ?? SYNC_SCHEMA_VERSION;

  const central = target.enabled
    ? createCentralClient({ centralUrl: target.centralUrl, credential: target.credential, requestTimeoutMs: s.syncRequestTimeoutMs, userAgent: `edgecall-appliance/${deps.appVersion}` })
    : null;
  const downlink = central
    ? createDownlink({ store, central, clock: deps.clock, scheduler: deps.scheduler, logger: deps.logger, random, options: { pollMs: s.syncRefPollMs, pageSize: 500, backoffBaseMs: s.syncBackoffBaseMs, backoffMaxMs: s.syncBackoffMaxMs } })
    : null;
  const uploader =
    central && target.enabled
      ? createUploader({
          outbox: store,
          central,
          clock: deps.clock,
          scheduler: deps.scheduler,
          logger: deps.logger,
          random,
          newEpoch: deps.ids,
          onRecovered: () => void downlink?.pullNow(),
          options: {
            applianceId: target.applianceId,
            appVersion: deps.appVersion,
            schemaVersion,
            batchMaxRecords: s.syncBatchMaxRecords,
            batchMaxBytes: s.syncBatchMaxBytes,
            backoffBaseMs: s.syncBackoffBaseMs,
            backoffMaxMs: s.syncBackoffMaxMs,
            idlePollMs: s.syncIdlePollMs,
            retentionMs: s.syncOutboxRetentionDays * 86_400_000,
          },
        })
      : null;
  if (!target.enabled) log.warn('sync to HQ is off', { reason: target.reason });

  async function status(): Promise<SyncStatusView> {
    const st = await store.state();
    const backlog = await store.backlog(st.ackedSeq);
    const up = uploader?.status() ?? null;
    const items = await store.refCounts();
    const meta = st.meta;
    return {
      enabled: target.enabled,
      reason: target.enabled ? null : target.reason,
      applianceId: target.enabled ? target.applianceId : null,
      centralUrl: target.enabled ? target.centralUrl : null,
      epoch: st.epoch,
      ackedSeq: st.ackedSeq,
      headSeq: st.headSeq,
      backlog,
      lastSuccessAt: up?.lastSuccessAt ?? (meta.last_success_at ? Number(meta.last_success_at) : null),
      rejectsOpen: up?.lastSuccessAt ? up.rejectsOpen : Number(meta.rejects_open ?? 0),
      clockSkewMs: up?.clockSkewMs ?? (meta.clock_skew_ms !== undefined ? Number(meta.clock_skew_ms) : null),
      schemaVersion,
      upload: up,
      reference: downlink
        ? { ...downlink.status(), cursor: downlink.status().cursor ?? Number(meta.ref_cursor ?? 0), items }
        : { items, cursor: Number(meta.ref_cursor ?? 0) },
    };
  }

  function runNow() {
    uploader?.runNow();
    void downlink?.pullNow();
  }

  return {
    enabled: target.enabled,
    /** Call inside the business transaction; the uploader is nudged to send soon after. */
    async writeOutbox(tx: SyncTx, rows: readonly OutboxRowInput[]): Promise<number[]> {
      const seqs = await writeOutbox(tx, rows, deps.clock.now());
      uploader?.poke();
      return seqs;
    },
    routes: syncRoutes({ status, runNow, reference: (dataset) => store.refList(dataset) }) as RouteSpec[],
    status,
    runNow,
    /** Pulls reference data now and resolves when caught up (or failed). */
    refreshReference: (): Promise<void> => downlink?.pullNow() ?? Promise.resolve(),
    /** Reference data for other features (FAQ panel, templates, holidays in routing). */
    reference: (dataset: string) => store.refList(dataset),
    start() {
      uploader?.start();
      downlink?.start();
    },
    async stop() {
      await uploader?.stop();
      await downlink?.stop();
    },
  };
}

export type ApplianceSync = ReturnType<typeof createApplianceSync>;

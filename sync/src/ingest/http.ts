import { AppError, EnrollRequest, SYNC_MIN_SCHEMA_VERSION, SYNC_SCHEMA_VERSION, SyncBatch, type SyncStateResponse } from '@edgecall/contracts';
import type { ApplianceStore } from '../appliances/store.ts';
import type { TokenBuckets } from '../http/limits.ts';
import type { CentralRoute } from '../http/route.ts';
import type { Ingest } from './service.ts';
import type { IngestStore } from './store.ts';

/** Compressed batches are capped here; the decompressed size at four times this. */
export const MAX_BATCH_BODY = 8 * 1024 * 1024;

function limited(buckets: TokenBuckets, key: string) {
  const wait = buckets.take(key);
  if (wait > 0) throw new AppError('rate_limited', 'Too many requests; slow down', { retryAfterSeconds: wait });
}

/** The appliance-facing routes: upload batches, read the sync state, exchange an enrollment token. */
export function ingestRoutes(deps: {
  ingest: Ingest;
  store: IngestStore;
  appliances: ApplianceStore;
  perAppliance: TokenBuckets;
  perAddress: TokenBuckets;
  now: () => number;
}): CentralRoute[] {
  return [
    {
      method: 'POST',
      path: '/sync/v1/batches',
      access: 'appliance',
      summary: 'Upload the next batch of outbox records',
      body: SyncBatch,
      maxBodyBytes: MAX_BATCH_BODY,
      admit: ({ applianceId }) => limited(deps.perAppliance, `batch:${applianceId}`),
      async handler(ctx) {
        const { ack, drop } = await deps.ingest.apply(ctx.applianceId!, ctx.body as SyncBatch);
        if (drop) ctx.dropConnection();
        return ack;
      },
    },
    {
      method: 'GET',
      path: '/sync/v1/state',
      access: 'appliance',
      summary: "This appliance's epoch and acked seq as HQ sees them",
      admit: ({ applianceId }) => limited(deps.perAppliance, `state:${applianceId}`),
      async handler(ctx): Promise<SyncStateResponse> {
        const s = await deps.store.state(ctx.applianceId!);
        return { applianceId: ctx.applianceId!, epoch: s.epoch, ackedSeq: s.ackedSeq, schema: { current: SYNC_SCHEMA_VERSION, min: SYNC_MIN_SCHEMA_VERSION }, serverTime: deps.now() };
      },
    },
    {
      method: 'POST',
      path: '/sync/v1/enroll',
      access: 'public',
      summary: 'Exchange a one-time enrollment token for the appliance credential',
      body: EnrollRequest,
      admit: ({ address }) => limited(deps.perAddress, `enroll:${address}`),
      async handler(ctx) {
        const { applianceId, token } = ctx.body as EnrollRequest;
        return deps.appliances.enroll(applianceId, token);
      },
    },
  ];
}

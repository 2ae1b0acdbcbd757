/**
 * The central sync server's composition root: config → database (migrations)
 * → stores → routes → listener; stop in reverse. main.ts runs it as a process,
 * tests start it in-process with hooks.
 */
import { createServer, type Server } from 'node:http';
import type { CentralConfig } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { openCentralDb, type CentralDb } from './db/orm.ts';
import { createCentralApp } from './http/app.ts';
import { ConcurrencyGate, TokenBuckets, type Clock } from './http/limits.ts';
import type { CentralRoute } from './http/route.ts';
import { adminChecker } from './appliances/credentials.ts';
import { createApplianceStore } from './appliances/store.ts';
import { consoleRoutes } from './appliances/http.ts';
import { createIngestStore } from './ingest/store.ts';
import { createIngest, type IngestHooks } from './ingest/service.ts';
import { createRejects } from './ingest/rejects.ts';
import { ingestRoutes } from './ingest/http.ts';
import { createRefStore, type RefHooks } from './ref/store.ts';
import { refRoutes } from './ref/http.ts';

export interface CentralHandle {
  url: string;
  port: number;
  db: CentralDb;
  routes: CentralRoute[];
  stop(): Promise<void>;
}

export interface CentralDeps {
  logger?: Logger;
  clock?: Clock;
  hooks?: { ingest?: IngestHooks; ref?: RefHooks };
}

const DAY = 86_400_000;

export async function startCentral(config: CentralConfig, deps: CentralDeps = {}): Promise<CentralHandle> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const log = logger.child('sync:main');
  const clock = deps.clock ?? { now: () => Date.now() };
  const now = () => clock.now();

  const db = await openCentralDb({ url: config.databaseUrl, logger, poolMax: config.dbPoolMax });
  const appliances = createApplianceStore(db, now);
  const ingestStore = createIngestStore(db);
  const ingest = createIngest({ db, store: ingestStore, gate: new ConcurrencyGate(config.maxConcurrentBatches), now, logger, hooks: deps.hooks?.ingest });
  const rejects = createRejects(db, ingestStore);
  const refStore = createRefStore(db, deps.hooks?.ref);
  const perAppliance = new TokenBuckets(clock, config.ratePerSecond, config.rateBurst);
  // Enrollment tokens are unguessable; this only keeps one address from hammering the exchange.
  const perAddress = new TokenBuckets(clock, 0.2, 10);

  const routes: CentralRoute[] = [
    { method: 'GET', path: '/healthz', access: 'public', summary: 'Liveness and database check', handler: async () => ({ status: 'ok', database: (await db.em().execute('select 1 as ok'))[0]?.ok === 1 ? 'ok' : 'no answer' }) },
    ...ingestRoutes({ ingest, store: ingestStore, appliances, perAppliance, perAddress, now }),
    ...refRoutes({ store: refStore, perAppliance }),
    ...consoleRoutes({ appliances, rejects, ingest: ingestStore }),
  ];
  const isAdmin = adminChecker(config.adminToken);
  if (!isAdmin) log.warn('EDGECALL_HQ_ADMIN_TOKEN is not set: the HQ admin API is off');
  const app = createCentralApp({ routes, authenticateAppliance: appliances.authenticate, isAdmin, logger });

  const pruneTimer = setInterval(() => {
    refStore.prune({ olderThanDays: config.refRetentionDays }).catch((err) => log.error('reference prune failed', { err }));
  }, DAY);
  pruneTimer.unref();

  const server: Server = createServer(app.callback());
  // A stalled appliance must not hold a socket forever; batches are small enough for this.
  server.requestTimeout = 120_000;
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(config.port, config.host, () => res());
  });
  const port = (server.address() as { port: number }).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  log.info('central started', { url });

  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    db,
    routes,
    stop() {
      stopping ??= (async () => {
        clearInterval(pruneTimer);
        server.closeIdleConnections();
        const closed = new Promise<void>((r) => server.close(() => r()));
        setTimeout(() => server.closeAllConnections(), 2000).unref();
        await closed;
        await db.close();
        log.info('central stopped');
      })();
      return stopping;
    },
  };
}

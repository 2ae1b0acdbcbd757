/**
 * The central sync server's composition root: config → database (migrations)
 * → stores → routes → listener; stop in reverse. main.ts runs it as a process,
 * tests start it in-process with hooks.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CentralConfigError, type CentralConfig } from './config.ts';
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
import { createAccounts } from './accounts/store.ts';
import { LoginLimiter } from './accounts/login-limiter.ts';
import { accountRoutes } from './accounts/http.ts';
import { createAuditLog } from './audit/store.ts';
import { createKpiSource } from './kpis/store.ts';
import { createHqKpis } from './kpis/service.ts';
import { kpiRoutes } from './kpis/http.ts';

/** Where `npm run build -w @edgecall/sync` puts the HQ console. */
export const DEFAULT_CONSOLE_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'console', 'dist');

export interface CentralHandle {
  url: string;
  https: boolean;
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
  // Before the database: a bad certificate is a configuration error, and nothing is open yet.
  const tls = config.tlsCert && config.tlsKey ? readTls(config.tlsCert, config.tlsKey) : null;

  const db = await openCentralDb({ url: config.databaseUrl, logger, poolMax: config.dbPoolMax });
  const appliances = createApplianceStore(db, now);
  const ingestStore = createIngestStore(db);
  const ingest = createIngest({ db, store: ingestStore, gate: new ConcurrencyGate(config.maxConcurrentBatches), now, logger, hooks: deps.hooks?.ingest });
  const rejects = createRejects(db, ingestStore);
  const refStore = createRefStore(db, deps.hooks?.ref);
  const perAppliance = new TokenBuckets(clock, config.ratePerSecond, config.rateBurst);
  // Enrollment tokens are unguessable; this only keeps one address from hammering the exchange.
  const perAddress = new TokenBuckets(clock, 0.2, 10);

  const accounts = createAccounts(db, { now, sessionTtlMs: config.sessionTtlHours * 3_600_000 });
  const audit = createAuditLog(db);
  const limiter = new LoginLimiter(clock, config.loginMaxFailures, config.loginWindowMinutes * 60_000);
  const kpis = createHqKpis({ source: createKpiSource(db), now });

  const routes: CentralRoute[] = [
    { method: 'GET', path: '/healthz', access: 'public', summary: 'Liveness and database check', handler: async () => ({ status: 'ok', database: (await db.em().execute('select 1 as ok'))[0]?.ok === 1 ? 'ok' : 'no answer' }) },
    ...accountRoutes({ accounts, audit, limiter, sessionTtlMs: config.sessionTtlHours * 3_600_000, log: logger.child('sync:accounts') }),
    ...ingestRoutes({ ingest, store: ingestStore, appliances, perAppliance, perAddress, now }),
    ...refRoutes({ store: refStore, perAppliance }),
    ...consoleRoutes({ appliances, rejects, ingest: ingestStore }),
    ...kpiRoutes({ kpis }),
  ];
  const isBootstrapToken = adminChecker(config.adminToken);
  if ((await accounts.count()) === 0) {
    log.warn(
      isBootstrapToken
        ? 'HQ has no user yet: create the first admin with POST /hq/v1/bootstrap (Bearer EDGECALL_HQ_ADMIN_TOKEN) or `npm run central -- create-admin`'
        : 'HQ has no user yet: create the first admin with `npm run central -- create-admin`',
    );
  }
  const consoleDist = config.consoleDist ?? DEFAULT_CONSOLE_DIST;
  const consoleBuilt = existsSync(join(consoleDist, 'index.html'));
  if (!consoleBuilt) log.warn('the HQ console is not built: run `npm run build -w @edgecall/sync`; serving the API only', { consoleDist });
  const app = createCentralApp({
    routes,
    authenticateAppliance: appliances.authenticate,
    sessionUser: accounts.sessionUser,
    isBootstrapToken,
    logger,
    secureCookies: config.secureCookies,
    https: tls !== null,
    trustProxy: config.trustProxy,
    consoleDist: consoleBuilt ? consoleDist : null,
  });

  const pruneTimer = setInterval(() => {
    refStore.prune({ olderThanDays: config.refRetentionDays }).catch((err) => log.error('reference prune failed', { err }));
    accounts.pruneSessions().catch((err) => log.error('session prune failed', { err }));
  }, DAY);
  pruneTimer.unref();

  const server: Server | HttpsServer = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, app.callback()) : createServer(app.callback());
  // Certificates renew without a restart: new files are picked up daily; open connections keep theirs.
  const tlsTimer = tls
    ? setInterval(() => {
        try {
          const next = readTls(config.tlsCert!, config.tlsKey!);
          if (next.stamp !== tls.stamp) {
            (server as HttpsServer).setSecureContext({ cert: next.cert, key: next.key });
            tls.stamp = next.stamp;
            log.info('TLS certificate reloaded');
          }
        } catch (err) {
          log.error('TLS certificate files unusable; keeping the loaded ones', { err: String(err) });
        }
      }, DAY)
    : null;
  tlsTimer?.unref();
  // A stalled appliance must not hold a socket forever; batches are small enough for this.
  server.requestTimeout = 120_000;
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(config.port, config.host, () => res());
  });
  const port = (server.address() as { port: number }).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  log.info('central started', { url });

  let stopping: Promise<void> | null = null;
  return {
    url,
    https: tls !== null,
    port,
    db,
    routes,
    stop() {
      stopping ??= (async () => {
        clearInterval(pruneTimer);
        if (tlsTimer) clearInterval(tlsTimer);
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

/** The PEM files of CENTRAL_TLS_CERT/KEY, checked to belong together; a problem is a configuration error (exit 2). */
function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer; stamp: string } {
  let cert: Buffer;
  let key: Buffer;
  try {
    cert = readFileSync(certFile);
    key = readFileSync(keyFile);
  } catch (e) {
    throw new CentralConfigError(`invalid configuration:\n  CENTRAL_TLS_CERT/CENTRAL_TLS_KEY: ${(e as Error).message}`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    throw new CentralConfigError(`invalid configuration:\n  CENTRAL_TLS_CERT/CENTRAL_TLS_KEY: not a usable PEM certificate and matching key (${(e as Error).message})`);
  }
  return { cert, key, stamp: `${statSync(certFile).mtimeMs}:${statSync(keyFile).mtimeMs}` };
}

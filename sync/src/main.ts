/**
 * `npm run central`: the central sync server. Config errors exit 2; SIGTERM/SIGINT stop cleanly.
 * `npm run central -- create-admin --username <name>`: an HQ admin account (cli/create-admin.ts).
 */
import { createAdminCli } from './cli/create-admin.ts';
import { CentralConfigError, loadCentralConfig } from './config.ts';
import { faultHooks } from './faults.ts';
import { createLogger } from './log.ts';
import { startCentral } from './server.ts';

let config;
try {
  config = loadCentralConfig();
} catch (e) {
  if (e instanceof CentralConfigError) {
    process.stderr.write(`EdgeCall central: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
if (process.argv[2] === 'create-admin') process.exit(await createAdminCli(config, process.argv.slice(3)));
if (process.argv[2] !== undefined) {
  process.stderr.write(`EdgeCall central: unknown command ${process.argv[2]} (known: create-admin)\n`);
  process.exit(2);
}
const logger = createLogger(config.logLevel);
const fault = process.env.SYNC_FAULT;
if (fault) logger.warn('SYNC_FAULT is set: this process will fail on purpose (tests only)', { fault });
let central;
try {
  central = await startCentral(config, {
    logger,
    hooks: { ingest: faultHooks(fault, (what) => process.stderr.write(`SYNC_FAULT ${what}\n`)) },
  });
} catch (e) {
  // Settings only checkable at start (the TLS files) fail like any other setting.
  if (e instanceof CentralConfigError) {
    process.stderr.write(`EdgeCall central: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
process.stdout.write(`\nEdgeCall central ready at ${central.url}\n\n`);
const stop = (signal: string) => {
  process.stdout.write(`received ${signal}, stopping\n`);
  setTimeout(() => process.exit(1), 10_000).unref();
  central.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));

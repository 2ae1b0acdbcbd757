/** `npm start` entry: loads config, starts the appliance, stops cleanly on SIGTERM/SIGINT. */
import { loadConfig, ConfigError } from '../config/load.ts';
import { startAppliance } from '../main.ts';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`EdgeCall: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
let appliance;
try {
  appliance = await startAppliance(config);
} catch (e) {
  // Settings only checkable at start (the TLS certificate files) fail like any other setting.
  if (e instanceof ConfigError) {
    process.stderr.write(`EdgeCall: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
const caPage = appliance.httpPort === null ? '' : `Branch CA page at ${appliance.url.replace(/^https:/, 'http:').replace(/:\d+$/, `:${appliance.httpPort}`)}/ca\n`;
process.stdout.write(`\n${caPage}EdgeCall appliance ready at ${appliance.url}\n\n`);
const stop = (signal: string) => {
  process.stdout.write(`received ${signal}, stopping\n`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  appliance.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));

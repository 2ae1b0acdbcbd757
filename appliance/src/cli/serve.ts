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
const appliance = await startAppliance(config);
process.stdout.write(`\nEdgeCall appliance ready at ${appliance.url}\n\n`);
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

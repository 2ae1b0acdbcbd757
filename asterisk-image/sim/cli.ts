// Runs the ARI simulator on its own, optionally with traffic, for manual work against the
// appliance or with an ARI client:
//   node --import tsx asterisk-image/sim/cli.ts --port 8088 --scenario asterisk-image/sim/scenarios/demo.json
//   node --import tsx asterisk-image/sim/cli.ts --rate 6 --agents 4 --time-scale 0.5
import { parseArgs } from 'node:util';
import { startAriSimulator } from './index.ts';
import { demoScenario, loadScenario, ScenarioError } from './scenario.ts';
import { startTraffic } from './traffic.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8088' },
    user: { type: 'string', default: 'asterisk' },
    password: { type: 'string', default: 'asterisk' },
    'data-dir': { type: 'string' },
    'time-scale': { type: 'string', default: '1' },
    scenario: { type: 'string' },
    rate: { type: 'string' },
    agents: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

try {
  const scenario = values.scenario
    ? loadScenario(values.scenario)
    : values.rate
      ? demoScenario({ callsPerMinute: Number(values.rate), agents: values.agents ? Number(values.agents) : undefined })
      : undefined;
  const sim = await startAriSimulator({
    host: values.host,
    port: Number(values.port),
    username: values.user,
    password: values.password,
    dataDir: values['data-dir'],
    timeScale: Number(values['time-scale']),
    log: (level, msg) => {
      if (values.verbose || level === 'warn' || level === 'error') console.error(`[sim ${level}] ${msg}`);
    },
  });
  console.log(`ARI simulator on ${sim.ariUrl} (user ${sim.username}), data in ${sim.dataDir}`);
  const run = scenario ? startTraffic(sim.control, scenario, (m) => console.error(m)) : undefined;
  if (run) console.log(`traffic: ${run.plan.length} callers planned (${scenario?.name ?? 'scenario'}, seed ${scenario?.seed})`);
  const timer = run ? setInterval(() => console.log(`traffic: ${JSON.stringify(run.stats)}`), 10_000) : undefined;
  const shutdown = async (): Promise<void> => {
    if (timer) clearInterval(timer);
    if (run) console.log(`traffic: final ${JSON.stringify(await Promise.race([run.stop(), new Promise((r) => setTimeout(r, 2000))]))}`);
    await sim.stop();
    process.exit(0);
  };
  const onSignal = (): void => {
    shutdown().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
} catch (err) {
  console.error(err instanceof ScenarioError ? `invalid scenario: ${err.message}` : err);
  process.exit(1);
}

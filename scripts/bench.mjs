#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark, each in its own process, printing Markdown
 * tables with the date and machine so results can go into docs/benchmarks.md.
 *   BENCH_LEVELS=60,120 npm run bench   fewer load levels
 *   npm run bench -- mqtt                only the benchmarks whose key or file contains "mqtt"
 *   npm run bench -- mqtt --clients 200  options after the name go to the benchmark itself
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(`# EdgeCall benchmarks — ${new Date().toISOString()} — ${machine}\n`);
const benches = [
  { key: 'acd', name: 'ACD under load (simulator, appliance as its own process)', file: 'appliance/bench/acd-load.ts' },
  { key: 'mqtt', name: 'MQTT live state: 500 clients end to end, broker fan-out against Mosquitto', file: 'appliance/bench/mqtt-fanout.ts' },
  { key: 'sync', name: 'Sync drain: a 100,000-record backlog to PostgreSQL against COPY, with live calls', file: 'appliance/bench/sync-drain.ts' },
];
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const passOn = firstFlag === -1 ? [] : args.slice(firstFlag);
const chosen = benches.filter((b) => names.length === 0 || names.some((n) => b.key === n || b.file.includes(n)));
if (chosen.length === 0) {
  console.error(`no benchmark matches ${names.join(', ')}; known: ${benches.map((b) => b.key).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const b of chosen) {
  console.log(`## ${b.name}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, b.file), ...passOn], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) failed++;
  console.log('');
}
process.exit(failed ? 1 : 0);

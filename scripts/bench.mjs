#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark, each in its own process, printing Markdown
 * tables with the date and machine so results can go into docs/benchmarks.md.
 *   BENCH_LEVELS=60,120 npm run bench   fewer load levels
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(`# EdgeCall benchmarks — ${new Date().toISOString()} — ${machine}\n`);
const benches = [{ name: 'ACD under load (simulator, appliance as its own process)', file: 'appliance/bench/acd-load.ts' }];
let failed = 0;
for (const b of benches) {
  console.log(`## ${b.name}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, b.file)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) failed++;
  console.log('');
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
/**
 * `npm test`: every suite, one process each, so one crash cannot hide the
 * others. Ends with one line `N passed, N failed` summing every suite (CI
 * reads it) and writes it to .tmp/test-summary.txt for .ci/run to repeat last.
 *   npm test                 all suites
 *   npm test -- appliance    only suites whose name contains "appliance"
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const uvu = ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js')];

function hasTests(dir) {
  if (!existsSync(join(root, dir))) return false;
  const walk = (d) =>
    readdirSync(d).some((name) => {
      if (name === 'node_modules' || name === 'dist') return false;
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : name.endsWith('.test.ts');
    });
  return walk(join(root, dir));
}

const suites = [
  { name: 'typecheck:node', kind: 'check', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck:pwa', kind: 'check', cmd: ['npx', 'tsc', '-p', 'pwa/tsconfig.json', '--noEmit'], when: () => existsSync(join(root, 'pwa/tsconfig.json')) },
  { name: 'architecture', dir: 'scripts/architecture' },
  { name: 'contracts', dir: 'contracts/src' },
  { name: 'hardware-profiles', dir: 'hardware-profiles/src' },
  { name: 'asterisk-image', dir: 'asterisk-image/src' },
  { name: 'asterisk-image:sim', dir: 'asterisk-image/sim' },
  { name: 'appliance:unit', dir: 'appliance/src' },
  { name: 'appliance:integration', dir: 'appliance/test' },
  { name: 'typecheck:console', kind: 'check', cmd: ['npx', 'tsc', '-p', 'sync/console/tsconfig.json', '--noEmit'], when: () => existsSync(join(root, 'sync/console/tsconfig.json')) },
  // The HQ console the central server serves; its browser test (sync/test/console.test.ts) uses this build.
  { name: 'sync:build', kind: 'check', cmd: ['npm', 'run', 'build', '-w', '@edgecall/sync'], when: () => existsSync(join(root, 'sync/console/vite.config.ts')) },
  { name: 'sync', dir: 'sync' },
  { name: 'provisioning', dir: 'provisioning' },
  { name: 'pwa:build', kind: 'check', cmd: ['npm', 'run', 'build', '-w', '@edgecall/pwa'], when: () => existsSync(join(root, 'pwa/vite.config.ts')) },
  { name: 'pwa:browser', dir: 'pwa/test', needs: 'pwa:build' },
];

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ code: code ?? 1, out: strip(out) }));
  });
}

const filters = process.argv.slice(2);
const results = [];
const failedNames = new Set();
for (const suite of suites) {
  if (filters.length && !filters.some((f) => suite.name.includes(f))) continue;
  if (suite.when && !suite.when()) continue;
  if (suite.dir && !hasTests(suite.dir)) continue;
  if (suite.needs && failedNames.has(suite.needs)) {
    results.push({ name: suite.name, passed: 0, failed: 1, note: `skipped: ${suite.needs} failed` });
    continue;
  }
  process.stdout.write(`\n── ${suite.name} ──\n`);
  const started = Date.now();
  const { code, out } = suite.cmd ? await run(suite.cmd[0], suite.cmd.slice(1)) : await run(process.execPath, [...uvu, suite.dir, '\\.test\\.ts$']);
  let passed = 0;
  let failed = 0;
  if (suite.kind === 'check') {
    code === 0 ? passed++ : failed++;
  } else {
    const m = out.match(/Total:\s+(\d+)\s+Passed:\s+(\d+)\s+Skipped:\s+(\d+)/);
    if (m) {
      passed = Number(m[2]);
      failed = Number(m[1]) - passed - Number(m[3]);
      // A crash after the summary, or a failing hook, still fails the suite.
      if (code !== 0 && failed === 0) failed = 1;
    } else {
      failed = 1;
    }
  }
  if (failed) failedNames.add(suite.name);
  results.push({ name: suite.name, passed, failed, seconds: Math.round((Date.now() - started) / 1000) });
}

const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed }), { passed: 0, failed: 0 });
process.stdout.write('\n── summary ──\n');
for (const r of results) {
  process.stdout.write(`${r.failed ? 'FAIL' : 'ok  '} ${r.name.padEnd(24)} ${r.passed} passed, ${r.failed} failed${r.seconds !== undefined ? ` (${r.seconds}s)` : ''}${r.note ? ` ${r.note}` : ''}\n`);
}
const line = `${total.passed} passed, ${total.failed} failed`;
mkdirSync(join(root, '.tmp'), { recursive: true });
writeFileSync(join(root, '.tmp/test-summary.txt'), line + '\n');
process.stdout.write(`\n${line}\n`);
process.exit(total.failed || results.length === 0 ? 1 : 0);

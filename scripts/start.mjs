#!/usr/bin/env node
/**
 * `npm start`: builds the PWA when its bundle is missing or older than its
 * sources, then runs the appliance in the foreground and passes signals on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).filter((n) => n !== 'node_modules').map((n) => newest(join(path, n))));
}

const bundle = join(root, 'pwa/dist/index.html');
const sources = ['pwa/src', 'pwa/public', 'pwa/index.html', 'pwa/vite.config.ts', 'pwa/package.json', 'contracts/src'].map((p) => newest(join(root, p)));
if (existsSync(join(root, 'pwa/vite.config.ts')) && (!existsSync(bundle) || Math.max(...sources) > statSync(bundle).mtimeMs)) {
  console.log('EdgeCall: building the PWA bundle (missing or stale)…');
  const built = spawnSync('npm', ['run', 'build', '-w', '@edgecall/pwa'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('EdgeCall: the PWA build failed; see above.');
    process.exit(built.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'appliance/src/cli/serve.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const PWA_DIST = resolve(REPO_ROOT, 'pwa/dist');

export interface RunningAppliance {
  /** e.g. http://localhost:41234 (https:// with EDGECALL_HTTPS=1) */
  url: string;
  /** With HTTPS: the plain-HTTP CA page, e.g. http://127.0.0.1:41235/ca */
  caPageUrl: string | null;
  dataDir: string;
  /** Freeze the appliance (SIGSTOP): sockets stay open but nothing is sent, like a hung process. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * A real appliance as a child process, in demo mode, on a free port, with a
 * throw-away data directory, serving the built PWA: what an agent's browser
 * meets in a branch. Each test file starts its own.
 */
export async function startAppliance(env: Record<string, string> = {}): Promise<RunningAppliance> {
  if (!existsSync(join(PWA_DIST, 'index.html'))) {
    throw new Error(`No PWA build in ${PWA_DIST}: run "npm run build -w @edgecall/pwa" first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-pwa-test-'));
  // `node --import tsx` rather than `npx tsx`: one process, so SIGTERM reaches the appliance itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'appliance/src/cli/serve.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      EDGECALL_DATA: dataDir,
      LOG_LEVEL: 'warn',
      EDGECALL_DEMO: '1',
      EDGECALL_PWA_DIST: PWA_DIST,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let caPageUrl: string | null = null;
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => fail(new Error('the appliance did not report ready within 60 s')), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\n--- appliance output ---\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready at (https?:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        // Printed just before the ready line.
        caPageUrl = /CA page at (http:\/\/\S+)/.exec(output)?.[1] ?? null;
        // The appliance listens on 127.0.0.1; "localhost" may resolve to ::1 first in Chromium.
        resolveUrl(m[1].replace('//localhost:', '//127.0.0.1:'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => fail(new Error(`the appliance exited early with code ${code}`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    caPageUrl,
    dataDir,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: () => stop(child, dataDir),
  };
}

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGCONT'); // a paused appliance would never act on SIGTERM
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The appliance side of the fault tests, as a child process (sync must not
 * import the appliance; the child is appliance/src/features/sync/test/sync-child.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enroll } from '../../../provisioning/src/enroll.ts';
import { ROOT } from './central.ts';

const CHILD = join(ROOT, 'appliance/src/features/sync/test/sync-child.ts');

/** Tight timings so faults resolve in well under a second; no test asserts on them. */
export const FAST_SYNC = {
  syncBackoffBaseMs: 20,
  syncBackoffMaxMs: 400,
  syncIdlePollMs: 200,
  syncRefPollMs: 500,
  syncRequestTimeoutMs: 1500,
  syncBatchMaxRecords: 25,
};

export interface ApplianceChild {
  child: ChildProcess;
  call<T = any>(cmd: string, args?: unknown): Promise<T>;
  /** Resolves on the first progress message reporting at least `writes` writes. */
  ticks(writes: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export const tmpData = () => mkdtempSync(join(tmpdir(), 'ec-sync-'));

/** Enrolls through the provisioning code: the credential file lands in the data dir as on a real box. */
export async function enrollInto(dataDir: string, centralUrl: string, applianceId: string, token: string, force = false) {
  return enroll({ central: centralUrl, applianceId, token, dataDir, force });
}

const live = new Set<ChildProcess>();
// A failed assertion must not leave a child holding the test process open (its IPC channel keeps the loop alive).
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/** Kills every appliance child still running (call from each file's `after`). */
export async function killAll() {
  const waits = [...live].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))));
  for (const c of live) c.kill('SIGKILL');
  await Promise.all(waits);
}

export function forkAppliance(dataDir: string, env: Record<string, string> = {}, settings: Record<string, unknown> = {}): Promise<ApplianceChild> {
  const child = fork(CHILD, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, EC_DATA: dataDir, EC_SYNC_SETTINGS: JSON.stringify({ ...FAST_SYNC, ...settings }), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  let next = 1;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const tickWaiters: { writes: number; resolve: () => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => {
      for (const w of waiting.values()) w.reject(new Error(`appliance exited (${code ?? signal}):\n${out}`));
      waiting.clear();
      r({ code, signal });
    }),
  );
  return new Promise((resolve, reject) => {
    child.on('message', (m: any) => {
      if (m.type === 'ready') {
        resolve({
          child,
          exited,
          output: () => out,
          call(cmd, args) {
            const id = next++;
            return new Promise((res, rej) => {
              waiting.set(id, { resolve: res, reject: rej });
              child.send({ id, cmd, args });
            });
          },
          ticks: (writes) => new Promise((res) => tickWaiters.push({ writes, resolve: res })),
        });
      } else if (m.type === 'tick') {
        for (const w of tickWaiters.splice(0)) (m.writes >= w.writes ? w.resolve() : tickWaiters.push(w));
      } else if (m.type === 'error') {
        out += `\nchild error: ${m.message}`;
      } else if (m.id) {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.ok) w?.resolve(m.result);
        else w?.reject(new Error(m.error));
      }
    });
    exited.then(({ code, signal }) => reject(new Error(`appliance exited (${code ?? signal}) before ready:\n${out}`)));
    setTimeout(() => reject(new Error(`appliance not ready in 60 s:\n${out}`)), 60_000).unref();
  });
}

/** SIGKILL, as a power cut would: no cleanup runs. */
export async function killHard(a: ApplianceChild) {
  a.child.kill('SIGKILL');
  await a.exited;
}

export async function stopGracefully(a: ApplianceChild) {
  await a.call('stop').catch(() => undefined);
  await a.exited;
}

/** The central server for tests: in-process (with hooks) or as its own process (to crash it for real). */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CentralConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startCentral, type CentralDeps, type CentralHandle } from '../../src/server.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The bootstrap token: it only creates the first HQ admin. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const ADMIN_USER = 'hq-admin';
export const ADMIN_PASSWORD = 'hq-admin-password';

export interface HttpReply {
  status: number;
  body: any;
  headers: Headers;
}

export async function http(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; bearer?: string; cookie?: string; headers?: Record<string, string>; rawBody?: string | Uint8Array } = {},
): Promise<HttpReply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | Uint8Array | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body: body as RequestInit["body"] });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text for the assertion message */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Signs in and returns the session cookie (`ec_hq_session=…`), or throws with the refusal. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await http(base, 'POST', '/hq/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ec_hq_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0];
}

const adminSessions = new Map<string, Promise<string>>();

/** The first admin (made with the bootstrap token if HQ has none yet) and a session of theirs, once per server address. */
export function adminCookie(base: string): Promise<string> {
  let s = adminSessions.get(base);
  if (!s) {
    s = (async () => {
      const made = await http(base, 'POST', '/hq/v1/bootstrap', { bearer: ADMIN_TOKEN, body: { username: ADMIN_USER, password: ADMIN_PASSWORD } });
      if (made.status !== 201 && made.status !== 409) throw new Error(`bootstrap: ${made.status} ${JSON.stringify(made.body)}`);
      return login(base, ADMIN_USER, ADMIN_PASSWORD);
    })();
    s.catch(() => adminSessions.delete(base));
    adminSessions.set(base, s);
  }
  return s;
}

/** An HQ admin request, signed in as the test admin. */
export async function admin(base: string, method: string, path: string, body?: unknown): Promise<HttpReply> {
  const res = await http(base, method, path, { body, cookie: await adminCookie(base) });
  if (res.status !== 401) return res;
  // Another server on a reused port (a restarted HQ, a fresh database): sign in again, once.
  adminSessions.delete(base);
  return http(base, method, path, { body, cookie: await adminCookie(base) });
}

export async function startTestCentral(url: string, config: Partial<Record<string, unknown>> = {}, deps: CentralDeps = {}): Promise<CentralHandle> {
  const cfg = CentralConfig.parse({ databaseUrl: url, port: 0, host: '127.0.0.1', adminToken: ADMIN_TOKEN, logLevel: 'silent', rateBurst: 10_000, ratePerSecond: 10_000, ...config });
  return startCentral(cfg, { logger: createLogger(process.env.EC_TEST_LOG === '1' ? 'debug' : 'silent'), ...deps });
}

/** Registers an appliance and exchanges its token, as an HQ admin and the enroll CLI would. */
export async function enrollAppliance(base: string, id: string): Promise<string> {
  const made = await admin(base, 'POST', '/hq/v1/appliances', { id, name: `Branch ${id}` });
  if (made.status !== 201) throw new Error(`create appliance: ${made.status} ${JSON.stringify(made.body)}`);
  const done = await http(base, 'POST', '/sync/v1/enroll', { body: { applianceId: id, token: made.body.enrollmentToken } });
  if (done.status !== 200) throw new Error(`enroll: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body.credential as string;
}

export interface CentralProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm run central` as a process; `SYNC_FAULT` makes it crash where a test wants it to. */
export function spawnCentral(databaseUrl: string, env: Record<string, string> = {}): Promise<CentralProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', EDGECALL_HQ_ADMIN_TOKEN: ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/ready at http:\/\/[^:]+:(\d+)/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, port: Number(m[1]), output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(({ code }) => reject(new Error(`central exited (${code}) before ready:\n${out}`)));
    setTimeout(() => reject(new Error(`central not ready in 60 s:\n${out}`)), 60_000).unref();
  });
}

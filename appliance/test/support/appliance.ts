import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import type { ApplianceConfigInput } from '../../src/config/schema.ts';
import { startAppliance, type ApplianceHandle } from '../../src/main.ts';
import type { Clock } from '../../src/core/ports.ts';

export interface TestAppliance extends ApplianceHandle {
  dataDir: string;
  close(): Promise<void>;
}

/** A real appliance on a free port with a throw-away data directory. */
export async function startTestAppliance(
  overrides: Partial<ApplianceConfigInput> = {},
  deps: { clock?: Clock; keepData?: boolean } = {},
): Promise<TestAppliance> {
  const dataDir = (overrides.dataDir as string | undefined) ?? mkdtempSync(join(tmpdir(), 'ec-test-'));
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', logLevel: 'silent', demo: true, demoCallsPerMinute: 0, ...overrides, dataDir });
  const handle = await startAppliance(config, { clock: deps.clock });
  return {
    ...handle,
    dataDir,
    async close() {
      await handle.stop();
      if (!deps.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

export async function http(
  base: string,
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown; rawBody?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
  return { status: res.status, body: parsed, headers: res.headers };
}

export interface Session {
  cookie: string;
  mqttToken: string;
  user: { id: string; username: string; agentNumber: string | null; permissions: string[] };
  site: string;
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { mqttToken: string; user: Session['user']; site: string };
  return { cookie, mqttToken: body.mqttToken, user: body.user, site: body.site };
}

export const DEMO = {
  admin: ['admin', 'admin-demo'],
  supervisor: ['supervisor', 'supervisor-demo'],
  operator: ['operator', 'operator-demo'],
} as const;

export class FakeClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  now() {
    return this.t;
  }
  advance(ms: number) {
    this.t += ms;
  }
}

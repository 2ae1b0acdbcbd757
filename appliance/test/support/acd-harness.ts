/**
 * A branch as the ACD tests need it: the ARI simulator (standing in for
 * Asterisk), the real appliance connected to it through ari-client, users
 * with agent numbers, and ACD settings sized for fast tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAriSimulator, type AriSimulator, type PhoneOptions } from '@edgecall/asterisk-image/sim';
import type { AcdSettingsInput, CreateUserRequest } from '@edgecall/contracts';
import { loadConfig } from '../../src/config/load.ts';
import type { ApplianceConfigInput } from '../../src/config/schema.ts';
import { startAppliance, type ApplianceHandle } from '../../src/main.ts';
import { http, login, type Session } from './appliance.ts';

export const AGENTS = ['201', '202', '203'];

export const FAST_SETTINGS: AcdSettingsInput = {
  queues: [
    { id: 'sales', name: 'Sales', strategy: 'longest_idle', ringTimeoutSeconds: 2, wrapUpSeconds: 1, maxWaitSeconds: 30, missedRingsToPause: 2, noAgentsAction: 'refuse' },
    { id: 'support', name: 'Support', strategy: 'ring_all', ringTimeoutSeconds: 2, wrapUpSeconds: 0, maxWaitSeconds: 5, noAgentsAction: 'wait' },
  ],
  menus: [
    {
      id: 'main',
      prompt: 'sound:ivr-main',
      options: [
        { digit: '1', action: 'queue', target: 'sales' },
        { digit: '2', action: 'queue', target: 'support' },
      ],
      timeoutSeconds: 1,
      maxRepeats: 0,
      defaultAction: { action: 'queue', target: 'sales' },
    },
  ],
  entries: [
    { did: '1000', menu: 'main' },
    { did: '2000', queue: 'support' },
    { did: '3000', queue: 'sales', closedMessage: 'sound:closed-message' },
  ],
  hours: { alwaysOpen: true },
  // Customers are phones of the simulator in these tests; a branch dials through its trunk.
  outboundTemplate: 'PJSIP/{number}',
};

const users: CreateUserRequest[] = [
  { username: 'boss', displayName: 'Boss', password: 'boss-password', profile: 'admin', groups: ['sales', 'support'] },
  { username: 'chief', displayName: 'Chief', password: 'chief-password', profile: 'supervisor', groups: ['sales', 'support'] },
  ...AGENTS.map((n) => ({ username: `agent${n}`, displayName: `Agent ${n}`, password: 'agent-password', profile: 'operator', agentNumber: n, groups: ['sales', 'support'] })),
];

export interface AcdHarness {
  sim: AriSimulator;
  app: ApplianceHandle;
  url: string;
  dataDir: string;
  admin: Session;
  agent(n: string): Promise<Session>;
  /** Logs the agent in and makes them ready. */
  ready(n: string): Promise<Session>;
  call(id: string): Promise<any>;
  waitCall(id: string, pred: (c: any) => boolean, ms?: number): Promise<any>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** timeScale 0.1 makes prompts short; a recorded customer also stays only 12 s then. */
export async function startAcdHarness(
  opts: { settings?: AcdSettingsInput; phones?: Record<string, PhoneOptions>; timeScale?: number; dataDir?: string; config?: Partial<ApplianceConfigInput> } = {},
): Promise<AcdHarness> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ec-acd-'));
  const sim = await startAriSimulator({ dataDir: join(dataDir, 'pbx'), timeScale: opts.timeScale ?? 0.1, username: 'edgecall', password: 'sim-secret', sounds: { 'ivr-main': 3000, 'closed-message': 2000 } });
  // Phones stay on the line until the test hangs up (the recorded phones wait 120 s, scaled down here).
  sim.control.registerPhone('301', { behaviour: { kind: 'answer', afterMs: 200 }, afterAnswerApps: [['Wait', '36000']] }); // a supervisor's desk phone
  for (const n of AGENTS) sim.control.registerPhone(n, { afterAnswerApps: [['Wait', '36000']], ...(opts.phones?.[n] ?? { behaviour: { kind: 'answer', afterMs: 300 } }) });
  const config = () =>
    loadConfig({}, { port: 0, host: '127.0.0.1', logLevel: 'silent', demo: false, dataDir, ari: { url: sim.url, user: 'edgecall', password: 'sim-secret' }, ...opts.config });
  let app = await startAppliance(config(), { initialUsers: users });
  const h: AcdHarness = {
    sim,
    app,
    url: app.url,
    dataDir,
    admin: await login(app.url, 'boss', 'boss-password'),
    agent: (n) => login(h.url, `agent${n}`, 'agent-password'),
    async ready(n) {
      const s = await h.agent(n);
      await http(h.url, 'POST', '/api/v1/agent/login', { cookie: s.cookie, body: {} });
      const r = await http(h.url, 'POST', '/api/v1/agent/ready', { cookie: s.cookie });
      if (r.status !== 200) throw new Error(`ready ${n}: ${r.status} ${JSON.stringify(r.body)}`);
      return s;
    },
    async call(id) {
      const r = await http(h.url, 'GET', `/api/v1/calls/${encodeURIComponent(id)}`, { cookie: h.admin.cookie });
      return r.status === 200 ? r.body : null;
    },
    waitCall: (id, pred, ms = 10_000) => waitFor(async () => {
      const c = await h.call(id);
      return c && pred(c) ? c : null;
    }, ms, `call ${id}`),
    async restart() {
      await app.stop();
      app = await startAppliance(config());
      h.app = app;
      h.url = app.url;
      h.admin = await login(app.url, 'boss', 'boss-password');
    },
    async close() {
      await app.stop();
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const put = await http(app.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: opts.settings ?? FAST_SETTINGS });
  if (put.status !== 200) throw new Error(`settings refused: ${JSON.stringify(put.body)}`);
  await waitFor(async () => (await http(app.url, 'GET', '/healthz')).body.checks.pbx === 'ok', 10_000, 'ARI connected');
  return h;
}

export const types = (c: { events: { type: string }[] }) => c.events.map((e) => e.type);

/**
 * One figure, wherever it is computed (docs/KPIS.md): a real appliance (the
 * `npm start` process in demo mode, with simulated callers and agents)
 * uploads to a real central server, and HQ's figures for the branch and each
 * of its queues equal the branch's own `GET /api/v1/kpis` for the same
 * period, to the call, with the branch's own thresholds (they travel as the
 * `kpi_settings` record). Then HQ's reference edits flow down to it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { KPI_KEYS } from '@edgecall/contracts';
import type { CentralHandle } from '../src/server.ts';
import { enrollInto, tmpData } from './support/appliance.ts';
import { ROOT, admin, http, startTestCentral } from './support/central.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';

const t = suite('hq kpis');
let db: TestDatabase;
let central: CentralHandle;
let dir: string;
let branch: { child: ChildProcess; url: string; output(): string; exited: Promise<unknown> };
let cookie: string;

const BRANCH = 'baku-hq';
const AGENT_KEYS = ['loggedInAgents', 'talkingAgents', 'readyAgents'];

/** The appliance as `npm start` runs it (serve.ts), enrolled with HQ, demo traffic of 30 calls a minute. */
function spawnBranch(env: Record<string, string>): Promise<typeof branch> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'appliance/src/cli/serve.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise((r) => child.on('exit', r));
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = out.match(/ready at (https?:\/\/\S+)/);
      if (m) resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(() => reject(new Error(`appliance exited before ready:\n${out}`)));
    setTimeout(() => reject(new Error(`appliance not ready in 90 s:\n${out}`)), 90_000).unref();
  });
}

const onBranch = (method: string, path: string, body?: unknown) => http(branch.url, method, path, { body, cookie });

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${branch?.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
  dir = tmpData();
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: BRANCH, name: 'Bakı HQ test' });
  assert.is(made.status, 201, JSON.stringify(made.body));
  await enrollInto(dir, central.url, BRANCH, made.body.enrollmentToken);
  branch = await spawnBranch({
    EDGECALL_DATA: dir,
    EDGECALL_DEMO: '1',
    EDGECALL_DEMO_CALLS_PER_MINUTE: '30',
    EDGECALL_SYNC_IDLE_POLL_MS: '200',
    EDGECALL_SYNC_REF_POLL_MS: '300',
    EDGECALL_SYNC_BACKOFF_BASE_MS: '50',
    EDGECALL_SYNC_BACKOFF_MAX_MS: '500',
  });
  const res = await http(branch.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'admin-demo' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
});

t.after(async () => {
  branch?.child.kill('SIGTERM');
  await branch?.exited;
  await central?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

t("HQ's figures for the branch and each queue equal the branch's own, for the same period", async () => {
  // The branch's own thresholds differ from the defaults, so HQ must use them to agree.
  const acd = (await onBranch('GET', '/api/v1/settings/acd')).body;
  for (const q of acd.queues) if (q.id === 'sales') Object.assign(q, { tSl: 3, tShort: 2 });
  for (const q of acd.queues) if (q.id === 'support') Object.assign(q, { slVariant: 'V2', tLong: 10 });
  const saved = await onBranch('PUT', '/api/v1/settings/acd', acd);
  assert.is(saved.status, 200, JSON.stringify(saved.body));

  const from = Date.now() - 60_000;
  // A few callers of our own besides the generator: one hangs up in the IVR, one leaves the queue early.
  for (const call of [{ number: '0501110001', hangupAfterSeconds: 1 }, { number: '0501110002', digits: '2', hangupAfterSeconds: 6 }, { number: '0501110003', digits: '1' }]) {
    assert.is((await onBranch('POST', '/api/v1/demo/calls', call)).status, 202);
  }
  // Let traffic run; the period ends in the middle of it, with calls in the IVR, waiting and talking.
  await new Promise((r) => setTimeout(r, 25_000));
  const to = Date.now();
  await new Promise((r) => setTimeout(r, 3000));
  // Everything written until now (every event up to `to` included) reaches HQ.
  const head = (await onBranch('GET', '/api/v1/sync/status')).body.headSeq as number;
  await waitFor('HQ to ack the branch up to its head', async () => (await onBranch('GET', '/api/v1/sync/status')).body.ackedSeq >= head);
  const settings = await db.query<{ payload: { queues: { id: string; tSl: number }[] } }>(`select payload from sync_record where appliance_id = ? and entity = 'kpi_settings'`, [BRANCH]);
  assert.is(settings[0]?.payload.queues.find((q) => q.id === 'sales')?.tSl, 3, 'the branch thresholds reached HQ');

  const period = `from=${from}&to=${to}`;
  const own = await onBranch('GET', `/api/v1/kpis?scope=branch&${period}`);
  assert.is(own.status, 200, JSON.stringify(own.body));
  const hq = await admin(central.url, 'GET', `/hq/v1/kpis?appliance=${BRANCH}&${period}`);
  assert.is(hq.status, 200, JSON.stringify(hq.body));
  assert.equal(hq.body.figures, own.body.figures, 'branch scope: every figure');
  assert.ok(own.body.figures.totalCalls >= 5, `traffic happened: ${JSON.stringify(own.body.figures)}`);
  assert.ok(own.body.figures.answeredCalls >= 1, 'some calls were answered');
  assert.equal(Object.keys(hq.body.figures).sort(), [...KPI_KEYS].sort());

  for (const queue of ['sales', 'support']) {
    const ownQ = await onBranch('GET', `/api/v1/kpis?scope=queue:${queue}&${period}`);
    const hqQ = await admin(central.url, 'GET', `/hq/v1/kpis?appliance=${BRANCH}&queue=${queue}&${period}`);
    assert.is(hqQ.status, 200);
    assert.equal(hqQ.body.unavailable, AGENT_KEYS, 'queue membership is not synced: HQ says so');
    const strip = (f: Record<string, unknown>) => Object.fromEntries(Object.entries(f).filter(([k]) => !AGENT_KEYS.includes(k)));
    assert.equal(strip(hqQ.body.figures), strip(ownQ.body.figures), `queue ${queue}: every figure HQ can know`);
  }

  // The dashboard's single read and "all branches" (here one branch) agree with it too.
  const overview = await admin(central.url, 'GET', `/hq/v1/kpis/overview?${period}`);
  const mine = overview.body.branches.find((b: { applianceId: string }) => b.applianceId === BRANCH);
  assert.equal(mine.result.figures, own.body.figures);
  assert.equal(overview.body.all.figures, own.body.figures, 'all branches = the only branch');
  assert.equal(mine.queues.map((q: { queue: string }) => q.queue), ['sales', 'support']);
});

t('reference data edited at HQ reaches the running branch: create, edit, delete', async () => {
  const faq = async () => (await onBranch('GET', '/api/v1/reference/faq')).body.items as { key: string; answer: string }[];
  assert.is((await admin(central.url, 'PUT', '/hq/v1/ref/faq/opening-hours', { question: 'When are you open?', answer: '9 to 18' })).status, 200);
  await onBranch('POST', '/api/v1/sync/run');
  await waitFor('the FAQ item at the branch', async () => (await faq()).find((i) => i.key === 'opening-hours')?.answer === '9 to 18');
  assert.is((await admin(central.url, 'PUT', '/hq/v1/ref/faq/opening-hours', { question: 'When are you open?', answer: '9 to 19' })).status, 200);
  await onBranch('POST', '/api/v1/sync/run');
  await waitFor('the edit at the branch', async () => (await faq()).find((i) => i.key === 'opening-hours')?.answer === '9 to 19');
  assert.is((await admin(central.url, 'DELETE', '/hq/v1/ref/faq/opening-hours')).status, 200);
  await onBranch('POST', '/api/v1/sync/run');
  await waitFor('the delete at the branch', async () => !(await faq()).some((i) => i.key === 'opening-hours'));
});

t.run();

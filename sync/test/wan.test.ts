/**
 * B.7 #1 and #11: the WAN between a real appliance (child process, real
 * SQLite, real uploader) and the real central server breaks mid-batch — a
 * half-sent request, a lost reply, a reset, a black hole until the client's
 * timeout. Afterwards every record is at HQ exactly once and nothing is lost.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import type { CentralHandle } from '../src/server.ts';
import { admin, startTestCentral } from './support/central.ts';
import { enrollInto, forkAppliance, killAll, stopGracefully, tmpData, type ApplianceChild } from './support/appliance.ts';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { assertCentralMatches, assertLocalConsistency, type Dump } from './support/verify.ts';

const t = suite('wan faults');
let db: TestDatabase;
let central: CentralHandle;
let proxy: FaultProxy;
const dirs: string[] = [];
const children: ApplianceChild[] = [];

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
  // Faults hit batch uploads only; reference pulls share the link but would make the plan's order racy.
  proxy = await startFaultProxy(central.port, { only: /^POST \/sync\/v1\/batches / });
});
t.after(async () => {
  for (const c of children) await stopGracefully(c);
  await killAll();
  await proxy?.close();
  await central?.stop();
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function branch(id: string, url: string): Promise<ApplianceChild> {
  const dir = tmpData();
  dirs.push(dir);
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id, name: id });
  await enrollInto(dir, url, id, made.body.enrollmentToken);
  const a = await forkAppliance(dir);
  children.push(a);
  return a;
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

t('a clean run: journeys and transitions arrive once; the status page shows it', async () => {
  const a = await branch('br-wan-clean', central.url);
  await a.call('calls', { ids: ids('clean', 12), steps: 3 });
  await a.call('transitions', { agent: '1001', count: 6 });
  await a.call('start');
  const status = await a.call('drain');
  assert.is(status.enabled, true);
  assert.is(status.backlog.records, 0);
  assert.is(status.ackedSeq, 42);
  assert.is(status.rejectsOpen, 0);
  assert.type(status.clockSkewMs, 'number');
  const d: Dump = await a.call('dump');
  assertLocalConsistency(d, 'clean');
  await assertCentralMatches(db, 'br-wan-clean', d);
  const view = await admin(central.url, 'GET', '/hq/v1/appliances/br-wan-clean');
  assert.is(view.body.backlog, 0);
  assert.is(view.body.lagMs, 0);
  assert.is(view.body.headSeq, 42);
  assert.ok(view.body.lastContactAt);
});

t('WAN cut mid-batch: half-sent requests, lost replies, resets and a black hole lose and duplicate nothing', async () => {
  const a = await branch('br-wan-cut', proxy.url);
  await a.call('calls', { ids: ids('cut', 40), steps: 3 });
  await a.call('transitions', { agent: '1002', count: 10 });
  proxy.plan([
    { cutRequestAfter: 200 }, // headers only
    { cutRequestAfter: 1500 }, // part of the body
    'drop_response', // HQ committed, the appliance never hears
    'pass',
    'drop_response',
    'drop_response',
    'reset',
    { cutResponseAfter: 40 }, // the status line arrives, the rest does not
    'blackhole', // silent until the appliance's own timeout
    'pass',
    'drop_response',
  ]);
  await a.call('start');
  // New writes while the link misbehaves: the outbox keeps growing under the faults.
  await a.call('calls', { ids: ids('cut', 50), steps: 4 });
  await a.call('transitions', { agent: '1002', count: 5 });
  const status = await a.call('drain', { timeoutMs: 90_000 });
  assert.is(proxy.remaining(), 0, 'every planned fault was used');
  const s = proxy.stats();
  for (const kind of ['cut_request', 'drop_response', 'reset', 'cut_response', 'blackhole']) assert.ok(s[kind] > 0, `fault ${kind} injected`);
  assert.is(status.backlog.records, 0);
  const d: Dump = await a.call('dump');
  assertLocalConsistency(d, 'after the faults');
  await assertCentralMatches(db, 'br-wan-cut', d);
  const view = await admin(central.url, 'GET', '/hq/v1/appliances/br-wan-cut');
  assert.is(view.body.ackedSeq, status.headSeq);
  assert.ok(view.body.totals.duplicates >= 1, 'a lost reply makes the retry a duplicate, answered as a no-op');
});

t.run();

/**
 * B.7 #2 and #3: the central server process dies (exit 137 from an env-gated
 * fault hook) right after COMMIT, before replying, or inside the transaction
 * before COMMIT. It is restarted on another port behind the same address (the
 * fault proxy), and the appliance finishes: nothing lost, nothing twice, and
 * a crash before COMMIT leaves nothing half-applied.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import { admin, spawnCentral, type CentralProcess } from './support/central.ts';
import { enrollInto, forkAppliance, killAll, stopGracefully, tmpData, type ApplianceChild } from './support/appliance.ts';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { assertCentralMatches, assertLocalConsistency, type Dump } from './support/verify.ts';

const t = suite('central crash');
let db: TestDatabase;
let proxy: FaultProxy;
let hq: CentralProcess | null = null;
const dirs: string[] = [];

t.before(async () => {
  db = await freshDatabase();
  hq = await spawnCentral(db.url);
  proxy = await startFaultProxy(hq.port);
});
t.after(async () => {
  await killAll();
  hq?.child.kill('SIGTERM');
  await hq?.exited;
  await proxy?.close();
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Replaces the running HQ process with one started with `env`. */
async function restartHq(env: Record<string, string> = {}) {
  if (hq && hq.child.exitCode === null && hq.child.signalCode === null) {
    hq.child.kill('SIGTERM');
    await hq.exited;
  }
  hq = await spawnCentral(db.url, env);
  proxy.retarget(hq.port);
}

async function branchWithBacklog(id: string): Promise<ApplianceChild> {
  const dir = tmpData();
  dirs.push(dir);
  const made = await admin(hq!.url, 'POST', '/hq/v1/appliances', { id, name: id });
  await enrollInto(dir, proxy.url, id, made.body.enrollmentToken);
  const a = await forkAppliance(dir);
  // Written before the uploader starts, so a resend after the crash carries exactly the same records.
  await a.call('calls', { ids: Array.from({ length: 30 }, (_, i) => `${id}-c${i + 1}`), steps: 2 });
  await a.call('transitions', { agent: '1003', count: 10 });
  return a;
}

async function centralAcked(id: string) {
  const [row] = await db.query<{ acked_seq: string }>(`select acked_seq from appliance where id = ?`, [id]);
  const [n] = await db.query<{ top: string | null }>(`select max(seq) as top from sync_record where appliance_id = ?`, [id]);
  return { acked: Number(row.acked_seq), topSeq: Number(n.top ?? 0) };
}

t('HQ crashes after COMMIT, before the reply: the retry is answered as a duplicate', async () => {
  await restartHq({ SYNC_FAULT: 'crash_after_commit@2' });
  const a = await branchWithBacklog('br-crash-after');
  await a.call('start');
  const exit = await hq!.exited;
  assert.is(exit.code, 137, 'the hook crashed HQ');
  assert.match(hq!.output(), /SYNC_FAULT crash_after_commit/);
  const at = await centralAcked('br-crash-after');
  assert.is(at.acked, 50, 'the second batch of 25 was committed before the crash');
  await restartHq();
  await a.call('drain', { timeoutMs: 60_000 });
  const d: Dump = await a.call('dump');
  assertLocalConsistency(d, 'after-commit crash');
  await assertCentralMatches(db, 'br-crash-after', d);
  const view = await admin(hq!.url, 'GET', '/hq/v1/appliances/br-crash-after');
  assert.ok(view.body.totals.duplicates >= 1, 'the unanswered batch came again and was a no-op');
  await stopGracefully(a);
});

t('HQ crashes before COMMIT: nothing of the batch is applied, and all of it is after the restart', async () => {
  await restartHq({ SYNC_FAULT: 'crash_before_commit@2' });
  const a = await branchWithBacklog('br-crash-before');
  await a.call('start');
  const exit = await hq!.exited;
  assert.is(exit.code, 137);
  const at = await centralAcked('br-crash-before');
  assert.is(at.acked, 25, 'only the first batch committed');
  assert.ok(at.topSeq <= 25, `no record of the crashed batch is there (found seq ${at.topSeq})`);
  await restartHq();
  await a.call('drain', { timeoutMs: 60_000 });
  const d: Dump = await a.call('dump');
  assertLocalConsistency(d, 'before-commit crash');
  await assertCentralMatches(db, 'br-crash-before', d);
  await stopGracefully(a);
});

t.run();

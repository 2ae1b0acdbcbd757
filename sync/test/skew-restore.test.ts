/**
 * B.7 #6, #8, #9, #10 with the real appliance: its clock six hours ahead and
 * then six hours behind (an injected clock), a build one schema version behind,
 * a poison record in the middle of its outbox, and a restore from an old
 * backup (a new epoch, and nothing HQ has is overwritten by older versions).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CentralHandle } from '../src/server.ts';
import { admin, startTestCentral } from './support/central.ts';
import { enrollInto, forkAppliance, killAll, stopGracefully, tmpData, type ApplianceChild } from './support/appliance.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { assertCentralMatches, assertLocalConsistency, type Dump } from './support/verify.ts';

const t = suite('skew, schema, poison, restore');
let db: TestDatabase;
let central: CentralHandle;
const dirs: string[] = [];
const HOUR = 3_600_000;

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
});
t.after(async () => {
  await killAll();
  await central?.stop();
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function enrolled(id: string): Promise<string> {
  const dir = tmpData();
  dirs.push(dir);
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id, name: id });
  await enrollInto(dir, central.url, id, made.body.enrollmentToken);
  return dir;
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
const near = (value: number, target: number, what: string) => assert.ok(Math.abs(value - target) < 10 * 60_000, `${what}: ${value} is not about ${target}`);

t('clock six hours ahead, then six hours behind: ordering follows versions, skew is reported', async () => {
  const dir = await enrolled('br-skew');
  let a: ApplianceChild = await forkAppliance(dir, { EC_CLOCK_OFFSET_MS: String(6 * HOUR) });
  await a.call('calls', { ids: ids('sk', 10), steps: 3 });
  await a.call('start');
  let status = await a.call('drain');
  near(status.clockSkewMs, 6 * HOUR, 'appliance sees itself ahead');
  near((await admin(central.url, 'GET', '/hq/v1/appliances/br-skew')).body.clockSkewMs, 6 * HOUR, 'HQ sees it ahead');
  await stopGracefully(a);

  // Twelve hours back: later writes carry earlier timestamps, and must still win.
  a = await forkAppliance(dir, { EC_CLOCK_OFFSET_MS: String(-6 * HOUR) });
  await a.call('start');
  await a.call('calls', { ids: ids('sk', 14), steps: 2 });
  await a.call('transitions', { agent: '1004', count: 4 });
  status = await a.call('drain');
  near(status.clockSkewMs, -6 * HOUR, 'appliance sees itself behind');
  const d: Dump = await a.call('dump');
  assertLocalConsistency(d, 'skew');
  await assertCentralMatches(db, 'br-skew', d);
  const [row] = await db.query<{ payload: any; entity_version: string }>(`select payload, entity_version from sync_record where appliance_id = 'br-skew' and entity_id = 'sk-1'`);
  const ats = row.payload.events.map((e: { at: number }) => e.at);
  assert.ok(ats[3] < ats[2], 'the newest version holds events stamped before older ones, and it won');
  assert.is(Number(row.entity_version), 5);
  near((await admin(central.url, 'GET', '/hq/v1/appliances/br-skew')).body.clockSkewMs, -6 * HOUR, 'HQ sees it behind');
  await stopGracefully(a);
});

t('an appliance one schema version behind: upcast on arrival, nothing dropped', async () => {
  const dir = await enrolled('br-old');
  const a = await forkAppliance(dir, { EC_SCHEMA_VERSION: '1' });
  await a.call('calls', { ids: ids('old', 8), steps: 3, schema: 1 });
  await a.call('start');
  await a.call('drain');
  const d: Dump = await a.call('dump');
  assert.not.ok('did' in d.outbox[0].payload.summary, 'the appliance really wrote the old shape');
  await assertCentralMatches(db, 'br-old', d);
  const rows = await db.query<{ payload: any; schema_version: number }>(`select payload, schema_version from sync_record where appliance_id = 'br-old'`);
  for (const r of rows) {
    assert.is(r.schema_version, 1, 'HQ keeps the version it received');
    assert.is(r.payload.summary.did, '', 'upcast to the current shape');
    assert.is(r.payload.summary.recording, null);
  }
  assert.is((await admin(central.url, 'GET', '/hq/v1/appliances/br-old')).body.schemaVersion, 1, 'the console shows the old build');
  await stopGracefully(a);
});

t('a poison record in the middle of the outbox is set aside; the queue never wedges', async () => {
  const dir = await enrolled('br-poison');
  const a = await forkAppliance(dir);
  await a.call('calls', { ids: ids('ok', 5), steps: 2 });
  await a.call('raw', { rows: [{ entity: 'call_journey', entityId: 'bad-1', payload: { callId: 'bad-1', direction: 'sideways', events: [] } }] });
  await a.call('calls', { ids: ids('ok2', 5), steps: 2 });
  // A newer appliance's record would wedge the queue only if HQ refused it; an unknown entity is quarantined.
  await a.call('raw', { rows: [{ entity: 'campaign_log', entityId: 'cl-1', op: 'append', payload: { campaign: 'x' } }] });
  await a.call('start');
  const status = await a.call('drain');
  assert.is(status.rejectsOpen, 2, 'the branch admin sees that HQ set records aside');
  const d: Dump = await a.call('dump');
  const good = { ...d, calls: d.calls, outbox: d.outbox.filter((o) => o.entityId !== 'bad-1' && o.entity !== 'campaign_log') };
  await assertCentralMatches(db, 'br-poison', good);
  const rejects = await admin(central.url, 'GET', '/hq/v1/rejects?appliance=br-poison');
  assert.equal(rejects.body.items.map((r: { reason: string }) => r.reason).sort(), ['invalid_payload', 'unknown_entity']);
  await stopGracefully(a);
});

t('a newer appliance than HQ keeps queuing: nothing applied, nothing dropped', async () => {
  const dir = await enrolled('br-new');
  const a = await forkAppliance(dir);
  await a.call('calls', { ids: ids('n', 3), steps: 1 });
  await a.call('raw', { rows: [{ entity: 'call_journey', entityId: 'future-1', schemaVersion: 3, payload: { callId: 'future-1' } }] });
  await a.call('start');
  let status = await a.call('status');
  for (let i = 0; i < 600 && status.upload?.lastError?.id !== 'schema_ahead'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    status = await a.call('status');
  }
  assert.is(status.upload.lastError.id, 'schema_ahead');
  assert.is(status.ackedSeq, 3, 'the records before it went up');
  assert.is(status.backlog.records, 1, 'the newer record stays queued for after the HQ upgrade');
  assert.is((await admin(central.url, 'GET', '/hq/v1/appliances/br-new')).body.lastError.id, 'schema_ahead');
  await stopGracefully(a);
});

async function restoreScenario(id: string, contactFirst: boolean) {
  const dir = await enrolled(id);
  const backupRoot = tmpData();
  dirs.push(backupRoot);
  const backup = join(backupRoot, 'backup');
  let a = await forkAppliance(dir);
  await a.call('calls', { ids: ids('t1', 6), steps: 2 });
  await a.call('start');
  await a.call('drain');
  const epochBefore = (await a.call('status')).epoch;
  await stopGracefully(a);
  mkdirSync(backup, { recursive: true });
  cpSync(dir, backup, { recursive: true });

  // Life goes on after the backup: new calls, and old calls move on to newer versions.
  a = await forkAppliance(dir);
  await a.call('start');
  await a.call('calls', { ids: ids('t2', 6), steps: 3 });
  await a.call('calls', { ids: ids('t1', 3), steps: 3 });
  await a.call('drain');
  const lost: Dump = await a.call('dump');
  await stopGracefully(a);

  // The disk dies; the box comes back from the backup.
  rmSync(dir, { recursive: true, force: true });
  cpSync(backup, dir, { recursive: true });
  a = await forkAppliance(dir);
  if (contactFirst) {
    await a.call('start');
    const first = await a.call('drain');
    assert.ok(first.upload.epochRotations >= 1, 'the first contact already showed HQ ahead of this database');
    await a.call('calls', { ids: ids('t3', 4), steps: 2 });
  } else {
    // More than HQ acked beyond the backup: only the check of "already acked" records can see the fork.
    await a.call('calls', { ids: ids('t3', 15), steps: 2 });
    await a.call('start');
  }
  const status = await a.call('drain');
  assert.is.not(status.epoch, epochBefore, 'the restored appliance minted a new epoch');
  assert.ok(status.upload.epochRotations >= 1);
  const now: Dump = await a.call('dump');
  const rows = await db.query<{ entity_id: string; entity_version: string; payload: any }>(`select entity_id, entity_version, payload from sync_record where appliance_id = ?`, [id]);
  const central = new Map(rows.map((r) => [r.entity_id, r]));
  for (const c of now.calls.filter((c) => c.id.startsWith('t3'))) assert.equal(central.get(c.id)?.payload.events, c.events, `new record ${c.id} arrived`);
  for (const c of lost.calls) {
    const r = central.get(c.id);
    assert.ok(r, `${c.id}, written after the backup, is still at HQ`);
    assert.equal(r!.payload.events, c.events, `${c.id} kept its newest version; the restored older one did not overwrite it`);
  }
  assert.is(rows.length, new Set([...lost.calls, ...now.calls].map((c) => c.id)).size, 'each call once');
  const epochs = await db.query(`select epoch from appliance_epoch where appliance_id = ?`, [id]);
  assert.is(epochs.length, 2);
  await stopGracefully(a);
}

t('restored from an old backup, writing before it reaches HQ: the fork is detected, a new epoch resends', () => restoreScenario('br-restore-a', false));
t('restored from an old backup, reaching HQ first: HQ being ahead of its head reveals the restore', () => restoreScenario('br-restore-b', true));

t.run();

/**
 * B.7 #4: the appliance is kill -9'd at random points while it writes journeys
 * and transitions (business rows + outbox rows) and uploads them, then
 * restarted on the same data dir, again and again. After every restart SQLite
 * is intact and business rows and outbox rows match; at the end HQ holds every
 * committed record exactly once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import type { CentralHandle } from '../src/server.ts';
import { admin, startTestCentral } from './support/central.ts';
import { enrollInto, forkAppliance, killAll, killHard, stopGracefully, tmpData } from './support/appliance.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { assertCentralMatches, assertLocalConsistency, type Dump } from './support/verify.ts';

const ROUNDS = Number(process.env.EC_KILL_ROUNDS ?? 8);

let db: TestDatabase;
let central: CentralHandle;
const dir = tmpData();

test.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
});
test.after(async () => {
  await killAll();
  await central?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test(`kill -9 at random points, ${ROUNDS} times: nothing committed is lost, nothing arrives twice`, async () => {
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'br-kill', name: 'Kill -9 branch' });
  await enrollInto(dir, central.url, 'br-kill', made.body.enrollmentToken);
  let lastHead = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await forkAppliance(dir);
    const before: Dump = await a.call('dump');
    assertLocalConsistency(before, `after kill ${round - 1}`);
    const head = before.outbox.length ? before.outbox[before.outbox.length - 1].seq : 0;
    assert.ok(head >= lastHead, 'no committed outbox row disappeared');
    lastHead = head;
    await a.call('start');
    await a.call('loop', { prefix: `r${round}` });
    // Somewhere between a few and a few dozen writes in, mid-write or mid-upload.
    await a.ticks(10 * (1 + Math.floor(Math.random() * 5)));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
    await killHard(a);
  }
  const a = await forkAppliance(dir);
  const last: Dump = await a.call('dump');
  assertLocalConsistency(last, `after kill ${ROUNDS}`);
  await a.call('start');
  const status = await a.call('drain', { timeoutMs: 60_000 });
  assert.is(status.backlog.records, 0);
  const d: Dump = await a.call('dump');
  assert.ok(d.calls.length > ROUNDS, `wrote ${d.calls.length} calls over ${ROUNDS} rounds`);
  await assertCentralMatches(db, 'br-kill', d);
  const view = await admin(central.url, 'GET', '/hq/v1/appliances/br-kill');
  assert.is(view.body.ackedSeq, d.outbox[d.outbox.length - 1].seq);
  assert.is(view.body.rejectsOpen, 0);
  await stopGracefully(a);
});

test.run();

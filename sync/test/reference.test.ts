/**
 * HQ → branch reference data (FAQ, templates, classifications, evaluation
 * criteria, holidays): the change log applied with its cursor, deletes as
 * tombstones, two HQ writers committing out of sequence order (B.7 #13), and
 * a cursor older than the pruned log recovering through the snapshot (410).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REF_DATASETS } from '@edgecall/contracts';
import type { CentralHandle } from '../src/server.ts';
import { admin, http, startTestCentral } from './support/central.ts';
import { enrollInto, forkAppliance, killAll, stopGracefully, tmpData, type ApplianceChild } from './support/appliance.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';

const t = suite('reference data');
let db: TestDatabase;
let central: CentralHandle;
let dir: string;
let credential: string;
let hold: { key: string; entered: () => void; release: Promise<void> } | null = null;

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url, {}, {
    hooks: {
      ref: {
        beforeCommit: async ({ key }) => {
          if (hold && hold.key === key) {
            hold.entered();
            await hold.release;
          }
        },
      },
    },
  });
  dir = tmpData();
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'br-ref', name: 'Reference branch' });
  await enrollInto(dir, central.url, 'br-ref', made.body.enrollmentToken);
  credential = JSON.parse(readFileSync(join(dir, 'sync-credential.json'), 'utf8')).credential;
});
t.after(async () => {
  await killAll();
  await central?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const put = async (dataset: string, key: string, item: unknown) => {
  const res = await admin(central.url, 'PUT', `/hq/v1/ref/${dataset}/${key}`, item);
  assert.is(res.status, 200, JSON.stringify(res.body));
  return res.body.rev as number;
};

/** The appliance's copy equals HQ's live items, dataset by dataset. */
async function assertSameAsHq(a: ApplianceChild, what: string) {
  const local = await a.call('reference', { datasets: [...REF_DATASETS] });
  for (const d of REF_DATASETS) {
    const hq = (await admin(central.url, 'GET', `/hq/v1/ref/${d}`)).body.items.filter((i: { deleted: boolean }) => !i.deleted);
    assert.equal(
      local[d].map((i: { key: string; payload: unknown }) => [i.key, i.payload]),
      hq.map((i: { key: string; payload: unknown }) => [i.key, i.payload]),
      `${what}: ${d}`,
    );
  }
}

t('every dataset arrives; updates and deletes follow', async () => {
  await put('faq', 'q1', { question: 'Opening hours?', answer: '9 to 18', tags: ['hours'] });
  await put('faq', 'q2', { question: 'Parking?', answer: 'Behind the building' });
  await put('template', 'sms-callback', { name: 'Callback', channel: 'sms', body: 'We will call you back' });
  await put('classification', 'billing', { name: 'Billing' });
  await put('classification', 'billing.refund', { name: 'Refund', parentKey: 'billing' });
  await put('evaluation_criterion', 'greeting', { name: 'Greeting', weight: 10 });
  await put('holiday', '2026-03-21', { date: '2026-03-21', name: 'Novruz' });
  const a = await forkAppliance(dir);
  await a.call('start');
  await a.call('pull');
  await assertSameAsHq(a, 'first pull');
  await put('faq', 'q1', { question: 'Opening hours?', answer: '9 to 19 now' });
  assert.is((await admin(central.url, 'DELETE', '/hq/v1/ref/faq/q2')).status, 200);
  const status = await a.call('pull');
  await assertSameAsHq(a, 'after update and delete');
  const faq = (await a.call('reference', { datasets: ['faq'] })).faq;
  assert.equal(faq.map((i: { key: string }) => i.key), ['q1']);
  assert.is(faq[0].payload.answer, '9 to 19 now');
  assert.is(status.reference.cursor, Number((await db.query<{ rev: string }>(`select max(rev) as rev from ref_change`))[0].rev));
  await stopGracefully(a);
});

t('two HQ writers committing out of sequence order: the cursor never skips the late one', async () => {
  const a = await forkAppliance(dir);
  await a.call('start');
  await a.call('pull');
  let entered!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  hold = { key: 'slow', entered, release: new Promise<void>((r) => (release = r)) };
  const slow = admin(central.url, 'PUT', '/hq/v1/ref/faq/slow', { question: 'Slow?', answer: 'Started first, commits last' });
  slow.catch(() => undefined);
  try {
    await inside;
    const fast = admin(central.url, 'PUT', '/hq/v1/ref/faq/fast', { question: 'Fast?', answer: 'Started second' });
    // The second writer either waits for the first (serialised writers) or, if that broke, commits right away.
    let fastDone = false;
    fast.then(() => (fastDone = true)).catch(() => undefined);
    for (;;) {
      const [w] = await db.query<{ n: string }>(`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`);
      if (Number(w.n) > 0 || fastDone) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const cursor = (await a.call('status')).reference.cursor;
    const page = await http(central.url, 'GET', `/sync/v1/ref?since=${cursor}`, { bearer: credential });
    assert.is(page.status, 200);
    assert.equal(page.body.changes.map((c: { key: string }) => c.key), [], 'nothing is served past a change that has not committed');
    await a.call('pull');
    release();
    assert.is((await slow).status, 200);
    assert.is((await fast).status, 200);
    assert.ok((await slow).body.rev < (await fast).body.rev, 'rev order is commit order');
  } finally {
    release();
    hold = null;
  }
  await a.call('pull');
  const keys = (await a.call('reference', { datasets: ['faq'] })).faq.map((i: { key: string }) => i.key);
  assert.ok(keys.includes('slow'), 'the late-committing change was not skipped');
  assert.ok(keys.includes('fast'));
  await assertSameAsHq(a, 'after the race');
  await stopGracefully(a);
});

t('a cursor behind the pruned log gets 410 and recovers from the snapshot', async () => {
  const a = await forkAppliance(dir);
  const before = (await a.call('status')).reference.cursor;
  await put('faq', 'q9', { question: 'New?', answer: 'Yes' });
  assert.is((await admin(central.url, 'DELETE', '/hq/v1/ref/faq/q1')).status, 200);
  await put('holiday', '2026-05-09', { date: '2026-05-09', name: 'Victory Day' });
  const pruned = await admin(central.url, 'POST', '/hq/v1/ref/prune', { throughRev: 1_000_000 });
  assert.is(pruned.status, 200);
  assert.ok(pruned.body.horizonRev > before);
  const gone = await http(central.url, 'GET', `/sync/v1/ref?since=${before}`, { bearer: credential });
  assert.is(gone.status, 410);
  assert.is(gone.body.error.id, 'cursor_expired');
  await a.call('start');
  const status = await a.call('pull');
  assert.ok(status.reference.lastSnapshotAt, 'the snapshot path ran');
  assert.is(status.reference.cursor, pruned.body.horizonRev);
  await assertSameAsHq(a, 'after the snapshot');
  await put('faq', 'q10', { question: 'After?', answer: 'Back on the log' });
  await a.call('pull');
  await assertSameAsHq(a, 'log after the snapshot');
  await stopGracefully(a);
});

t.run();

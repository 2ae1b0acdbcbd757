import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { createAuditService, type AuditEntry, type AuditStore } from './service.ts';

function memoryStore(): AuditStore & { rows: AuditEntry[] } {
  const rows: AuditEntry[] = [];
  return {
    rows,
    last: async () => (rows.length ? { seq: rows[rows.length - 1].seq, hash: rows[rows.length - 1].hash } : null),
    insert: async (e) => (rows.push({ ...e, seq: rows.length + 1 }), rows.length),
    page: async () => ({ rows, total: rows.length }),
    all: async () => rows.map((r) => ({ ...r })),
  };
}

const hasher = { sha256: (t: string) => createHash('sha256').update(t).digest('hex') };
const actor = { actorId: 'u1', actorName: 'admin', address: '127.0.0.1' };

test('entries chain; concurrent appends do not fork the chain', async () => {
  const store = memoryStore();
  const audit = createAuditService({ store, clock: { now: () => 5 }, hasher });
  await Promise.all([1, 2, 3, 4].map((i) => audit.record({ ...actor, action: `a.${i}`, targetType: 't', targetId: String(i) })));
  assert.is(store.rows.length, 4);
  for (let i = 1; i < 4; i++) assert.is(store.rows[i].prevHash, store.rows[i - 1].hash);
  assert.equal(await audit.verify(), { ok: true, checked: 4, brokenAt: null });
});

test('an edited entry breaks the chain where it was edited', async () => {
  const store = memoryStore();
  const audit = createAuditService({ store, clock: { now: () => 5 }, hasher });
  for (let i = 0; i < 5; i++) await audit.record({ ...actor, action: 'x', targetType: 't', targetId: String(i), after: { v: i } });
  store.rows[2].after = { v: 999 };
  assert.equal(await audit.verify(), { ok: false, checked: 5, brokenAt: 3 });
});

test('a deleted entry is detected', async () => {
  const store = memoryStore();
  const audit = createAuditService({ store, clock: { now: () => 5 }, hasher });
  for (let i = 0; i < 4; i++) await audit.record({ ...actor, action: 'x', targetType: 't', targetId: String(i) });
  store.rows.splice(1, 1);
  assert.is((await audit.verify()).ok, false);
});

test('secrets never enter the log', async () => {
  const store = memoryStore();
  const audit = createAuditService({ store, clock: { now: () => 5 }, hasher });
  await audit.record({ ...actor, action: 'x', targetType: 't', targetId: null, after: { password: 'hunter2', nested: { apiToken: 'abc', name: 'ok' } } });
  assert.equal(store.rows[0].after, { password: '***', nested: { apiToken: '***', name: 'ok' } });
});

test.run();

/**
 * The call-handling window's save, end to end: a simulated call is answered,
 * the agent registers it with a request type → classification →
 * sub-classification, and the record is tied to the journey; a replayed
 * outbox mutation lands once; wrong combinations are refused whole.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CallRecordPayload } from '@edgecall/contracts';
import { http, type Session } from '../support/appliance.ts';
import { startAcdHarness, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness; agent: Session; ref: Awaited<ReturnType<typeof seedReference>>; callId: string }>('call records');

async function post(h: AcdHarness, path: string, body: unknown) {
  const r = await http(h.url, 'POST', path, { cookie: h.admin.cookie, body });
  assert.is(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** Two request types, each with its own classifications, as an admin would set them up. */
async function seedReference(h: AcdHarness) {
  const complaint = await post(h, '/api/v1/settings/request-types', {
    name: 'Şikayət',
    fields: [
      { key: 'account', label: 'Hesab nömrəsi', type: 'text', required: true },
      { key: 'urgency', label: 'Təcililik', type: 'choice', options: ['low', 'high'] },
    ],
  });
  const info = await post(h, '/api/v1/settings/request-types', { name: 'Məlumat' });
  const billing = await post(h, '/api/v1/settings/classifications', { requestTypeId: complaint, name: 'Hesablaşma' });
  const overcharge = await post(h, '/api/v1/settings/classifications', { requestTypeId: complaint, parentId: billing, name: 'Artıq ödəniş' });
  const tariffs = await post(h, '/api/v1/settings/classifications', { requestTypeId: info, name: 'Tariflər' });
  const baku = await post(h, '/api/v1/settings/locations', { name: 'Bakı' });
  const yasamal = await post(h, '/api/v1/settings/locations', { name: 'Yasamal', cityId: baku });
  const ganja = await post(h, '/api/v1/settings/locations', { name: 'Gəncə' });
  return { complaint, info, billing, overcharge, tariffs, baku, yasamal, ganja };
}

t.before(async (ctx) => {
  ctx.h = await startAcdHarness();
  ctx.ref = await seedReference(ctx.h);
  ctx.agent = await ctx.h.ready('201');
  const call = ctx.h.sim.control.inboundCall({ did: '2000', callerNumber: '+994 50 777 66 55' });
  await ctx.h.waitCall(call.channelId, (c) => c.stage === 'talking');
  ctx.callId = call.channelId;
});
t.after(async (ctx) => ctx.h.close());

const count = async (h: AcdHarness, callId: string) => (await http(h.url, 'GET', `/api/v1/call-records?callId=${callId}`, { cookie: h.admin.cookie })).body.total as number;

t('bad combinations are refused with the field named, and nothing is saved', async ({ h, agent, ref, callId }) => {
  const base = { callId, requestTypeId: ref.complaint, classificationId: ref.billing, fields: { account: 'AZ-1' } };
  const cases: [string, unknown, string][] = [
    ['a classification of another type', { ...base, classificationId: ref.tariffs }, 'classificationId'],
    ['a sub-classification under another classification', { ...base, requestTypeId: ref.info, classificationId: ref.tariffs, subClassificationId: ref.overcharge, fields: {} }, 'subClassificationId'],
    ['a district of another city', { ...base, cityId: ref.ganja, districtId: ref.yasamal }, 'districtId'],
    ['a required field missing', { ...base, fields: {} }, 'account'],
    ['a value outside a choice', { ...base, fields: { account: 'AZ-1', urgency: 'whenever' } }, 'urgency'],
    ['an unknown call', { ...base, callId: 'no-such-call' }, 'callId'],
  ];
  for (const [what, body, field] of cases) {
    const r = await http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body });
    assert.is(r.status, 400, what);
    assert.is(r.body.error.id, 'validation_failed', what);
    assert.ok(JSON.stringify(r.body.error.details).includes(field), `${what}: details name ${field}: ${JSON.stringify(r.body.error)}`);
  }
  const missing = await http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body: { callId, requestTypeId: ref.complaint } });
  assert.is(missing.status, 400, 'no classification');
  assert.is(await count(h, callId), 0);
});

t('the agent registers the call; the record carries the call and its number', async ({ h, agent, ref, callId }) => {
  const body = {
    callId,
    requestTypeId: ref.complaint,
    classificationId: ref.billing,
    subClassificationId: ref.overcharge,
    cityId: ref.baku,
    districtId: ref.yasamal,
    note: 'Müştəri iki dəfə ödəyib',
    fields: { account: 'AZ-1001', urgency: 'high' },
  };
  const r = await http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.agent, '201');
  assert.is(r.body.number, '+994507776655', 'the number comes from the call when the window does not send one');
  const list = await http(h.url, 'GET', `/api/v1/call-records?number=0507776655`, { cookie: h.admin.cookie });
  assert.is(list.body.total, 1, 'found by the same number in another format');
  assert.is(list.body.items[0].subClassificationId, ref.overcharge);
  assert.equal(list.body.items[0].fields, { account: 'AZ-1001', urgency: 'high' });
});

t('an outbox mutation replayed (lost reply, second tab) is applied once and answered the same', async ({ h, agent, ref, callId }) => {
  const body = { callId, requestTypeId: ref.info, classificationId: ref.tariffs, note: 'offline', clientId: 'tablet-7:42' };
  const before = await count(h, callId);
  const first = await http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body });
  assert.is(first.status, 201);
  const [again, racing] = await Promise.all([
    http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body }),
    http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body }),
  ]);
  assert.is(again.status, 200);
  assert.is(racing.status, 200);
  assert.is(again.body.id, first.body.id);
  assert.is(await count(h, callId), before + 1);
  // The next seq of the same device is a new mutation.
  const next = await http(h.url, 'POST', '/api/v1/call-records', { cookie: agent.cookie, body: { ...body, clientId: 'tablet-7:43' } });
  assert.is(next.status, 201);
  assert.is(await count(h, callId), before + 2);
});

t('each record reaches the sync outbox, written with it, for HQ', async ({ h }) => {
  const sqlite3 = createRequire(import.meta.url)('sqlite3');
  const db = new sqlite3.Database(join(h.dataDir, 'edgecall.sqlite'), sqlite3.OPEN_READONLY);
  const rows: { entity_id: string; payload: string }[] = await new Promise((res, rej) =>
    db.all(`select entity_id, payload from sync_outbox where entity = 'call_record'`, (e: Error | null, r: any) => (e ? rej(e) : res(r))),
  );
  db.close();
  const records = (await http(h.url, 'GET', '/api/v1/call-records?limit=100', { cookie: h.admin.cookie })).body.items as { id: string }[];
  assert.ok(records.length >= 3);
  assert.equal(rows.map((r) => r.entity_id).sort(), records.map((r) => r.id).sort());
  // The payload is what contracts' registry accepts at HQ.
  for (const r of rows) assert.ok(CallRecordPayload.safeParse(JSON.parse(r.payload)).success, r.payload);
});

t.run();

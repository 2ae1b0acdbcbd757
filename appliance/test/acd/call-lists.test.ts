/**
 * The operator panel's call lists and recordings over real calls: the ARI
 * simulator through the real ari-client, journeys judged by the contracts'
 * KPI engine, exports read back, recordings streamed byte for byte.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { AcdSettings, kpiSettingsFromQueues, missedCallsFrom, type AcdSettingsInput } from '@edgecall/contracts';
import { http, login, type Session } from '../support/appliance.ts';
import { FAST_SETTINGS, startAcdHarness, waitFor, type AcdHarness } from '../support/acd-harness.ts';
import { readXlsx } from '../support/xlsx-reader.ts';
import { fold } from '../../src/lib/search-text.ts';
import { CALL_LIST_HEADER, callListRow } from '../../src/features/call-lists/http.ts';

const SETTINGS: AcdSettingsInput = {
  ...FAST_SETTINGS,
  queues: FAST_SETTINGS.queues.map((q) => (q.id === 'support' ? { ...q, maxWaitSeconds: 60, noAgentsAction: 'wait' as const, tShort: 1 } : q)),
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ctx {
  h: AcdHarness;
  from: number;
  agent: Session;
  ids: { answered: string; missed: string; short: string; anonymous: string; outbound: string };
}
const t = suite<Ctx>('call lists');

async function abandon(h: AcdHarness, number: string, holdMs: number) {
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: number });
  await h.waitCall(call.channelId, (c) => c.stage === 'queued');
  await sleep(holdMs);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  return call.channelId;
}

/** Rows the contacts and call-record features would write (their tables, written here directly). */
function seed(dataDir: string, sql: [string, unknown[]][]) {
  return new Promise<void>((resolve, reject) => {
    const db = new sqlite3.Database(join(dataDir, 'edgecall.sqlite'));
    db.configure('busyTimeout', 5000);
    db.serialize(() => {
      for (const [q, params] of sql) db.run(q, params, (err) => err && reject(err));
      db.close((err) => (err ? reject(err) : resolve()));
    });
  });
}

t.before(async (ctx) => {
  ctx.h = await startAcdHarness({ settings: SETTINGS });
  const h = ctx.h;
  ctx.from = Date.now() - 1000;
  // Nobody is ready yet: one missed call, one short abandon, one anonymous missed call.
  const missed = await abandon(h, '0501120002', 1300);
  const short = await abandon(h, '0501120003', 0);
  const anonymous = await abandon(h, 'anonymous', 1300);
  ctx.agent = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501120001' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  await sleep(600);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.events.some((e: { type: string }) => e.type === 'acw_ended'));
  await waitFor(async () => (await http(h.url, 'GET', '/api/v1/agent/me', { cookie: ctx.agent.cookie })).body.state === 'ready');
  h.sim.control.registerPhone('0501120005', { behaviour: { kind: 'answer', afterMs: 200 }, afterAnswerApps: [['Wait', '36000']] });
  const dial = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: ctx.agent.cookie, body: { number: '0501120005' } });
  await h.waitCall(dial.body.callId, (c) => c.stage === 'talking');
  await http(h.url, 'POST', '/api/v1/agent/hangup', { cookie: ctx.agent.cookie });
  await h.waitCall(dial.body.callId, (c) => c.stage === 'ended');
  ctx.ids = { answered: call.channelId, missed, short, anonymous, outbound: dial.body.callId };

  const now = Date.now();
  await seed(h.dataDir, [
    [`insert into contact (id, name, name_search, created_at, updated_at) values ('ct1', 'Leyla Şəfiyeva', ?, ?, ?)`, [fold('Leyla Şəfiyeva'), now, now]],
    [`insert into contact_phone (contact_id, phone, phone_key, pos) values ('ct1', '+994501120001', '501120001', 0)`, []],
    [`insert into request_type (id, name, name_key, updated_at) values ('rt1', 'Şikayət', 'şikayət', ?)`, [now]],
    [`insert into classification (id, request_type_id, parent_id, name, name_key, updated_at) values ('cl1', 'rt1', null, 'Gecikmə', 'gecikmə', ?)`, [now]],
    [
      `insert into call_record (id, call_id, request_type_id, classification_id, note, user_id, created_at) values ('cr1', ?, 'rt1', 'cl1', 'late delivery', 'u1', ?)`,
      [call.channelId, now],
    ],
  ]);
});
t.after(async (ctx) => ctx.h.close());

const get = async (ctx: Ctx, path: string, cookie = ctx.h.admin.cookie) => {
  const r = await http(ctx.h.url, 'GET', path, { cookie });
  assert.is(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
};
const ids = (body: { items: { callId: string }[] }) => body.items.map((i) => i.callId);

t('missed: the KPI definition over the period, newest first', async (ctx) => {
  const { h, from, ids: c } = ctx;
  const to = Date.now() + 1;
  const body = await get(ctx, `/api/v1/call-lists/missed?from=${from}&to=${to}`, ctx.agent.cookie);
  assert.equal(ids(body), [c.anonymous, c.missed]);
  assert.is(body.total, 2);
  assert.is(body.from, new Date(from).toISOString());
  // The same set as the engine finds in the stored journeys.
  const calls = (await get(ctx, `/api/v1/calls?from=${from}&to=${to}&limit=5000`)).items;
  const journeys = calls.map((x: any) => ({ callId: x.id, direction: x.direction, events: x.events }));
  const expected = missedCallsFrom(journeys, { ...kpiSettingsFromQueues(AcdSettings.parse(SETTINGS).queues), from, to, now: Date.now() });
  assert.equal([...ids(body)].sort(), expected.map((m) => m.callId).sort());
  const item = body.items.find((i: any) => i.callId === c.missed);
  assert.is(item.direction, 'inbound');
  assert.is(item.queue, 'support');
  assert.is(item.cause, 'abandoned');
  assert.is(item.answeredAt, null);
  assert.ok(item.waitSeconds > 1, String(item.waitSeconds));
  assert.is(item.hasRecording, false);
  void h;
});

t('incoming, outgoing and all; filters by number, queue, agent, contact, request type; paging', async (ctx) => {
  const { from, ids: c } = ctx;
  const q = `from=${from}&to=${Date.now() + 1}`;
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/incoming?${q}`)), [c.answered, c.anonymous, c.short, c.missed]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/outgoing?${q}`)), [c.outbound]);
  const all = await get(ctx, `/api/v1/call-lists/all?${q}`);
  assert.equal(ids(all), [c.outbound, c.answered, c.anonymous, c.short, c.missed]);
  // Any format of the number finds the caller.
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/all?${q}&number=${encodeURIComponent('+994 50 112 00 01')}`)), [c.answered]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/missed?${q}&number=0501120002`)), [c.missed]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/missed?${q}&number=0501120001`)), []);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/all?${q}&queue=support`)), [c.answered, c.anonymous, c.short, c.missed]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/all?${q}&agent=201`)), [c.outbound, c.answered]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/all?${q}&agent=202`)), []);
  const byContact = await get(ctx, `/api/v1/call-lists/all?${q}&contact=${encodeURIComponent('ŞƏFİ')}`);
  assert.equal(ids(byContact), [c.answered]);
  assert.equal(byContact.items[0].contact, { id: 'ct1', name: 'Leyla Şəfiyeva' });
  assert.equal(byContact.items[0].record, { id: 'cr1', requestType: 'Şikayət', classification: 'Gecikmə', subClassification: null, note: 'late delivery' });
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/incoming?${q}&requestTypeId=rt1`)), [c.answered]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/incoming?${q}&classificationId=cl1`)), [c.answered]);
  assert.equal(ids(await get(ctx, `/api/v1/call-lists/incoming?${q}&requestTypeId=other`)), []);
  const answered = all.items.find((i: any) => i.callId === c.answered);
  assert.is(answered.agent, '201');
  assert.ok(answered.talkSeconds > 0.3 && answered.hasRecording);
  const outbound = all.items.find((i: any) => i.callId === c.outbound);
  assert.is(outbound.waitSeconds, null);
  assert.is(outbound.number, '0501120005');
  // Paging: the same order, page by page, with the total of the whole list.
  const p1 = await get(ctx, `/api/v1/call-lists/all?${q}&limit=2`);
  const p2 = await get(ctx, `/api/v1/call-lists/all?${q}&limit=2&offset=2`);
  const p3 = await get(ctx, `/api/v1/call-lists/all?${q}&limit=2&offset=4`);
  assert.equal([...ids(p1), ...ids(p2), ...ids(p3)], ids(all));
  assert.equal([p1.total, p2.total, p3.total], [5, 5, 5]);
  // Default period: the last 24 hours.
  assert.is((await get(ctx, '/api/v1/call-lists/all')).total, 5);
});

t('bad kinds and bad periods are refused, not errors', async (ctx) => {
  const { h } = ctx;
  const kind = await http(h.url, 'GET', '/api/v1/call-lists/lost', { cookie: h.admin.cookie });
  assert.is(kind.status, 404);
  assert.is(kind.body.error.id, 'not_found');
  for (const q of ['from=10&to=5', 'limit=0', 'format=pdf', 'from=abc', `from=0&to=${400 * 86_400_000}`, 'number=abc', 'bogus=1']) {
    const r = await http(h.url, 'GET', `/api/v1/call-lists/all?${q}`, { cookie: h.admin.cookie });
    assert.is(r.status, 400, q);
    assert.is(r.body.error.id, 'validation_failed', q);
  }
});

/** A tiny RFC 4180 reader: the export must be read back by any CSV reader, not ours. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\ufeff/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && src[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += ch;
  }
  return rows;
}
/** Formula-like text gets a quote in exports; an international phone number stays as it is. */
const guarded = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) && !/^\+[0-9]{3,20}$/.test(v) ? `'${v}` : v);

t('CSV and XLSX exports carry every row of the filtered list, as the JSON has them', async (ctx) => {
  const { h, from } = ctx;
  const q = `from=${from}&to=${Date.now() + 1}`;
  const json = await get(ctx, `/api/v1/call-lists/all?${q}&limit=1000`);
  const expected = json.items.map((i: any) => callListRow(i).map(guarded));

  const csv = await fetch(`${h.url}/api/v1/call-lists/all?${q}&limit=2&format=csv`, { headers: { cookie: h.admin.cookie } });
  assert.is(csv.status, 200);
  assert.match(csv.headers.get('content-type')!, 'text/csv');
  assert.match(csv.headers.get('content-disposition')!, /attachment; filename="calls-all-\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv"/);
  const csvRows = parseCsv(await csv.text());
  assert.equal(csvRows[0], CALL_LIST_HEADER);
  assert.equal(
    csvRows.slice(1),
    expected.map((r: unknown[]) => r.map((v) => (v === null ? '' : String(v)))),
    'every page, not the one asked for',
  );

  const xlsx = await fetch(`${h.url}/api/v1/call-lists/all?${q}&format=xlsx`, { headers: { cookie: h.admin.cookie } });
  assert.is(xlsx.status, 200);
  assert.is(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(xlsx.headers.get('content-disposition')!, /filename="calls-all-.*\.xlsx"/);
  const { rows } = readXlsx(Buffer.from(await xlsx.arrayBuffer()));
  const width = CALL_LIST_HEADER.length;
  const pad = (r: unknown[]) => [...r, ...Array(Math.max(0, width - r.length)).fill(null)];
  assert.equal(rows[0], CALL_LIST_HEADER);
  assert.equal(rows.slice(1).map(pad), expected);

  const missed = await fetch(`${h.url}/api/v1/call-lists/missed?${q}&format=csv`, { headers: { cookie: h.admin.cookie } });
  assert.is(parseCsv(await missed.text()).length, 3, 'header and the two missed calls');
});

t('recordings: a wav for admins and supervisors, 403 for operators, 404 without one, 503 with the PBX away', async (ctx) => {
  const { h, ids: c } = ctx;
  const call = await h.call(c.answered);
  const file = join(h.sim.dataDir, 'recording', `${call.recording}.wav`);
  await waitFor(async () => {
    try {
      return readFileSync(file).length > 44;
    } catch {
      return false;
    }
  }, 5000, 'recording file');
  const chief = await login(h.url, 'chief', 'chief-password');
  for (const cookie of [h.admin.cookie, chief.cookie]) {
    const res = await fetch(`${h.url}/api/v1/calls/${c.answered}/recording`, { headers: { cookie } });
    assert.is(res.status, 200);
    assert.is(res.headers.get('content-type'), 'audio/wav');
    const body = Buffer.from(await res.arrayBuffer());
    assert.is(body.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.is(body.subarray(8, 12).toString('latin1'), 'WAVE');
    assert.ok(body.equals(readFileSync(file)), 'the bytes the PBX stored, unchanged');
  }
  const operator = await http(h.url, 'GET', `/api/v1/calls/${c.answered}/recording`, { cookie: ctx.agent.cookie });
  assert.is(operator.status, 403);
  assert.is(operator.body.error.id, 'forbidden');
  for (const id of [c.missed, 'no-such-call']) {
    const none = await http(h.url, 'GET', `/api/v1/calls/${id}/recording`, { cookie: h.admin.cookie });
    assert.is(none.status, 404, id);
    assert.is(none.body.error.id, 'not_found');
  }
  const audit = await http(h.url, 'GET', '/api/v1/audit?action=recording.listen&limit=10', { cookie: h.admin.cookie });
  assert.is(audit.body.total, 2, 'each listen is audited');

  h.sim.control.dropEventSockets(4000);
  await waitFor(async () => (await http(h.url, 'GET', '/healthz')).body.checks.pbx !== 'ok', 5000, 'ARI down');
  const away = await http(h.url, 'GET', `/api/v1/calls/${c.answered}/recording`, { cookie: h.admin.cookie });
  assert.is(away.status, 503);
  assert.is(away.body.error.id, 'service_unavailable');
});

t.run();

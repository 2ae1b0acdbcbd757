/**
 * The callback list against the real ACD: the ARI simulator through the real
 * ari-client, the appliance's journeys judged by the contracts' KPI engine.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { MqttClient } from 'mqtt';
import { AcdSettings, contactsFrom, kpiSettingsFromQueues, missedCallsFrom, recoveryRate, topics, type AcdSettingsInput } from '@edgecall/contracts';
import { http, login, type Session } from '../support/appliance.ts';
import { connectLive } from '../support/mqtt.ts';
import { readXlsx } from '../support/xlsx-reader.ts';
import { FAST_SETTINGS, startAcdHarness, waitFor, type AcdHarness } from '../support/acd-harness.ts';

/** `support` (DID 2000) keeps callers waiting with nobody ready, and a short abandon is under 1 s. */
const SETTINGS: AcdSettingsInput = {
  ...FAST_SETTINGS,
  queues: FAST_SETTINGS.queues.map((q) => (q.id === 'support' ? { ...q, maxWaitSeconds: 60, noAgentsAction: 'wait' as const, tShort: 1 } : q)),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const t = suite<{ h: AcdHarness }>('callback list');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness({ settings: SETTINGS });
});
t.after.each(async (ctx) => ctx.h.close());

/** A caller who waits `holdMs` in the support queue with nobody answering, then hangs up. */
async function callAndHangUp(h: AcdHarness, number: string, holdMs: number) {
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: number });
  await h.waitCall(call.channelId, (c) => c.stage === 'queued');
  await sleep(holdMs);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  return call.channelId;
}

const list = async (h: AcdHarness, query: string, cookie = h.admin.cookie) => {
  const r = await http(h.url, 'GET', `/api/v1/callbacks?${query}`, { cookie });
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r.body as { items: any[]; total: number };
};
const entryOf = (h: AcdHarness, digits: string, status = 'all') => list(h, `status=${status}&number=${digits}`).then((r) => r.items);
const waitEntry = (h: AcdHarness, digits: string, pred: (e: any) => boolean = () => true, what = `entry ${digits}`) =>
  waitFor(async () => (await entryOf(h, digits)).find(pred), 5000, what);

async function inbox(h: AcdHarness, s: Session, agent: string) {
  const client: MqttClient = await connectLive(h.url, s.user.username, s.mqttToken);
  const messages: any[] = [];
  client.on('message', (_t, payload) => payload.length && messages.push(JSON.parse(payload.toString()).data));
  await new Promise<void>((res, rej) => client.subscribe(topics.agentInbox(s.site, agent), (err) => (err ? rej(err) : res())));
  return { client, messages };
}

t('a missed caller enters the list once, however often they try; short abandons and anonymous callers do not', async ({ h }) => {
  const first = await callAndHangUp(h, '+994501110101', 1300);
  const entry = await waitEntry(h, '501110101');
  assert.is(entry.status, 'open');
  assert.is(entry.kind, 'missed');
  assert.is(entry.queue, 'support');
  assert.is(entry.missedCount, 1);
  assert.equal(entry.callIds, [first]);
  assert.is(entry.number, '+994501110101');
  assert.ok(entry.firstMissedAt && entry.lastMissedAt === entry.firstMissedAt);

  // The same caller, the number written the national way: still one entry.
  const second = await callAndHangUp(h, '0501110101', 1300);
  const again = await waitEntry(h, '501110101', (e) => e.missedCount === 2, 'second miss on the same entry');
  assert.is(again.id, entry.id);
  assert.equal(again.callIds, [first, second]);
  assert.is((await entryOf(h, '501110101')).length, 1);

  await callAndHangUp(h, '0501110102', 0);
  await callAndHangUp(h, 'anonymous', 1300);
  await sleep(500);
  assert.equal(await entryOf(h, '501110102'), [], 'a short abandon is not a missed call');
  const all = await list(h, 'status=all');
  assert.is(all.total, 1, JSON.stringify(all.items.map((e) => e.number)));
});

t('a call that began before a restart is judged from its stored journey', async ({ h }) => {
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '0501110111' });
  await h.waitCall(call.channelId, (c) => c.stage === 'queued');
  const queuedAt = Date.now();
  await h.restart();
  await waitFor(async () => (await http(h.url, 'GET', '/healthz')).body.checks.pbx === 'ok', 10_000, 'ARI connected');
  // Longer than T_short (1 s) in all, however quick the restart was.
  await sleep(Math.max(300, 1300 - (Date.now() - queuedAt)));
  call.hangup();
  const ended = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.is(ended.cause, 'abandoned');
  const entry = await waitEntry(h, '501110111');
  assert.equal(entry.callIds, [call.channelId]);
});

t('a caller whose wait runs out into the callback list is a requested entry, not a missed call', async ({ h }) => {
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  const support = settings.queues.find((q: { id: string }) => q.id === 'support');
  Object.assign(support, { maxWaitSeconds: 5, timeoutAction: 'callback' });
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings })).status, 200);
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '0501110151' });
  const ended = await h.waitCall(call.channelId, (c) => c.stage === 'ended', 15_000);
  assert.is(ended.cause, 'deflected');
  const entry = await waitEntry(h, '501110151');
  assert.is(entry.kind, 'requested');
  assert.equal(entry.callIds, [call.channelId]);
  assert.is(entry.missedCount, 1);
  await sleep(300);
  assert.is((await entryOf(h, '501110151')).length, 1, 'the deflected call is not also a missed one');
});

t('calling back through the list: the attempt is recorded; busy keeps the entry open, reached closes it', async ({ h }) => {
  let busy = true;
  h.sim.control.registerPhone('0501110201', { behaviour: () => (busy ? { kind: 'busy' } : { kind: 'answer', afterMs: 200 }), afterAnswerApps: [['Wait', '36000']] });
  await callAndHangUp(h, '0501110201', 1300);
  const entry = await waitEntry(h, '501110201');
  assert.is(entry.assignedAgent, null, 'nobody was ready');

  const agent = await h.agent('201');
  const box = await inbox(h, agent, '201');
  try {
    await h.ready('201');
    // A ready agent of the entry's queue is handed it, and told so.
    const mine = await waitFor(async () => (await list(h, 'assigned=me', agent.cookie)).items.find((e) => e.id === entry.id), 5000, 'automatic assignment');
    assert.is(mine.assignedAgent, '201');
    await waitFor(async () => box.messages.find((m) => m.type === 'callback_assigned' && m.entryId === entry.id), 5000, 'callback_assigned in the inbox');
  } finally {
    box.client.end(true);
  }

  const attempt1 = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/call`, { cookie: agent.cookie });
  assert.is(attempt1.status, 200, JSON.stringify(attempt1.body));
  await h.waitCall(attempt1.body.callId, (c) => c.stage === 'ended');
  const afterBusy = await waitEntry(h, '501110201', (e) => e.attempts[0]?.outcome === 'busy', 'busy attempt');
  assert.is(afterBusy.status, 'open');
  assert.equal(afterBusy.attempts.map((a: any) => [a.callId, a.agent]), [[attempt1.body.callId, '201']]);

  busy = false;
  await waitFor(async () => (await http(h.url, 'GET', '/api/v1/agent/me', { cookie: agent.cookie })).body.state === 'ready');
  const attempt2 = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/call`, { cookie: agent.cookie });
  assert.is(attempt2.status, 200, JSON.stringify(attempt2.body));
  const talking = await h.waitCall(attempt2.body.callId, (c) => c.stage === 'talking');
  assert.is(talking.direction, 'outbound');
  assert.is(talking.number, '0501110201');
  const closed = await waitEntry(h, '501110201', (e) => e.status === 'closed', 'closed by the reached callback');
  assert.is(closed.closeReason, 'reached_outbound');
  assert.equal(closed.attempts.map((a: any) => a.outcome), ['busy', 'reached']);
  assert.is(closed.attempts.length, 2, 'one outbound call is one attempt');
  await http(h.url, 'POST', '/api/v1/agent/hangup', { cookie: agent.cookie });
  // A closed entry is not called again.
  const refused = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/call`, { cookie: agent.cookie });
  assert.is(refused.status, 409);
});

t('an entry closes by itself when the caller rings again and an agent answers', async ({ h }) => {
  const missed = await callAndHangUp(h, '+994501110301', 1300);
  await waitEntry(h, '501110301');
  await h.ready('202');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110301' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  const closed = await waitEntry(h, '501110301', (e) => e.status === 'closed', 'closed by the answered call');
  assert.is(closed.closeReason, 'reached_inbound');
  assert.equal(closed.callIds, [missed], 'the answered call is not a missed one');
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.is((await entryOf(h, '501110301', 'open')).length, 0);
});

t('assignment by hand is audited; an agent takes what nobody holds', async ({ h }) => {
  await callAndHangUp(h, '0501110401', 1300);
  const entry = await waitEntry(h, '501110401');
  const a202 = await h.agent('202');
  const a203 = await h.agent('203');
  await http(h.url, 'POST', '/api/v1/agent/login', { cookie: a203.cookie, body: {} });
  const took = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/take`, { cookie: a202.cookie });
  assert.is(took.status, 200, JSON.stringify(took.body));
  assert.is(took.body.assignedAgent, '202');
  const stolen = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/take`, { cookie: a203.cookie });
  assert.is(stolen.status, 409);

  const chief = await login(h.url, 'chief', 'chief-password');
  const byOperator = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/assign`, { cookie: a202.cookie, body: { agent: '203' } });
  assert.is(byOperator.status, 403);
  const unknown = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/assign`, { cookie: chief.cookie, body: { agent: '999' } });
  assert.is(unknown.status, 404);
  const moved = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/assign`, { cookie: chief.cookie, body: { agent: '203' } });
  assert.is(moved.status, 200, JSON.stringify(moved.body));
  assert.is(moved.body.assignedAgent, '203');
  const audit = await http(h.url, 'GET', '/api/v1/audit?limit=20&action=callback.assign', { cookie: h.admin.cookie });
  const row = audit.body.items.find((a: any) => a.action === 'callback.assign' && a.targetId === entry.id);
  assert.ok(row, 'assignment audited');
  assert.is(row.actorName, 'chief');
  assert.equal([row.before, row.after], [{ assignedAgent: '202' }, { assignedAgent: '203' }]);
  assert.equal((await list(h, 'assigned=me', a203.cookie)).items.map((e) => e.id), [entry.id]);
  assert.equal((await list(h, 'assigned=me', a202.cookie)).items, []);
  assert.equal((await list(h, 'assigned=unassigned')).items, []);

  const closed = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/close`, { cookie: a203.cookie, body: { note: 'wrong department' } });
  assert.is(closed.status, 200);
  assert.is(closed.body.closeReason, 'closed_by_agent');
  assert.is(closed.body.note, 'wrong department');
  assert.is((await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/assign`, { cookie: chief.cookie, body: { agent: '202' } })).status, 409);

  // Exports carry the list as filtered (closed ones included with status=all).
  const csv = await http(h.url, 'GET', '/api/v1/callbacks?status=all&format=csv', { cookie: a202.cookie });
  assert.match(csv.headers.get('content-disposition')!, /filename="callbacks-\d{4}-\d\d-\d\d\.csv"/);
  const lines = String(csv.body).replace(/^\ufeff/, '').trim().split('\r\n');
  assert.is(lines.length, 2);
  assert.ok(lines[1].startsWith(`${entry.id},0501110401,closed,missed,support,1,`), lines[1]);
  const xlsx = await fetch(`${h.url}/api/v1/callbacks?status=all&format=xlsx`, { headers: { cookie: a202.cookie } });
  const { rows } = readXlsx(Buffer.from(await xlsx.arrayBuffer()));
  assert.equal(rows.map((r) => r.slice(0, 6)), [['id', 'number', 'status', 'kind', 'queue', 'missedCount'], [entry.id, '0501110401', 'closed', 'missed', 'support', 1]]);
});

t('ordered callbacks: the past is refused; the future is the creator’s, listed, and announced when due', async ({ h }) => {
  const agent = await h.agent('201');
  const past = await http(h.url, 'POST', '/api/v1/callbacks', { cookie: agent.cookie, body: { number: '050 111 05 01', scheduledFor: new Date(Date.now() - 60_000).toISOString() } });
  assert.is(past.status, 400);
  assert.is(past.body.error.id, 'validation_failed');
  assert.is((await list(h, 'status=all')).total, 0, 'nothing written');

  const box = await inbox(h, agent, '201');
  try {
    const at = new Date(Date.now() + 3500).toISOString();
    const body = { number: '050 111 05 01', scheduledFor: at, note: 'after the invoice is ready', clientId: 'tab-1:7' };
    const made = await http(h.url, 'POST', '/api/v1/callbacks', { cookie: agent.cookie, body });
    assert.is(made.status, 201, JSON.stringify(made.body));
    assert.is(made.body.kind, 'scheduled');
    assert.is(made.body.number, '0501110501');
    assert.is(made.body.assignedAgent, '201');
    assert.is(made.body.scheduledFor, at);
    const replay = await http(h.url, 'POST', '/api/v1/callbacks', { cookie: agent.cookie, body });
    assert.is(replay.body.id, made.body.id, 'a replayed outbox item answers as the first time');
    assert.equal((await list(h, 'assigned=me', agent.cookie)).items.map((e) => e.id), [made.body.id]);
    // Newest first until the ordered callback falls due; then it leads the list.
    await callAndHangUp(h, '0501110502', 1300);
    const missed = await waitEntry(h, '501110502');
    assert.ok(Date.now() < Date.parse(at), 'still before the due time');
    assert.equal((await list(h, 'status=open')).items.map((e) => e.id), [missed.id, made.body.id]);
    const due = await waitFor(async () => box.messages.find((m) => m.type === 'callback_due'), 6000, 'callback_due in the inbox');
    assert.is(due.entryId, made.body.id);
    assert.is(due.number, '0501110501');
    assert.ok(Date.now() >= Date.parse(at) - 50, 'not announced early');
    assert.equal((await list(h, 'status=open')).items.map((e) => e.id), [made.body.id, missed.id]);
  } finally {
    box.client.end(true);
  }
});

t('an outcome noted with a client id applies once; reached closes the entry', async ({ h }) => {
  await callAndHangUp(h, '0501110601', 1300);
  const entry = await waitEntry(h, '501110601');
  const agent = await h.agent('202');
  const body = { outcome: 'no_answer', note: 'rang out', clientId: 'phone-9:41' };
  const first = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/outcome`, { cookie: agent.cookie, body });
  const second = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/outcome`, { cookie: agent.cookie, body });
  assert.is(first.status, 200, JSON.stringify(first.body));
  assert.equal(second.body, first.body);
  const once = (await entryOf(h, '501110601'))[0];
  assert.equal(once.attempts.map((a: any) => [a.outcome, a.agent, a.note]), [['no_answer', '202', 'rang out']]);
  assert.is(once.status, 'open');
  const reached = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/outcome`, { cookie: agent.cookie, body: { outcome: 'reached', clientId: 'phone-9:42' } });
  assert.is(reached.body.status, 'closed');
  assert.is(reached.body.closeReason, 'reached_outbound');
  const bad = await http(h.url, 'POST', `/api/v1/callbacks/${entry.id}/outcome`, { cookie: agent.cookie, body: { outcome: 'maybe' } });
  assert.is(bad.status, 400);
  assert.is((await http(h.url, 'GET', '/api/v1/callbacks/nope', { cookie: agent.cookie })).status, 404);
});

t('stats: callback time and recovery rate equal the contracts’ functions over the same journeys', async ({ h }) => {
  const from = Date.now() - 1000;
  h.sim.control.registerPhone('0501110701', { behaviour: { kind: 'answer', afterMs: 200 }, afterAnswerApps: [['Wait', '36000']] });
  await callAndHangUp(h, '0501110701', 1300);
  await callAndHangUp(h, '0501110702', 1300);
  const a = await waitEntry(h, '501110701');
  await waitEntry(h, '501110702');
  const agent = await h.ready('201');
  const back = await http(h.url, 'POST', `/api/v1/callbacks/${a.id}/call`, { cookie: agent.cookie });
  assert.is(back.status, 200, JSON.stringify(back.body));
  await h.waitCall(back.body.callId, (c) => c.stage === 'talking');
  await http(h.url, 'POST', '/api/v1/agent/hangup', { cookie: agent.cookie });
  await h.waitCall(back.body.callId, (c) => c.stage === 'ended');
  const to = Date.now() + 1;

  const res = await http(h.url, 'GET', `/api/v1/callbacks/stats?from=${from}&to=${to}`, { cookie: agent.cookie });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const calls = (await http(h.url, 'GET', `/api/v1/calls?from=${from}&to=${to}&limit=5000`, { cookie: h.admin.cookie })).body.items;
  const journeys = calls.map((c: any) => ({ callId: c.id, direction: c.direction, events: c.events }));
  const settings = kpiSettingsFromQueues(AcdSettings.parse(SETTINGS).queues);
  const now = Date.now();
  const missed = missedCallsFrom(journeys, { ...settings, from, to, now });
  const expected = recoveryRate(missed, contactsFrom(journeys, now), settings);
  assert.is(expected.missedCallers, 2);
  assert.is(res.body.missedCallers, expected.missedCallers);
  assert.is(res.body.recovered, expected.recovered);
  assert.is(res.body.recoveryRate, expected.recoveryRate);
  assert.is(res.body.recoveryRate, 50);
  assert.is(res.body.attempted, 1);
  const timing = res.body.callbackTimes.find((c: any) => c.number === '0501110701');
  assert.ok(timing.callbackTime > 0 && timing.callbackTime === res.body.averageCallbackTime);
  assert.is((await http(h.url, 'GET', `/api/v1/callbacks/stats?from=${to}&to=${from}`, { cookie: agent.cookie })).status, 400);
});

t.run();

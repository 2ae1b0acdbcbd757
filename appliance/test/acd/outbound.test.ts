/** Click-to-call and callbacks: the agent's phone first, then the customer; journeys as outbound calls. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { http } from '../support/appliance.ts';
import { startAcdHarness, types, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('acd outbound');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness();
});
t.after.each(async (ctx) => ctx.h.close());

t('click-to-call: agent leg, then the customer through the trunk, bridged and recorded', async ({ h }) => {
  const customer = h.sim.control.registerPhone('5551234', { behaviour: { kind: 'answer', afterMs: 300 }, afterAnswerApps: [['Wait', '36000']] });
  const s = await h.ready('201');
  const res = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: s.cookie, body: { number: '5551234' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const talking = await h.waitCall(res.body.callId, (c) => c.stage === 'talking');
  assert.is(talking.direction, 'outbound');
  assert.is(talking.number, '5551234');
  assert.equal(types(talking), ['arrived', 'answered']);
  assert.is(talking.events[0].agent, '201');
  // The agent's phone was rung before the customer's.
  const originates = h.sim.control.history('rest').filter((e: any) => e.method === 'POST' && e.path === '/ari/channels').map((e: any) => e.query.endpoint);
  assert.equal(originates.slice(-2), ['PJSIP/201', 'PJSIP/5551234']);
  const mix = h.sim.control.snapshot().bridges.find((b) => b.id === `mix-${res.body.callId}`)!;
  assert.is((mix.channels as string[]).length, 2);
  customer.hangup();
  const done = await h.waitCall(res.body.callId, (c) => c.events.some((e: { type: string }) => e.type === 'acw_ended'));
  assert.equal(types(done), ['arrived', 'answered', 'ended', 'acw_ended']);
  assert.is(done.cause, 'caller_hangup');
  const list = await http(h.url, 'GET', '/api/v1/calls?direction=outbound', { cookie: h.admin.cookie });
  assert.ok(list.body.items.some((c: { id: string }) => c.id === res.body.callId));
});

t('a busy customer ends the call as busy and frees the agent without ACW', async ({ h }) => {
  h.sim.control.registerPhone('5550000', { behaviour: { kind: 'busy' } });
  const s = await h.ready('202');
  const res = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: s.cookie, body: { number: '5550000' } });
  const done = await h.waitCall(res.body.callId, (c) => c.stage === 'ended');
  assert.equal(types(done), ['arrived', 'ended']);
  assert.is(done.cause, 'busy');
  await waitFor(async () => (await http(h.url, 'GET', '/api/v1/agent/me', { cookie: s.cookie })).body.state === 'ready');
});

t('only a ready agent may dial; bad numbers are refused', async ({ h }) => {
  const s = await h.agent('203');
  await http(h.url, 'POST', '/api/v1/agent/login', { cookie: s.cookie, body: {} });
  const paused = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: s.cookie, body: { number: '5551234' } });
  assert.is(paused.status, 409);
  const bad = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: s.cookie, body: { number: '12; DROP' } });
  assert.is(bad.status, 400);
  assert.is(bad.body.error.id, 'validation_failed');
});

t('callback: an agent calls back the number of a missed call', async ({ h }) => {
  h.sim.control.registerPhone('5557777', { behaviour: { kind: 'answer', afterMs: 200 }, afterAnswerApps: [['Wait', '36000']] });
  // A missed call: refused at entry with nobody logged in.
  const missed = h.sim.control.inboundCall({ did: '3000', callerNumber: '5557777' });
  await h.waitCall(missed.channelId, (c) => c.stage === 'ended');
  const s = await h.ready('201');
  const res = await http(h.url, 'POST', `/api/v1/calls/${missed.channelId}/callback`, { cookie: s.cookie });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const back = await h.waitCall(res.body.callId, (c) => c.stage === 'talking');
  assert.is(back.number, '5557777');
  assert.is(back.direction, 'outbound');
  await http(h.url, 'POST', '/api/v1/agent/hangup', { cookie: s.cookie });
  const done = await h.waitCall(res.body.callId, (c) => c.stage === 'ended');
  assert.is(done.cause, 'agent_hangup');
});

t.run();

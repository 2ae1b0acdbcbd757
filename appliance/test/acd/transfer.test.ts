/** Blind transfers: the journey closes one stint and opens the next; the first agent goes to ACW. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { http } from '../support/appliance.ts';
import { startAcdHarness, types, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('acd transfer');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness();
});
t.after.each(async (ctx) => ctx.h.close());

const state = async (h: AcdHarness, n: string) =>
  (await http(h.url, 'GET', '/api/v1/agents', { cookie: h.admin.cookie })).body.items.find((a: { agent: string }) => a.agent === n)?.state;

t('blind transfer to another agent: direct ring, answer, the first agent in ACW', async ({ h }) => {
  const s1 = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110050' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking' && c.agent === '201');
  await h.ready('202');
  const res = await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { agent: '202' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const moved = await h.waitCall(call.channelId, (c) => c.stage === 'talking' && c.agent === '202');
  assert.equal(types(moved), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'transferred', 'ringing', 'answered']);
  assert.is(moved.events[5].toAgent, '202');
  assert.is(moved.events[6].queue, undefined, 'a direct ring is outside the queue');
  assert.is(moved.events[7].agent, '202');
  assert.ok(['acw', 'ready'].includes(await state(h, '201')));
  const mix = h.sim.control.snapshot().bridges.find((b) => b.id === `mix-${call.channelId}`)!;
  assert.ok((mix.channels as string[]).includes(call.channelId));
  assert.not.ok((mix.channels as string[]).includes(h.sim.control.phone('201')!.channelId ?? 'none'));
  call.hangup();
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.is(done.cause, 'caller_hangup');
});

t('blind transfer to a queue: the call waits there and the next agent answers', async ({ h }) => {
  const s1 = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110051' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking' && c.agent === '201');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { queue: 'support' } })).status, 200);
  const waiting = await h.waitCall(call.channelId, (c) => c.stage === 'queued' && c.queue === 'support');
  assert.equal(types(waiting).slice(-2), ['transferred', 'queued']);
  await h.ready('203');
  const answered = await h.waitCall(call.channelId, (c) => c.stage === 'talking' && c.agent === '203');
  assert.equal(types(answered), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'transferred', 'queued', 'ringing', 'answered']);
  assert.is(answered.events.at(-1).queue, 'support');
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
});

t('a direct transfer nobody answers falls back to the queue', async ({ h }) => {
  h.sim.control.phone('202')!.setBehaviour({ kind: 'no-answer' });
  const s1 = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110052' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  await h.ready('202');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { agent: '202' } })).status, 200);
  const back = await h.waitCall(call.channelId, (c) => types(c).includes('ring_no_answer') && c.events.at(-1).type !== 'ring_no_answer', 15_000);
  const tail = types(back).slice(5);
  assert.equal(tail.slice(0, 4), ['transferred', 'ringing', 'ring_no_answer', 'queued']);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
});

t('blind transfer to an external number: the call leaves the center, the parties stay connected', async ({ h }) => {
  const outside = h.sim.control.registerPhone('5552222', { behaviour: { kind: 'answer', afterMs: 300 }, afterAnswerApps: [['Wait', '36000']] });
  const s1 = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110054' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  const res = await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { number: '5552222' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.is(done.cause, 'transferred_out');
  assert.equal(types(done).slice(4), ['answered', 'ended']);
  const handoff = await waitFor(async () => {
    const b = h.sim.control.snapshot().bridges.find((x) => x.id === `handoff-${call.channelId}`);
    return b && (b.channels as string[]).length === 2 ? b : null;
  }, 5000, 'caller bridged with the external party');
  assert.ok((handoff.channels as string[]).includes(call.channelId));
  assert.is(call.state, 'up', 'the caller is still connected');
  await waitFor(async () => ['acw', 'ready'].includes(await state(h, '201')));
  outside.hangup();
  await call.ended;
});

t('transfers are refused with a reason when they cannot happen', async ({ h }) => {
  const s1 = await h.ready('201');
  const none = await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { queue: 'sales' } });
  assert.is(none.status, 409);
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110053' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  const notReady = await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { agent: '203' } });
  assert.is(notReady.status, 409);
  const unknown = await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { queue: 'nope' } });
  assert.is(unknown.status, 400);
  const both = await http(h.url, 'POST', '/api/v1/agent/transfer', { cookie: s1.cookie, body: { queue: 'sales', agent: '203' } });
  assert.is(both.status, 400);
  assert.is((await h.call(call.channelId)).stage, 'talking', 'nothing changed');
  call.hangup();
  await waitFor(async () => (await h.call(call.channelId)).stage === 'ended');
});

t.run();

/** Attended transfer: consult while the caller holds, then complete or cancel. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { http } from '../support/appliance.ts';
import { startAcdHarness, types, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('acd attended transfer');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness();
});
t.after.each(async (ctx) => ctx.h.close());

const state = async (h: AcdHarness, n: string) =>
  (await http(h.url, 'GET', '/api/v1/agents', { cookie: h.admin.cookie })).body.items.find((a: { agent: string }) => a.agent === n)?.state;

async function talking(h: AcdHarness) {
  const s1 = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110060' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking' && c.agent === '201');
  await h.ready('202');
  return { s1, call };
}

t('consult then complete: the caller ends up with the colleague, the agent in ACW', async ({ h }) => {
  const { s1, call } = await talking(h);
  const res = await http(h.url, 'POST', '/api/v1/agent/consult', { cookie: s1.cookie, body: { agent: '202' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  await waitFor(async () => (await state(h, '202')) === 'talking', 5000, 'colleague answers');
  assert.is(await state(h, '201'), 'holding');
  // While consulting, the caller is parked with music and the agents talk in their own bridge.
  const snap = h.sim.control.snapshot();
  assert.ok((snap.bridges.find((b) => b.id === `park-${call.channelId}`)!.channels as string[]).includes(call.channelId));
  assert.is((snap.bridges.find((b) => b.id === `consult-${call.channelId}`)?.channels as string[] | undefined)?.length, 2);
  const done = await http(h.url, 'POST', '/api/v1/agent/consult/complete', { cookie: s1.cookie });
  assert.is(done.status, 200, JSON.stringify(done.body));
  const moved = await h.waitCall(call.channelId, (c) => c.agent === '202');
  assert.equal(types(moved), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'hold', 'unhold', 'transferred', 'answered']);
  assert.is(moved.events[7].toAgent, '202');
  assert.ok(['acw', 'ready'].includes(await state(h, '201')));
  await waitFor(async () => {
    const b = h.sim.control.snapshot().bridges.find((x) => (x.channels as string[]).includes(call.channelId));
    return b && (b.channels as string[]).length === 2 && String(b.id).startsWith('mix-') ? b : null;
  }, 5000, 'caller bridged with the colleague');
  call.hangup();
  const ended = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.is(ended.cause, 'caller_hangup');
});

t('consult then cancel: back to the caller, the colleague free again', async ({ h }) => {
  const { s1, call } = await talking(h);
  assert.is((await http(h.url, 'POST', '/api/v1/agent/consult', { cookie: s1.cookie, body: { agent: '202' } })).status, 200);
  await waitFor(async () => (await state(h, '202')) === 'talking');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/consult/cancel', { cookie: s1.cookie })).status, 200);
  await waitFor(async () => (await state(h, '202')) === 'ready', 5000, 'colleague released');
  assert.is(await state(h, '201'), 'talking');
  const c = await h.call(call.channelId);
  assert.equal(types(c), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'hold', 'unhold']);
  const mix = h.sim.control.snapshot().bridges.find((b) => b.id === `mix-${call.channelId}`)!;
  assert.is((mix.channels as string[]).length, 2);
  assert.is((await http(h.url, 'POST', '/api/v1/agent/consult/complete', { cookie: s1.cookie })).status, 409);
  call.hangup();
  await h.waitCall(call.channelId, (x) => x.stage === 'ended');
});

t.run();

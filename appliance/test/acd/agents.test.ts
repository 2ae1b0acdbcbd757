/** Offers, missed rings, hold: the agent side of the ACD, asserted on the stored journey. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { http } from '../support/appliance.ts';
import { startAcdHarness, types, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('acd agents');
t.after.each(async (ctx) => ctx.h?.close());

const agentState = async (h: AcdHarness, n: string) =>
  (await http(h.url, 'GET', '/api/v1/agents', { cookie: h.admin.cookie })).body.items.find((a: { agent: string }) => a.agent === n);

t('ring-no-answer, then the next agent answers', async (ctx) => {
  const h = (ctx.h = await startAcdHarness({ phones: { '201': { behaviour: { kind: 'no-answer' } } } }));
  await h.ready('201');
  await new Promise((r) => setTimeout(r, 20)); // 201 is the longest idle
  await h.ready('202');
  const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994501110010' });
  call.once('answered', () => void call.sendDtmf('1'));
  const talking = await h.waitCall(call.channelId, (c) => c.stage === 'talking', 15_000);
  assert.is(talking.agent, '202');
  assert.equal(types(talking), ['arrived', 'ivr_left', 'queued', 'ringing', 'ring_no_answer', 'ringing', 'answered']);
  assert.is(talking.events[3].agent, '201');
  assert.is(talking.events[4].agent, '201');
  assert.is(talking.events[5].agent, '202');
  const a201 = await agentState(h, '201');
  assert.is(a201.state, 'ready');
  assert.is(a201.missedInARow, 1);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
});

t('an agent who misses rings in a row is paused by the system', async (ctx) => {
  const h = (ctx.h = await startAcdHarness({ phones: { '201': { behaviour: { kind: 'busy' } } } }));
  await h.ready('201');
  // Sales pauses after 2 missed offers; nobody else is ready, so 201 is offered twice.
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110011' });
  const paused = await waitFor(async () => {
    const a = await agentState(h, '201');
    return a?.state === 'paused' ? a : null;
  }, 15_000, 'system pause');
  assert.is(paused.reason, 'system:missed_calls');
  const c = await h.waitCall(call.channelId, (x) => types(x).filter((y: string) => y === 'ring_no_answer').length === 2);
  assert.is(c.stage, 'queued');
  assert.equal(types(c), ['arrived', 'ivr_left', 'queued', 'ringing', 'ring_no_answer', 'ringing', 'ring_no_answer']);
  call.hangup();
  const done = await h.waitCall(call.channelId, (x) => x.stage === 'ended');
  assert.is(done.cause, 'abandoned');
});

t('hold and unhold: the caller waits with music in a holding bridge', async (ctx) => {
  const h = (ctx.h = await startAcdHarness());
  const s = await h.ready('203');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110012' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/hold', { cookie: s.cookie })).status, 200);
  assert.is((await agentState(h, '203')).state, 'holding');
  const snap = h.sim.control.snapshot();
  const park = snap.bridges.find((b) => b.id === `park-${call.channelId}`);
  assert.ok(park, 'hold bridge exists');
  assert.ok((park!.channels as string[]).includes(call.channelId), 'caller is in the hold bridge');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/hold', { cookie: s.cookie })).status, 409);
  assert.is((await http(h.url, 'POST', '/api/v1/agent/unhold', { cookie: s.cookie })).status, 200);
  const mix = h.sim.control.snapshot().bridges.find((b) => b.id === `mix-${call.channelId}`);
  assert.ok((mix!.channels as string[]).includes(call.channelId), 'caller is back in the call bridge');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/hangup', { cookie: s.cookie })).status, 200);
  const done = await h.waitCall(call.channelId, (c) => c.events.some((e: { type: string }) => e.type === 'acw_ended'));
  assert.equal(types(done), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'hold', 'unhold', 'ended', 'acw_ended']);
  assert.is(done.cause, 'agent_hangup');
  assert.is(call.state, 'ended');
});

t('ring-all offers every ready agent; the first to answer wins, the others are not blamed', async (ctx) => {
  const h = (ctx.h = await startAcdHarness({ phones: { '201': { behaviour: { kind: 'answer', afterMs: 2000 } }, '202': { behaviour: { kind: 'answer', afterMs: 100 } } } }));
  await h.ready('201');
  await h.ready('202');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110013' });
  const talking = await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  assert.is(talking.agent, '202');
  assert.equal(types(talking).filter((x: string) => x === 'ringing').length, 2);
  assert.not.ok(types(talking).includes('ring_no_answer'));
  const a201 = await waitFor(async () => {
    const a = await agentState(h, '201');
    return a.state === 'ready' ? a : null;
  });
  assert.is(a201.missedInARow, 0);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
});

t('agent state rules: no pause during a call, ACW can be extended and ended early', async (ctx) => {
  const h = (ctx.h = await startAcdHarness());
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  settings.queues[1].wrapUpSeconds = 60;
  await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings });
  const s = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110014' });
  await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  const refused = await http(h.url, 'POST', '/api/v1/agent/pause', { cookie: s.cookie, body: { reason: 'break' } });
  assert.is(refused.status, 409);
  assert.is(refused.body.error.id, 'conflict');
  call.hangup();
  await waitFor(async () => (await agentState(h, '201')).state === 'acw');
  const ext = await http(h.url, 'POST', '/api/v1/agent/acw/extend', { cookie: s.cookie, body: { seconds: 30, reason: 'long notes' } });
  assert.is(ext.status, 200);
  assert.is(ext.body.reason, 'extended: long notes');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/acw/end', { cookie: s.cookie })).status, 200);
  assert.is((await agentState(h, '201')).state, 'ready');
  const done = await h.waitCall(call.channelId, (c) => c.events.some((e: { type: string }) => e.type === 'acw_ended'));
  assert.is(done.events.at(-1).agent, '201');
});

t('a remote agent is rung through their own dial string (a Local channel here)', async (ctx) => {
  const h = (ctx.h = await startAcdHarness());
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  settings.agentDialStrings = { '203': 'Local/203@edgecall-agent' };
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings })).status, 200);
  const bad = await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: { ...settings, agentDialStrings: { '203': 'Local/x y,z' } } });
  assert.is(bad.status, 400);
  await h.ready('203');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110015' });
  const c = await h.waitCall(call.channelId, (x) => x.stage === 'talking');
  assert.is(c.agent, '203');
  const originate = h.sim.control.history('rest').find((e: any) => e.method === 'POST' && e.path === '/ari/channels' && String(e.query.appArgs).startsWith('agent,')) as any;
  assert.is(originate.query.endpoint, 'Local/203@edgecall-agent');
  call.hangup();
  await h.waitCall(call.channelId, (x) => x.stage === 'ended');
});

t.run();

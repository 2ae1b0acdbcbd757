/** Inbound flows through the real ari-client and the simulator, asserting the stored journey event by event. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { http } from '../support/appliance.ts';
import { startAcdHarness, types, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('acd inbound');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness();
});
t.after.each(async (ctx) => ctx.h.close());

t('answered call: IVR choice, queue, agent, bridge, recording, ACW', async ({ h }) => {
  const agent = await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994501112233' });
  call.once('answered', () => void call.sendDtmf('1'));
  const talking = await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  assert.is(talking.agent, '201');
  assert.is(talking.queue, 'sales');
  assert.is(talking.number, '+994501112233');
  const me = await http(h.url, 'GET', '/api/v1/agent/me', { cookie: agent.cookie });
  assert.is(me.body.state, 'talking');
  // The sim recorded the bridge into a real wav file.
  const snap = h.sim.control.snapshot();
  assert.ok(snap.bridges.some((b) => b.id === `mix-${call.channelId}`), 'call bridge exists');
  await new Promise((r) => setTimeout(r, 300));
  call.hangup();
  const done = await h.waitCall(call.channelId, (c) => c.events.some((e: { type: string }) => e.type === 'acw_ended'));
  assert.equal(types(done), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'ended', 'acw_ended']);
  const ev = Object.fromEntries(done.events.map((e: any) => [e.type, e]));
  assert.is(ev.ringing.agent, '201');
  assert.is(ev.answered.queue, 'sales');
  assert.is(ev.ended.cause, 'caller_hangup');
  assert.ok(ev.answered.at >= ev.queued.at && ev.ended.at >= ev.answered.at);
  assert.is(done.recording, `call-${call.channelId}`);
  const wav = join(h.sim.dataDir, 'recording', `${done.recording}.wav`);
  await waitFor(async () => existsSync(wav) && statSync(wav).size > 44, 5000, 'recording file');
  const after = await waitFor(async () => {
    const r = await http(h.url, 'GET', '/api/v1/agent/me', { cookie: agent.cookie });
    return r.body.state === 'ready' ? r.body : null;
  });
  assert.is(after.callsToday, 1);
});

t('IVR: an invalid digit replays the menu; the caller then chooses', async ({ h }) => {
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  settings.menus[0].maxRepeats = 2;
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings })).status, 200);
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994501110008' });
  await new Promise<void>((r) => call.once('answered', () => r()));
  await call.sendDtmf('7');
  await waitFor(async () => h.sim.control.history('rest').some((e: any) => e.path === `/ari/channels/${call.channelId}/play` && String(e.query.media).includes('option-is-invalid')), 5000, 'invalid prompt');
  await call.sendDtmf('2');
  const c = await h.waitCall(call.channelId, (x) => x.stage === 'talking');
  assert.is(c.queue, 'support');
  assert.equal(types(c).slice(0, 3), ['arrived', 'ivr_left', 'queued']);
  call.hangup();
});

t('IVR: no choice at all takes the default action', async ({ h }) => {
  const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994501110009' });
  // sales refuses with nobody logged in: the default (sales) ends the call as no_agents.
  const c = await h.waitCall(call.channelId, (x) => x.stage === 'ended', 15_000);
  assert.is(c.cause, 'no_agents');
  assert.equal(types(c), ['arrived', 'ivr_left', 'ended']);
});

t('abandon in the IVR', async ({ h }) => {
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994501110001' });
  await new Promise<void>((r) => call.once('answered', () => r()));
  call.hangup();
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.equal(types(done), ['arrived', 'ivr_left', 'ended']);
  assert.is(done.cause, 'abandoned_ivr');
});

t('abandon in the queue, while an agent phone rings', async ({ h }) => {
  h.sim.control.phone('201')!.setBehaviour({ kind: 'manual' });
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110002' });
  await h.waitCall(call.channelId, (c) => c.stage === 'ringing');
  call.hangup();
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.equal(types(done), ['arrived', 'ivr_left', 'queued', 'ringing', 'ended']);
  assert.is(done.cause, 'abandoned');
  // The agent's phone stopped ringing and the agent is free again, not blamed.
  const agents = await http(h.url, 'GET', '/api/v1/agents', { cookie: h.admin.cookie });
  const a = agents.body.items.find((x: { agent: string }) => x.agent === '201');
  assert.is(a.state, 'ready');
  assert.is(a.missedInARow, 0);
});

t('timeout: the maximum wait runs out with nobody ready', async ({ h }) => {
  const s = await h.ready('202');
  await http(h.url, 'POST', '/api/v1/agent/pause', { cookie: s.cookie, body: { reason: 'lunch' } });
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110003' });
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended', 15_000);
  assert.equal(types(done), ['arrived', 'ivr_left', 'queued', 'ended']);
  assert.is(done.cause, 'timeout');
  const wait = done.events[3].at - done.events[2].at;
  assert.ok(wait >= 5000, `waited ${wait} ms`);
});

t('no agents logged in: refused at entry where the queue says so', async ({ h }) => {
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110004' });
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.equal(types(done), ['arrived', 'ivr_left', 'ended']);
  assert.is(done.cause, 'no_agents');
  assert.is(done.events[2].queue, 'sales');
});

t('closed day: the closed message, then hang-up', async ({ h }) => {
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  const today = new Date(Date.now() + 4 * 3600_000).toISOString().slice(0, 10);
  settings.hours = { ...settings.hours, alwaysOpen: false, week: { '0': ['00:00', '23:59'], '1': ['00:00', '23:59'], '2': ['00:00', '23:59'], '3': ['00:00', '23:59'], '4': ['00:00', '23:59'], '5': ['00:00', '23:59'], '6': ['00:00', '23:59'] }, holidays: [today] };
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings })).status, 200);
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110005' });
  const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.equal(types(done), ['arrived', 'ended']);
  assert.is(done.cause, 'closed');
  const plays = h.sim.control.history('rest').filter((e: any) => e.path?.includes(`/channels/${call.channelId}/play`));
  assert.ok(plays.some((e: any) => JSON.stringify(e).includes('closed-message')), 'closed message played');
});

t('waiting callers hear their position and expected wait', async ({ h }) => {
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  settings.queues[1] = { ...settings.queues[1], announcePosition: true, maxWaitSeconds: 60 };
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings })).status, 200);
  const first = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110006' });
  await h.waitCall(first.channelId, (c) => c.stage === 'queued');
  const second = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110007' });
  await h.waitCall(second.channelId, (c) => c.stage === 'queued');
  const plays = async (id: string) =>
    h.sim.control.history('rest').filter((e: any) => e.method === 'POST' && e.path === `/ari/channels/${id}/play`).map((e: any) => String(e.query.media));
  const heard = await waitFor(async () => ((await plays(second.channelId)).length ? plays(second.channelId) : null), 5000, 'announcement');
  assert.match(heard[0], /sound:edgecall\/queue-position,number:2,sound:queue-holdtime,number:\d+/);
  assert.match((await plays(first.channelId))[0], /number:1,/);
  first.hangup();
  second.hangup();
});

t.run();

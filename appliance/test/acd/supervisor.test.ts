/** Supervisor interventions reach the PBX as the right snoop or bridge change, and are audited. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { http, login } from '../support/appliance.ts';
import { startAcdHarness, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('acd supervisor');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness();
});
t.after.each(async (ctx) => ctx.h.close());

async function talkingCall(h: AcdHarness) {
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110040' });
  const c = await h.waitCall(call.channelId, (x) => x.stage === 'talking');
  const agentLeg = h.sim.control.phone('201')!.channelId!;
  return { call, c, agentLeg };
}

t('listen: the agent channel is snooped (spy both, no whisper) and bridged with the supervisor phone', async ({ h }) => {
  const { call, agentLeg } = await talkingCall(h);
  const chief = await login(h.url, 'chief', 'chief-password');
  const res = await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/monitor`, { cookie: chief.cookie, body: { mode: 'listen', phone: '301' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const snoop = await h.sim.control.waitFor((e: any) => e.kind === 'rest' && e.method === 'POST' && e.path === `/ari/channels/${agentLeg}/snoop`);
  assert.is((snoop as any).query.spy, 'both');
  assert.is((snoop as any).query.whisper, 'none');
  assert.is((snoop as any).status, 200);
  await waitFor(async () => {
    const b = h.sim.control.snapshot().bridges.find((x) => x.id === `mon-${res.body.session}`);
    return b && (b.channels as string[]).length === 2 ? b : null;
  }, 5000, 'monitor bridge with snoop and supervisor');
  // The call itself is untouched: caller and agent only.
  const mix = h.sim.control.snapshot().bridges.find((x) => x.id === `mix-${call.channelId}`)!;
  assert.equal([...(mix.channels as string[])].sort(), [call.channelId, agentLeg].sort());
  const audit = await http(h.url, 'GET', '/api/v1/audit?action=supervisor.listen', { cookie: h.admin.cookie });
  assert.is(audit.body.items[0].actorName, 'chief');
  assert.is(audit.body.items[0].targetId, call.channelId);
  call.hangup();
  await waitFor(async () => (await http(h.url, 'GET', '/api/v1/calls/live', { cookie: chief.cookie })).body.monitoring.length === 0, 5000, 'session ends with the call');
});

t('whisper snoops with whisper towards the agent', async ({ h }) => {
  const { call, agentLeg } = await talkingCall(h);
  const chief = await login(h.url, 'chief', 'chief-password');
  assert.is((await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/monitor`, { cookie: chief.cookie, body: { mode: 'whisper', phone: '301' } })).status, 200);
  const snoop = await h.sim.control.waitFor((e: any) => e.kind === 'rest' && e.path === `/ari/channels/${agentLeg}/snoop`);
  assert.is((snoop as any).query.whisper, 'out');
  call.hangup();
});

t('barge: the agent channel is snooped with spy and whisper both; the call bridge is untouched; stopping ends the snoop', async ({ h }) => {
  const { call, agentLeg } = await talkingCall(h);
  const chief = await login(h.url, 'chief', 'chief-password');
  const res = await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/monitor`, { cookie: chief.cookie, body: { mode: 'barge', phone: '301' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const snoop = await h.sim.control.waitFor((e: any) => e.kind === 'rest' && e.method === 'POST' && e.path === `/ari/channels/${agentLeg}/snoop`);
  assert.is((snoop as any).query.spy, 'both');
  assert.is((snoop as any).query.whisper, 'both');
  await waitFor(async () => {
    const b = h.sim.control.snapshot().bridges.find((x) => x.id === `mon-${res.body.session}`);
    return b && (b.channels as string[]).length === 2 ? b : null;
  }, 5000, 'monitor bridge with snoop and supervisor');
  const mix = h.sim.control.snapshot().bridges.find((x) => x.id === `mix-${call.channelId}`)!;
  assert.equal([...(mix.channels as string[])].sort(), [call.channelId, agentLeg].sort(), 'caller and agent only in the call bridge');
  assert.is((await http(h.url, 'DELETE', `/api/v1/supervisor/monitor/${res.body.session}`, { cookie: chief.cookie })).status, 204);
  await waitFor(async () => !h.sim.control.snapshot().channels.some((c) => c.sim.snoopOf === agentLeg), 5000, 'snoop ended');
  assert.is((await h.call(call.channelId)).stage, 'talking', 'the call goes on');
  call.hangup();
});

t('an operator cannot intervene; a call not talking cannot be monitored', async ({ h }) => {
  const op = await h.agent('202');
  const r = await http(h.url, 'POST', `/api/v1/supervisor/calls/x/monitor`, { cookie: op.cookie, body: { mode: 'listen', phone: '301' } });
  assert.is(r.status, 403);
  const chief = await login(h.url, 'chief', 'chief-password');
  const r2 = await http(h.url, 'POST', `/api/v1/supervisor/calls/x/monitor`, { cookie: chief.cookie, body: { mode: 'listen', phone: '301' } });
  assert.is(r2.status, 409);
  assert.is(r2.body.error.id, 'conflict');
});

t.run();

/** Flash-panel interventions on calls: give a waiting call to a chosen agent, end a call; both audited. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { http, login } from '../support/appliance.ts';
import { FAST_SETTINGS, startAcdHarness, types, waitFor } from '../support/acd-harness.ts';

const settings = {
  ...FAST_SETTINGS,
  queues: FAST_SETTINGS.queues.map((q) => (q.id === 'sales' ? { ...q, ringTimeoutSeconds: 20 } : q)),
};

test('a supervisor gives a ringing call to another agent, then ends it', async () => {
  // 201's phone rings until someone acts; 202's answers.
  const h = await startAcdHarness({ settings, phones: { '201': { behaviour: { kind: 'manual' } } } });
  try {
    await h.ready('201');
    await new Promise((r) => setTimeout(r, 50));
    await h.ready('202');
    const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994505550022' });
    call.once('answered', () => void call.sendDtmf('1'));
    // Longest idle: 201 is offered first.
    await h.waitCall(call.channelId, (c) => c.events.some((e: any) => e.type === 'ringing' && e.agent === '201'));
    const sup = await login(h.url, 'chief', 'chief-password');
    // 203 is logged in but paused (a fresh login starts paused).
    await http(h.url, 'POST', '/api/v1/agent/login', { cookie: (await h.agent('203')).cookie, body: {} });

    const refused = await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/give`, { cookie: sup.cookie, body: { agent: '203' } });
    assert.is(refused.status, 409, 'an agent who is not ready cannot be given a call');
    const op = await h.agent('202');
    assert.is((await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/give`, { cookie: op.cookie, body: { agent: '202' } })).status, 403);

    const gave = await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/give`, { cookie: sup.cookie, body: { agent: '202' } });
    assert.is(gave.status, 200, JSON.stringify(gave.body));
    const talking = await h.waitCall(call.channelId, (c) => c.stage === 'talking');
    assert.is(talking.agent, '202');
    const rings = talking.events.filter((e: any) => e.type === 'ringing').map((e: any) => [e.agent, e.queue]);
    assert.equal(rings, [['201', 'sales'], ['202', 'sales']], 'the given ring stays in the queue stint');
    assert.not.ok(types(talking).includes('ring_no_answer'), "201 is not charged with a missed ring");
    const me201 = await http(h.url, 'GET', '/api/v1/agent/me', { cookie: (await h.agent('201')).cookie });
    assert.is(me201.body.state, 'ready');

    const ended = await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/hangup`, { cookie: sup.cookie });
    assert.is(ended.status, 200);
    const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
    assert.is(done.cause, 'interrupted');
    await waitFor(async () => call.state === 'ended', 5000, 'caller line closed in the PBX');
    assert.is((await http(h.url, 'POST', `/api/v1/supervisor/calls/${call.channelId}/hangup`, { cookie: sup.cookie })).status, 404);

    const audit = await http(h.url, 'GET', '/api/v1/audit?limit=20', { cookie: h.admin.cookie });
    const actions = audit.body.items.map((e: any) => `${e.action}:${e.targetId}`);
    assert.ok(actions.includes(`supervisor.give_call:${call.channelId}`), actions.join(' '));
    assert.ok(actions.includes(`supervisor.hangup:${call.channelId}`));
  } finally {
    await h.close();
  }
});

test.run();

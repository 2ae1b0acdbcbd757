// REST operations beyond the recorded flows: dynamic PJSIP config, endpoints, device
// states, create+dial, move, continue, playback control, redirect, variables, user events.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rest, startHarness, type Harness } from './test-support.ts';

async function answered(h: Harness, channelId: string): Promise<void> {
  h.sim.control.inboundCall({ did: '100', callerNumber: '5551234', channelId });
  await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === channelId);
  await h.client.channels.answer({ channelId });
}

test('config/dynamic res_pjsip objects and endpoints', async () => {
  const h = await startHarness('edgecall');
  const { sim } = h;
  try {
    const put = await rest(sim, 'PUT', '/ari/asterisk/config/dynamic/res_pjsip/endpoint/agent-7', {}, {
      fields: [{ attribute: 'context', value: 'edgecall-agent' }, { attribute: 'disallow', value: 'all' }, { attribute: 'allow', value: 'ulaw,alaw' }, { attribute: 'direct_media', value: 'no' }],
    });
    assert.is(put.status, 200);
    const fields = Object.fromEntries((put.body as Array<{ attribute: string; value: string }>).map((t) => [t.attribute, t.value]));
    assert.is(Object.keys(fields).length, 138);
    assert.equal([fields.context, fields.allow, fields.direct_media], ['edgecall-agent', '(ulaw|alaw)', 'false']);
    assert.equal((await rest(sim, 'GET', '/ari/asterisk/config/dynamic/res_pjsip/endpoint/agent-7')).body, put.body);
    const bad = await rest(sim, 'PUT', '/ari/asterisk/config/dynamic/res_pjsip/endpoint/agent-8', {}, { fields: [{ attribute: 'no_such_field', value: '1' }] });
    assert.equal([bad.status, bad.body], [400, { message: "Creation of object 'agent-8' failed field value validation" }]);
    const identify = await rest(sim, 'PUT', '/ari/asterisk/config/dynamic/res_pjsip/identify/agent-7', {}, { fields: [{ attribute: 'match', value: '10.0.0.7' }] });
    assert.equal([identify.status, identify.body], [500, { error: 'Allocation failed' }]);
    assert.equal((await rest(sim, 'GET', '/ari/asterisk/config/dynamic/res_pjsip/endpoint/nope')).body, { message: "Object with id 'nope' not found" });
    assert.equal((await rest(sim, 'GET', '/ari/asterisk/config/dynamic/res_xyz/endpoint/x')).body, { message: "configClass 'res_xyz' not found" });

    // An endpoint without a registered device is offline and cannot be called.
    assert.equal((await rest(sim, 'GET', '/ari/endpoints/PJSIP/agent-7')).body, { technology: 'PJSIP', resource: 'agent-7', state: 'offline', channel_ids: [] });
    assert.equal((await rest(sim, 'POST', '/ari/channels', { endpoint: 'PJSIP/agent-7', app: 'edgecall' })).body, { error: 'Allocation failed' });
    sim.control.registerPhone('agent-7');
    assert.is(((await rest(sim, 'GET', '/ari/endpoints/PJSIP/agent-7')).body as { state: string }).state, 'online');
    assert.ok((await h.client.endpoints.listByTech({ tech: 'PJSIP' })).some((e) => e.resource === 'agent-7'));
    assert.is((await rest(sim, 'GET', '/ari/endpoints/NOPE')).status, 404);
    assert.is((await rest(sim, 'DELETE', '/ari/asterisk/config/dynamic/res_pjsip/endpoint/agent-7')).status, 204);
    assert.is((await rest(sim, 'DELETE', '/ari/asterisk/config/dynamic/res_pjsip/endpoint/agent-7')).status, 404);
  } finally {
    await h.stop();
  }
});

test('EndpointStateChange for an endpoint the app subscribed to', async () => {
  const h = await startHarness('edgecall');
  try {
    const phone = h.sim.control.registerPhone('2001');
    await h.client.applications.subscribe({ applicationName: 'edgecall', eventSource: 'endpoint:PJSIP/2001' });
    phone.setOnline(false);
    assert.is((await h.waitEvent((e) => e.type === 'EndpointStateChange')).endpoint.state, 'offline');
    phone.setOnline(true);
    await h.client.channels.originate({ endpoint: 'PJSIP/2001', app: 'edgecall', channelId: 'ep-1' });
    const busy = await h.waitEvent((e) => e.type === 'EndpointStateChange' && e.endpoint.channel_ids.length === 1);
    assert.equal(busy.endpoint, { technology: 'PJSIP', resource: '2001', state: 'online', channel_ids: ['ep-1'] });
  } finally {
    await h.stop();
  }
});

test('device states with subscription, applications, asterisk info and modules', async () => {
  const h = await startHarness('edgecall');
  const { sim, client } = h;
  try {
    assert.is((await rest(sim, 'PUT', '/ari/deviceStates/PJSIP%2F1001', { deviceState: 'INUSE' })).status, 409);
    await client.applications.subscribe({ applicationName: 'edgecall', eventSource: 'deviceState:Stasis:agent-1' });
    await client.deviceStates.update({ deviceName: 'Stasis:agent-1', deviceState: 'INUSE' });
    const changed = await h.waitEvent((e) => e.type === 'DeviceStateChanged');
    assert.equal(changed.device_state, { name: 'Stasis:agent-1', state: 'INUSE' });
    assert.is((await client.deviceStates.get({ deviceName: 'Stasis:agent-1' })).state, 'INUSE');
    const app = await client.applications.get({ applicationName: 'edgecall' });
    assert.equal(app.device_names, ['Stasis:agent-1']);
    assert.equal((await rest(sim, 'GET', '/ari/applications/nope')).body, { message: 'Application not found' });
    assert.ok((await client.asterisk.listModules()).some((m) => m.name === 'res_pjsip.so'));
    assert.is((await rest(sim, 'PUT', '/ari/asterisk/modules/res_pjsip.so')).status, 204);
    assert.is((await rest(sim, 'GET', '/ari/asterisk/modules/nope.so')).status, 404);
    const info = await client.asterisk.getInfo({ only: 'system' });
    assert.equal(Object.keys(info), ['system']);
    assert.is(info.system?.entity_id, '02:fc:00:00:00:01');
  } finally {
    await h.stop();
  }
});

test('channels/create + dial, move between apps, continue, hangup reason', async () => {
  const h = await startHarness(['edgecall', 'other']);
  const { sim, client } = h;
  try {
    sim.control.registerPhone('1001', { behaviour: { kind: 'answer', afterMs: 500 } });
    await client.channels.create({ endpoint: 'PJSIP/1001', app: 'edgecall', appArgs: 'created', channelId: 'cr-1' });
    const start = await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === 'cr-1');
    assert.equal([start.channel.state, start.args], ['Down', ['created']]);
    assert.equal((await rest(sim, 'POST', '/ari/channels/cr-1/answer')).body, { message: 'Channel in invalid state' });
    await client.channels.dial({ channelId: 'cr-1', timeout: 10 });
    await h.waitEvent((e) => e.type === 'Dial' && e.dialstatus === 'ANSWER');
    assert.is((await client.channels.get({ channelId: 'cr-1' })).state, 'Up');
    assert.equal((await rest(sim, 'POST', '/ari/channels/cr-1/dial')).body, { message: "Channel is not in the 'Down' state" });

    await client.channels.move({ channelId: 'cr-1', app: 'other', appArgs: 'moved' });
    const moved = await h.waitEvent((e) => e.type === 'StasisStart' && e.application === 'other');
    assert.equal(moved.args, ['moved']);
    await client.channels.hangup({ channelId: 'cr-1', reason: 'busy' });
    const gone = await h.waitEvent((e) => e.type === 'ChannelDestroyed' && e.channel.id === 'cr-1');
    assert.equal([gone.cause, gone.cause_txt], [17, 'User busy']);

    await answered(h, 'ct-1');
    const call = sim.control.calls().find((c) => c.channelId === 'ct-1')!;
    await client.channels.continueInDialplan({ channelId: 'ct-1' });
    await h.waitEvent((e) => e.type === 'StasisEnd' && e.channel.id === 'ct-1');
    assert.is((await call.ended).reason, 'remote');
  } finally {
    await h.stop();
  }
});

test('playback queue, control and multiple media; redirect and variables', async () => {
  // A slower clock keeps the first prompt playing while the control requests arrive.
  const h = await startHarness('edgecall', { timeScale: 0.25 });
  const { sim, client } = h;
  try {
    await answered(h, 'pb-1');
    await client.channels.play({ channelId: 'pb-1', media: 'sound:edgecall/welcome,sound:digits/1', playbackId: 'pb-a' });
    await client.channels.play({ channelId: 'pb-1', media: 'sound:beep', playbackId: 'pb-b' });
    assert.equal((await rest(sim, 'POST', '/ari/playbacks/pb-b/control', { operation: 'pause' })).body, { message: 'Can only pause while media is playing' });
    assert.equal((await rest(sim, 'POST', '/ari/playbacks/pb-a/control', { operation: 'bogus' })).body, { message: 'Invalid operation bogus' });
    await client.playbacks.control({ playbackId: 'pb-a', operation: 'forward' });
    await h.waitEvent((e) => e.type === 'PlaybackContinuing');
    await h.waitEvent((e) => e.type === 'PlaybackFinished' && e.playback.id === 'pb-b');
    assert.equal(h.events.filter((e) => e.type.startsWith('Playback')).map((e) => `${e.type}:${e.playback.id}:${e.playback.media_uri}`), [
      'PlaybackStarted:pb-a:sound:edgecall/welcome',
      'PlaybackContinuing:pb-a:sound:digits/1',
      'PlaybackFinished:pb-a:sound:digits/1',
      'PlaybackStarted:pb-b:sound:beep',
      'PlaybackFinished:pb-b:sound:beep',
    ]);

    assert.equal((await client.channels.getChannelVar({ channelId: 'pb-1', variable: 'CALLERID(num)' })).value, '5551234');
    await client.channels.setChannelVar({ channelId: 'pb-1', variable: 'QUEUE', value: 'sales' });
    assert.equal((await rest(sim, 'GET', '/ari/channels/pb-1/variable', { variable: 'QUEUE' })).body, { value: 'sales' });
    assert.equal((await rest(sim, 'GET', '/ari/channels/pb-1/variable', { variable: 'NOPE(x)' })).body, { message: 'Unable to read provided function' });
    assert.equal((await rest(sim, 'POST', '/ari/channels/pb-1/mute', { direction: 'sideways' })).body, { message: 'Invalid direction specified' });
    assert.equal((await rest(sim, 'POST', '/ari/channels/pb-1/redirect', { endpoint: 'PJSIP/1001' })).body, { message: "Endpoint technology 'PJSIP' does not match channel technology 'Local'" });

    await client.events.userEvent({ eventName: 'screen-pop', application: 'edgecall', source: 'channel:pb-1', variables: { ticket: '42' } });
    const user = await h.waitEvent((e) => e.type === 'ChannelUserevent');
    assert.equal([user.eventname, user.userevent, user.channel.id], ['screen-pop', { ticket: '42' }, 'pb-1']);
    assert.equal(sim.control.history('guard'), []);
  } finally {
    await h.stop();
  }
});

test.run();

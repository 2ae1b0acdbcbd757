// The ARI link going down: nothing is replayed after a reconnect, calls arriving without a
// WebSocket never reach the app, a second socket for the app takes over, and refused TCP
// connections come back (samples/reconnect.jsonl and samples/README.md).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { rest, startHarness, type Harness } from './test-support.ts';

function nextConnect(h: Harness): Promise<void> {
  return new Promise((resolve) => (h.client as unknown as { once(e: string, cb: () => void): void }).once('WebSocketConnected', resolve));
}

test('events during a dropped socket are not replayed; a call in the gap never reaches the app', async () => {
  const h = await startHarness('edgecall');
  const { client, sim } = h;
  try {
    const b = sim.control.inboundCall({ did: '100', callerNumber: '5552222', channelId: 'rc-b-caller', customerChannelId: 'rc-b-cust' });
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === 'rc-b-caller');
    await client.channels.answer({ channelId: 'rc-b-caller' });
    await client.bridges.create({ type: 'holding', bridgeId: 'rc-queue', name: 'queue-sales' });
    await client.bridges.addChannel({ bridgeId: 'rc-queue', channel: 'rc-b-caller' });
    await client.bridges.startMoh({ bridgeId: 'rc-queue', mohClass: 'default' });
    const a = sim.control.inboundCall({ did: '100', callerNumber: '5551111', channelId: 'rc-a-caller', customerChannelId: 'rc-a-cust' });
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === 'rc-a-caller');
    await client.channels.answer({ channelId: 'rc-a-caller' });
    await client.channels.play({ channelId: 'rc-a-caller', media: 'sound:hello-world', playbackId: 'rc-a-welcome' });
    await h.waitEvent((e) => e.type === 'PlaybackStarted');

    const reconnected = nextConnect(h);
    // The gap: new event sockets are refused for 400 ms; all of this happens in it.
    assert.is(sim.control.dropEventSockets(400), 1);
    b.hangup();
    await rest(sim, 'DELETE', '/ari/playbacks/rc-a-welcome');
    const c = sim.control.inboundCall({ did: '100', callerNumber: '5553333', channelId: 'rc-c-caller' });
    await a.sendDtmf('1');
    const cEnd = await c.ended;
    assert.is(cEnd.reason, 'no-app');
    const during = await rest(sim, 'GET', '/ari/applications/edgecall');
    assert.equal((during.body as { channel_ids: string[] }).channel_ids, ['rc-a-caller']);
    await reconnected;

    const bridges = await client.bridges.list();
    assert.equal(bridges.map((x) => [x.id, x.channels]), [['rc-queue', []]]);
    const channels = (await client.channels.list()).map((x) => x.id).sort();
    assert.equal(channels, ['rc-a-caller', 'rc-a-cust']);
    await client.channels.play({ channelId: 'rc-a-caller', media: 'sound:beep', playbackId: 'rc-a-again' });
    await h.waitEvent((e) => e.type === 'PlaybackFinished' && e.playback.id === 'rc-a-again');

    const seen = (pred: (e: Record<string, any>) => boolean): boolean => h.events.some(pred);
    assert.not.ok(seen((e) => e.type === 'StasisEnd' && e.channel.id === 'rc-b-caller'), 'B hung up in the gap: no StasisEnd later');
    assert.not.ok(seen((e) => e.type === 'PlaybackFinished' && e.playback.id === 'rc-a-welcome'));
    assert.not.ok(seen((e) => e.type === 'ChannelDtmfReceived'));
    assert.not.ok(seen((e) => e.channel?.id === 'rc-c-caller'));
    // The simulator did generate them; they were dropped because no socket was connected.
    const dropped = sim.control.history('event').filter((e) => e.kind === 'event' && !e.delivered).map((e) => (e.kind === 'event' ? e.event.type : ''));
    for (const type of ['StasisEnd', 'PlaybackFinished', 'ChannelDtmfReceived']) assert.ok(dropped.includes(type), type);
    await client.bridges.destroy({ bridgeId: 'rc-queue' });
    await h.waitEvent((e) => e.type === 'BridgeDestroyed');
  } finally {
    await h.stop();
  }
});

test('a second WebSocket for the app takes over; the first gets ApplicationReplaced and stays open', async () => {
  const h = await startHarness('edgecall');
  const raw = new WebSocket(`ws://127.0.0.1:${h.sim.port}/ari/events?app=edgecall&api_key=asterisk:asterisk`);
  const rawEvents: Array<Record<string, any>> = [];
  raw.on('message', (m) => rawEvents.push(JSON.parse(String(m))));
  try {
    await new Promise((resolve) => raw.on('open', resolve));
    const replaced = await h.waitEvent((e) => e.type === 'ApplicationReplaced');
    assert.is(replaced.application, 'edgecall');
    const call = h.sim.control.inboundCall({ did: '300', callerNumber: '5554444' });
    while (!rawEvents.some((e) => e.type === 'StasisStart')) await new Promise((r) => setTimeout(r, 5));
    assert.ok(rawEvents[0].asterisk_id && rawEvents[0].timestamp.endsWith('+0000'));
    assert.not.ok(h.events.some((e) => e.type === 'StasisStart'));
    assert.is(h.sim.control.snapshot().apps.find((a) => a.name === 'edgecall')?.connected, true);
    call.hangup();
  } finally {
    raw.close();
    await h.stop();
  }
});

test('refused connections: REST fails while down, ari-client reconnects afterwards', async () => {
  const h = await startHarness('edgecall');
  try {
    const reconnected = nextConnect(h);
    const down = h.sim.control.refuseConnections(300);
    await new Promise((r) => setTimeout(r, 50));
    const failed = await fetch(`${h.sim.url}/ari/asterisk/ping`).then(() => false, () => true);
    assert.ok(failed, 'connection refused while down');
    await down;
    await reconnected;
    const ping = await h.client.asterisk.ping();
    assert.is(ping.ping, 'pong');
    const call = h.sim.control.inboundCall({ did: '100', callerNumber: '5555555' });
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === call.channelId);
    call.hangup();
  } finally {
    await h.stop();
  }
});

test.run();

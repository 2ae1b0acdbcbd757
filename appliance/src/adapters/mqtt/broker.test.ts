/**
 * One WebSocket frame per MQTT packet (STACK.md: stock aedes over ws sends a
 * PUBLISH as ~5 frames). Counted on the wire with a raw WebSocket client.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import { WebSocket, createWebSocketStream } from 'ws';
import mqttPacket from 'mqtt-packet';
import { createLiveBroker } from './broker.ts';
import { createLogger } from '../system/logger.ts';
import { Metrics } from '../../lib/metrics.ts';

async function harness() {
  const live = await createLiveBroker({
    authenticate: async (username) =>
      username === 'admin'
        ? { sessionId: 's1', subject: { site: 'b', kind: 'admin', agent: null, groups: [], queues: [], canReadKpis: true } }
        : null,
    logger: createLogger('silent'),
    metrics: new Metrics(),
  });
  const server = createServer();
  server.on('upgrade', (req, socket, head) => live.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/mqtt`;
  return {
    live,
    url,
    async close() {
      await live.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A raw MQTT-over-WebSocket client that counts frames and parses packets. */
async function rawClient(url: string) {
  const ws = new WebSocket(url, 'mqtt');
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const parser = mqttPacket.parser();
  const packets: mqttPacket.Packet[] = [];
  let frames = 0;
  ws.on('message', (data: Buffer) => {
    frames++;
    parser.parse(data);
  });
  parser.on('packet', (p) => packets.push(p));
  const send = (p: object) => ws.send(mqttPacket.generate(p as mqttPacket.Packet));
  const waitFor = async (pred: (p: mqttPacket.Packet) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const hit = packets.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('packet never came');
  };
  return { ws, send, waitFor, packets, frames: () => frames };
}

test('a PUBLISH reaches a WebSocket client as exactly one frame', async () => {
  const h = await harness();
  try {
    const c = await rawClient(h.url);
    c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'frames', keepalive: 30, username: 'admin', password: Buffer.from('x') });
    await c.waitFor((p) => p.cmd === 'connack');
    c.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'ec/v1/b/#', qos: 0 }] });
    await c.waitFor((p) => p.cmd === 'suback');
    const before = c.frames();
    const payload = JSON.stringify({ seq: 1, ts: 'x', data: 'y'.repeat(160) }); // ~200 B, as in STACK.md
    const count = 50;
    for (let i = 0; i < count; i++) {
      await h.live.publish(`ec/v1/b/agent/${i}/state`, payload, false);
      await c.waitFor((p) => p.cmd === 'publish' && p.topic === `ec/v1/b/agent/${i}/state`);
    }
    assert.is(c.frames() - before, count, 'frames per published message');
    c.ws.close();
  } finally {
    await h.close();
  }
});

test('the stock ws stream would have split the same packet (the reason for the fix)', async () => {
  // Guards the test above: if mqtt-packet stopped writing in chunks, the fix
  // would be moot and this documents it.
  let writes = 0;
  const fake = { write: () => (writes++, true) } as unknown as NodeJS.WritableStream;
  mqttPacket.writeToStream({ cmd: 'publish', topic: 'ec/v1/b/agent/1/state', payload: Buffer.alloc(200), qos: 0, dup: false, retain: false } as mqttPacket.IPublishPacket, fake);
  assert.ok(writes > 1, `mqtt-packet wrote ${writes} chunks`);
  assert.type(createWebSocketStream, 'function');
});

test('an unauthenticated WebSocket client is refused at CONNECT', async () => {
  const h = await harness();
  try {
    const c = await rawClient(h.url);
    c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'nobody', keepalive: 30, username: 'intruder', password: Buffer.from('x') });
    const ack = (await c.waitFor((p) => p.cmd === 'connack')) as mqttPacket.IConnackPacket;
    assert.is(ack.returnCode, 4);
    c.ws.close();
  } finally {
    await h.close();
  }
});

test('garbage on the WebSocket closes that client and leaves the broker running', async () => {
  const h = await harness();
  try {
    const bad = new WebSocket(h.url, 'mqtt');
    await new Promise((r) => bad.once('open', r));
    const closed = new Promise((r) => bad.once('close', r));
    bad.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    await closed;
    const good = await rawClient(h.url);
    good.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'after', keepalive: 30, username: 'admin', password: Buffer.from('x') });
    const ack = (await good.waitFor((p) => p.cmd === 'connack')) as mqttPacket.IConnackPacket;
    assert.is(ack.returnCode, 0);
    good.ws.close();
  } finally {
    await h.close();
  }
});

test.run();

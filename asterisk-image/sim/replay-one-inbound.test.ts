// Drives the flow recorded in samples/one-inbound-call-22.10.1.jsonl through the real
// ari-client and compares the simulator's events with the recording (flow-compare.ts
// explains which differences are tolerated).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { sampleEvents, startHarness, sleep } from './test-support.ts';
import { compareFlows, describeDiff } from './flow-compare.ts';

test('one inbound call: IVR, queue, agent, recording, snoop, hold, hang ups', async () => {
  const h = await startHarness('cc-test', { inboundApp: 'cc-test', inboundContext: 'cc-inbound' });
  const { client, sim } = h;
  try {
    sim.control.registerPhone('agent1', { context: 'cc-agent', behaviour: { kind: 'answer' }, afterAnswerApps: [['Wait', '60']] });
    const customer = sim.control.inboundCall({ did: '100', callerNumber: '5551234', callerName: 'Customer' });

    const start = await h.waitEvent((e) => e.type === 'StasisStart' && e.args[0] === 'inbound');
    const callerId: string = start.channel.id;
    await client.channels.answer({ channelId: callerId });
    await client.channels.play({ channelId: callerId, media: 'sound:hello-world', playbackId: randomUUID() });
    await h.waitEvent((e) => e.type === 'PlaybackFinished');

    await customer.sendDtmf('1');
    await h.waitEvent((e) => e.type === 'ChannelDtmfReceived');
    const queue = await client.bridges.create({ type: 'holding', name: 'cc-queue' });
    await client.bridges.addChannel({ bridgeId: queue.id, channel: callerId });
    await client.bridges.startMoh({ bridgeId: queue.id, mohClass: 'default' });

    const agentId = randomUUID();
    await client.channels.originate({ endpoint: 'Local/agent1@cc-agent', app: 'cc-test', appArgs: 'agent', callerId: 'CC <100>', channelId: agentId });
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === agentId);

    const mixing = await client.bridges.create({ type: 'mixing', name: 'cc-call' });
    await client.bridges.addChannel({ bridgeId: mixing.id, channel: `${callerId},${agentId}` });
    const recordingName = randomUUID();
    await client.bridges.record({ bridgeId: mixing.id, name: recordingName, format: 'wav' });
    await h.waitEvent((e) => e.type === 'RecordingStarted');

    const snoop = await client.channels.snoopChannel({ channelId: callerId, app: 'cc-test', appArgs: 'snoop', spy: 'both' });
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === snoop.id);
    await client.channels.hold({ channelId: callerId });
    await client.channels.unhold({ channelId: callerId });
    await sim.control.clock.sleep(3000);

    await client.recordings.stop({ recordingName });
    await h.waitEvent((e) => e.type === 'RecordingFinished');
    await client.channels.hangup({ channelId: snoop.id });
    await h.waitEvent((e) => e.type === 'StasisEnd' && e.channel.id === snoop.id);
    await client.channels.hangup({ channelId: agentId });
    await h.waitEvent((e) => e.type === 'ChannelDestroyed' && e.channel.id === `${agentId};2`);
    await client.channels.hangup({ channelId: callerId });
    await h.waitEvent((e) => e.type === 'StasisEnd' && e.channel.id === callerId);
    await client.bridges.destroy({ bridgeId: mixing.id });
    await client.bridges.destroy({ bridgeId: queue.id });
    await h.waitEvent((e) => e.type === 'BridgeDestroyed');
    await sleep(50);

    const diff = compareFlows(sampleEvents('one-inbound-call-22.10.1.jsonl'), h.events);
    assert.ok(diff.ok, describeDiff(diff));
    assert.equal(sim.control.history('guard'), [], 'every event passed the guard');
    assert.is((await customer.ended).reason, 'remote');
  } finally {
    await h.stop();
  }
});

test.run();

// Recordings are real audio files whose length is the recorded (simulated) duration.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rest, startHarness, type Harness } from './test-support.ts';
import { readWavInfo } from './wav.ts';

async function answeredCall(h: Harness, did = '100'): Promise<string> {
  const call = h.sim.control.inboundCall({ did, callerNumber: '5551234' });
  await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === call.channelId);
  await h.client.channels.answer({ channelId: call.channelId });
  return call.channelId;
}

test('a channel recording writes a valid 8 kHz mono 16-bit WAV as long as the recording', async () => {
  const h = await startHarness('edgecall', { timeScale: 0.2 });
  try {
    const channelId = await answeredCall(h);
    const live = await h.client.channels.record({ channelId, name: 'calls/first', format: 'wav' });
    assert.is(live.state, 'queued');
    await h.waitEvent((e) => e.type === 'RecordingStarted' && e.recording.name === 'calls/first');
    await h.sim.control.clock.sleep(3000);
    await h.client.recordings.stop({ recordingName: 'calls/first' });
    const finished = await h.waitEvent((e) => e.type === 'RecordingFinished');
    assert.is(finished.recording.state, 'done');
    assert.ok(Number.isInteger(finished.recording.duration) && finished.recording.duration >= 3);

    const file = join(h.sim.dataDir, 'recording', 'calls', 'first.wav');
    const info = readWavInfo(file);
    assert.ok(info, 'RIFF/WAVE header');
    assert.equal({ format: info!.format, channels: info!.channels, rate: info!.sampleRate, bits: info!.bitsPerSample }, { format: 1, channels: 1, rate: 8000, bits: 16 });
    assert.is(statSync(file).size, 44 + info!.dataBytes);
    assert.is(Math.floor(info!.dataBytes / 16000), finished.recording.duration);
    const samples = readFileSync(file).subarray(44, 44 + 2000);
    assert.ok(samples.some((b) => b !== 0), 'the recording is a tone, not silence');

    assert.ok((await h.client.recordings.listStored()).some((r) => r.name === 'calls/first' && r.format === 'wav'));
    const bytes = (await h.client.recordings.getStoredFile({ recordingName: 'calls/first' })) as unknown as Buffer;
    assert.ok(Buffer.from(bytes).equals(readFileSync(file)));
    await h.client.recordings.copyStored({ recordingName: 'calls/first', destinationRecordingName: 'calls/copy' });
    assert.ok(existsSync(join(h.sim.dataDir, 'recording', 'calls', 'copy.wav')));
    assert.is((await rest(h.sim, 'POST', '/ari/recordings/stored/calls%2Ffirst/copy', { destinationRecordingName: 'calls/copy' })).status, 409);
    await h.client.recordings.deleteStored({ recordingName: 'calls/copy' });
    assert.is((await rest(h.sim, 'DELETE', '/ari/recordings/stored/calls%2Fcopy')).status, 404);
  } finally {
    await h.stop();
  }
});

test('bridge recording: maxDurationSeconds, name conflicts, append, cancel', async () => {
  const h = await startHarness('edgecall', { timeScale: 0.2 });
  try {
    const a = await answeredCall(h, '100');
    const b = await answeredCall(h, '200');
    const bridge = await h.client.bridges.create({ type: 'mixing', name: 'rec-test' });
    await h.client.bridges.addChannel({ bridgeId: bridge.id, channel: `${a},${b}` });
    await h.client.bridges.record({ bridgeId: bridge.id, name: 'limited', format: 'wav', maxDurationSeconds: 2 });
    // A live recording with the same name is a conflict whatever ifExists says.
    const dup = await rest(h.sim, 'POST', `/ari/bridges/${bridge.id}/record`, { name: 'limited', format: 'wav', ifExists: 'overwrite' });
    assert.equal([dup.status, dup.body], [409, { message: "Recording 'limited' already exists and can not be overwritten" }]);
    const finished = await h.waitEvent((e) => e.type === 'RecordingFinished' && e.recording.name === 'limited');
    assert.is(finished.recording.target_uri, `bridge:${bridge.id}`);
    const path = join(h.sim.dataDir, 'recording', 'limited.wav');
    const first = readWavInfo(path)!.dataBytes;

    assert.is((await rest(h.sim, 'POST', `/ari/bridges/${bridge.id}/record`, { name: 'limited', format: 'wav' })).status, 409);
    await h.client.bridges.record({ bridgeId: bridge.id, name: 'limited', format: 'wav', ifExists: 'append', maxDurationSeconds: 1 });
    await h.waitEvent((e) => e.type === 'RecordingFinished' && e.recording.name === 'limited' && e !== finished);
    assert.ok(readWavInfo(path)!.dataBytes > first, 'append adds audio');

    await h.client.channels.record({ channelId: a, name: 'dropped', format: 'sln' });
    await h.client.recordings.cancel({ recordingName: 'dropped' });
    const canceled = await h.waitEvent((e) => e.type === 'RecordingFinished' && e.recording.name === 'dropped');
    assert.is(canceled.recording.state, 'canceled');
    assert.not.ok(existsSync(join(h.sim.dataDir, 'recording', 'dropped.sln')));
    assert.equal(h.sim.control.history('guard'), []);
  } finally {
    await h.stop();
  }
});

test.run();

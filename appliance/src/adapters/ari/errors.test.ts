import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toTelephonyError, withTimeout } from './errors.ts';
import { normalizeEvent, parseAriTime } from './events.ts';

test('ari-client errors regain a status from Asterisk messages (NOTES.md §2.5 #5)', () => {
  assert.equal(toTelephonyError(new Error('{"message":"Channel not found"}')), { status: 404, message: 'Channel not found' });
  assert.equal(toTelephonyError(new Error('{"message":"Channel not in Stasis application"}')).status, 409);
  assert.equal(toTelephonyError(new Error('{"error":"Allocation failed"}')), { status: 500, message: 'Allocation failed' });
  assert.is(toTelephonyError('401 : undefined http://x/ari/api-docs/resources.json').status, 401);
  assert.is(toTelephonyError(new Error('connect ECONNREFUSED 127.0.0.1:8088')).status, 503);
  assert.equal(toTelephonyError({ status: 418, message: 'kept' }), { status: 418, message: 'kept' });
});

test('a call that never settles times out as 504 (NOTES.md §2.5 #1)', async () => {
  const err = (await withTimeout(new Promise(() => undefined), 20, 'channels.answer').catch((e) => e)) as { status: number; message: string };
  assert.is(err.status, 504);
  assert.match(err.message, /channels.answer timed out/);
});

test("Asterisk's timestamps and events are normalised", () => {
  assert.is(parseAriTime('2026-11-27T13:53:36.885+0000', 0), Date.parse('2026-11-27T13:53:36.885Z'));
  assert.is(parseAriTime('garbage', 7), 7);
  const e = normalizeEvent({ type: 'PlaybackFinished', timestamp: '2026-11-27T13:53:36.885+0000', playback: { id: 'p1', state: 'failed', target_uri: 'channel:c1' } }, 0);
  assert.equal(e, { type: 'playback_finished', playbackId: 'p1', channelId: 'c1', ok: false, at: Date.parse('2026-11-27T13:53:36.885Z') });
  assert.is(normalizeEvent({ type: 'ChannelVarset', variable: 'BRIDGEPEER' }, 0), null);
});

test.run();

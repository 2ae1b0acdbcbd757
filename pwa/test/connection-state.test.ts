import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bannerState, STALE_AFTER_MS, type ConnectionFacts } from '../src/state/connection-state.ts';

const NOW = 1_000_000;
const facts = (f: Partial<ConnectionFacts>): ConnectionFacts => ({ reachable: null, live: 'idle', liveSince: null, lastHeartbeatAt: null, ...f });

test('nothing observed yet: checking', () => {
  assert.is(bannerState(facts({}), NOW), 'checking');
});

test('HTTP failed: offline', () => {
  assert.is(bannerState(facts({ reachable: false, live: 'down' }), NOW), 'offline');
});

test('HTTP answers, live channel not up: reachable', () => {
  for (const live of ['idle', 'connecting', 'down'] as const) assert.is(bannerState(facts({ reachable: true, live }), NOW), 'reachable');
});

test('live channel up with a recent heartbeat: live', () => {
  assert.is(bannerState(facts({ reachable: true, live: 'up', liveSince: NOW - 60_000, lastHeartbeatAt: NOW - 4_000 }), NOW), 'live');
});

test('no heartbeat for more than 15 s: stale', () => {
  const f = facts({ reachable: true, live: 'up', liveSince: NOW - 60_000, lastHeartbeatAt: NOW - STALE_AFTER_MS - 1 });
  assert.is(bannerState(f, NOW), 'stale');
  assert.is(bannerState({ ...f, lastHeartbeatAt: NOW - STALE_AFTER_MS }, NOW), 'live', 'exactly 15 s is still live');
});

test('a fresh channel gets 15 s to hear its first heartbeat', () => {
  assert.is(bannerState(facts({ reachable: true, live: 'up', liveSince: NOW - 2_000 }), NOW), 'live');
  assert.is(bannerState(facts({ reachable: true, live: 'up', liveSince: NOW - 20_000 }), NOW), 'stale');
});

test('an open live channel wins over a failed HTTP request', () => {
  assert.is(bannerState(facts({ reachable: false, live: 'up', liveSince: NOW - 1_000, lastHeartbeatAt: NOW - 1_000 }), NOW), 'live');
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { callbackTimes, contactsFrom, missedCallsFrom, recoveryRate } from './callbacks.ts';
import { call, sec } from './test-fixtures.ts';

const journeys = [
  call('m1', 0).arrive('+111').queued('q1').wait(30).end('abandoned').build(), // missed, ends at 30
  call('m2', 100).arrive('+222').queued('q2').wait(40).end('timeout').build(), // missed, ends at 140
  call('m3', 200).arrive('+111').queued('q1').wait(20).end('abandoned').build(), // same caller again
  call('s1', 300).arrive('+333').wait(2).end('abandoned_ivr').build(), // short: not missed
  call('cb1', 600, 'outbound').arrive('+111', 'a1').wait(20).end('no_answer').build(), // attempt, not reached
  call('cb2', 900, 'outbound').arrive('+111', 'a1').wait(5).answer('a1').wait(60).end('agent_hangup').build(),
  call('in2', 5000).arrive('+222').queued('q2').wait(5).answer('a2').wait(30).end('agent_hangup').build(),
];
const opts = { from: sec(0), to: sec(1000), now: sec(10_000) };

test('missed calls and contacts come from the journeys', () => {
  const missed = missedCallsFrom(journeys, opts);
  assert.equal(missed.map((m) => [m.callId, m.number, m.queue, m.endedAt]), [
    ['m1', '+111', 'q1', sec(30)],
    ['m2', '+222', 'q2', sec(140)],
    ['m3', '+111', 'q1', sec(220)],
  ]);
  const contacts = contactsFrom(journeys, opts.now);
  assert.equal(contacts.find((c) => c.callId === 'cb2')?.reachedAt, sec(905));
  assert.is(contacts.find((c) => c.callId === 'cb1')?.reachedAt, null);
});

test('callback time runs from the missed call end to the first outbound attempt', () => {
  const missed = missedCallsFrom(journeys, opts);
  const times = callbackTimes(missed, contactsFrom(journeys, opts.now));
  assert.equal(times.map((t) => [t.callId, t.callbackTime]), [['m1', 570], ['m2', null], ['m3', 380]]);
});

test('recovery rate: callers reached again within the callback window of the queue that missed them', () => {
  const missed = missedCallsFrom(journeys, opts);
  const contacts = contactsFrom(journeys, opts.now);
  // +111 reached at 905 (875 s after its first miss); +222 reached inbound at 5005 (4865 s after).
  const r = recoveryRate(missed, contacts, { settingsByQueue: { q2: { callbackWindow: 3600 } } });
  assert.equal([r.missedCallers, r.recovered, r.recoveryRate], [2, 1, 50]);
  assert.is(recoveryRate(missed, contacts).recoveryRate, 100); // default window: one day
  assert.is(recoveryRate(missed, contacts, { defaults: { callbackWindow: 600 } }).recovered, 0);
  assert.is(recoveryRate([], contacts).recoveryRate, null);
});

test.run();

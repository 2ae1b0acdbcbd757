import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AgentStateError, newAgent, transition } from './agents.ts';

const base = () => transition(newAgent('101', 'u', 0), { type: 'login', queues: ['q'] }, 10);

test('login starts paused; ready then offer, answer, hold, unhold, end with ACW', () => {
  let a = base();
  assert.is(a.state, 'paused');
  a = transition(a, { type: 'ready' }, 20);
  a = transition(a, { type: 'offer', callId: 'c' }, 30);
  assert.is(a.state, 'ringing');
  a = transition(a, { type: 'answered', callId: 'c' }, 40);
  assert.equal([a.state, a.callsToday, a.since], ['talking', 1, 40]);
  a = transition(transition(a, { type: 'hold' }, 50), { type: 'unhold' }, 60);
  a = transition(a, { type: 'call_ended', wrapUpMs: 5000 }, 70);
  assert.equal([a.state, a.acwUntil], ['acw', 5070]);
  a = transition(a, { type: 'acw_extend', ms: 1000, reason: 'long notes' }, 80);
  assert.equal([a.acwUntil, a.reason], [6070, 'extended: long notes']);
  a = transition(a, { type: 'acw_end' }, 90);
  assert.equal([a.state, a.idleSince, a.callId], ['ready', 90, null]);
});

test('a missed offer counts and keeps the place in longest-idle order', () => {
  let a = transition(base(), { type: 'ready' }, 20);
  a = transition(transition(a, { type: 'offer', callId: 'c' }, 30), { type: 'offer_ended', missed: true }, 40);
  assert.equal([a.state, a.missedInARow, a.idleSince], ['ready', 1, 20]);
  a = transition(transition(a, { type: 'offer', callId: 'd' }, 50), { type: 'answered', callId: 'd' }, 60);
  assert.is(a.missedInARow, 0);
});

test('forbidden moves throw', () => {
  const loggedOut = newAgent('1', 'u', 0);
  assert.throws(() => transition(loggedOut, { type: 'ready' }, 1), (e: unknown) => e instanceof AgentStateError);
  const talking = transition(transition(transition(base(), { type: 'ready' }, 2), { type: 'offer', callId: 'c' }, 3), { type: 'answered', callId: 'c' }, 4);
  for (const action of [{ type: 'pause', reason: 'x' }, { type: 'logout' }, { type: 'ready' }] as const) {
    assert.throws(() => transition(talking, action, 5), (e: unknown) => e instanceof AgentStateError);
  }
  assert.throws(() => transition(base(), { type: 'offer', callId: 'c' }, 2), (e: unknown) => e instanceof AgentStateError, 'a paused agent is never offered');
  assert.throws(() => transition(base(), { type: 'acw_end' }, 2), (e: unknown) => e instanceof AgentStateError);
});

test.run();

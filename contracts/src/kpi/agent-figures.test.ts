import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeAgentFigures } from './agent-figures.ts';
import { agentAt, call, sec } from './test-fixtures.ts';

const history = [
  agentAt('a1', 'ready', 0),
  agentAt('a1', 'ringing', 100),
  agentAt('a1', 'talking', 110),
  agentAt('a1', 'holding', 200),
  agentAt('a1', 'talking', 230),
  agentAt('a1', 'acw', 300),
  agentAt('a1', 'paused', 360, 'lunch'),
  agentAt('a1', 'ready', 960),
  agentAt('a1', 'paused', 1000),
  agentAt('a1', 'logged_out', 1100),
];

test('agent times, paused by reason and occupancy', () => {
  const [a1] = computeAgentFigures(history, [], { from: sec(0), to: sec(2000), now: sec(5000) });
  assert.is(a1.loggedIn, 1100);
  assert.is(a1.paused, 700);
  assert.equal(a1.pausedByReason, { lunch: 600, unspecified: 100 });
  assert.is(a1.ready, 140); // 100 + 40
  assert.is(a1.ringing, 10);
  assert.is(a1.talk, 160); // 90 + 70
  assert.is(a1.hold, 30);
  assert.is(a1.acw, 60);
  assert.is(a1.occupancy, 62.5); // 250 / (1100 − 700)
});

test('times are clipped to the period and to now', () => {
  const [a1] = computeAgentFigures(history, [], { from: sec(50), to: sec(2000), now: sec(120) });
  assert.is(a1.loggedIn, 70); // ready 50..100, ringing 100..110, talking 110..120
  assert.is(a1.talk, 10);
  const [never] = computeAgentFigures([agentAt('a2', 'paused', 0)], [], { from: sec(0), to: sec(10), now: sec(10) });
  assert.is(never.occupancy, null);
});

test('missed by agent, answered, and outbound made/connected/talk', () => {
  const journeys = [
    call('i1', 10).arrive().queued('q1').ring('a1').wait(15).noAnswer('a1').ring('a2').wait(3).answer('a2').wait(50).end('agent_hangup').build(),
    call('i2', 20).arrive().queued('q1').ring('a1').wait(15).noAnswer('a1').wait(1).end('abandoned').build(),
    call('o1', 30, 'outbound').arrive('+1', 'a1').wait(10).answer('a1').wait(40).hold().wait(5).unhold().wait(5).end('agent_hangup').build(),
    call('o2', 40, 'outbound').arrive('+2', 'a1').wait(30).end('no_answer').build(),
    call('o3', 5000, 'outbound').arrive('+3', 'a1').wait(30).end('busy').build(), // outside the period
  ];
  const figs = computeAgentFigures([], journeys, { from: sec(0), to: sec(2000), now: sec(9000) });
  const a1 = figs.find((f) => f.agent === 'a1')!;
  const a2 = figs.find((f) => f.agent === 'a2')!;
  assert.equal([a1.missedByAgent, a1.answered, a1.outboundMade, a1.outboundConnected, a1.outboundTalk], [2, 0, 2, 1, 45]);
  assert.equal([a2.missedByAgent, a2.answered], [0, 1]);
});

test.run();

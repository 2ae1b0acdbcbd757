import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeKpis } from './compute.ts';
import { intradaySeries } from './intraday.ts';
import { call, sec } from './test-fixtures.ts';

test('15-minute buckets by arrival, with the period definitions', () => {
  const journeys = [
    call('a', 60).arrive().queued('q1').wait(10).answer('a1').wait(30).end('agent_hangup').build(),
    call('b', 890).arrive().queued('q1').wait(30).answer('a1').wait(30).end('agent_hangup').build(), // arrives in bucket 0
    call('c', 900).arrive().queued('q1').wait(25).end('abandoned').build(),
    call('d', 1000).arrive().queued('q1').build(), // still waiting
  ];
  const options = { scope: 'branch' as const, from: sec(0), to: sec(2700), now: sec(1100) };
  const series = intradaySeries(journeys, options);
  assert.is(series.length, 3);
  assert.equal(series[0], { start: sec(0), end: sec(900), offered: 2, answered: 2, serviceLevel: 50, asa: 20 });
  assert.equal(series[1], { start: sec(900), end: sec(1800), offered: 2, answered: 0, serviceLevel: 0, asa: null });
  assert.equal(series[2], { start: sec(1800), end: sec(2700), offered: 0, answered: 0, serviceLevel: null, asa: null });
  const total = computeKpis(journeys, [], options);
  assert.is(series.reduce((n, b) => n + b.answered, 0), total.answeredCalls);
});

test.run();

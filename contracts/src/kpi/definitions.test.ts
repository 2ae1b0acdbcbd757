import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeKpis } from './compute.ts';
import { KPI_DEFINITIONS, KPI_KEYS, KpiFigures } from './definitions.ts';
import { AgentTransition, CallJourney, LiveCallEvent } from './journey.ts';
import { call, sec } from './test-fixtures.ts';

test('every KPI key has a definition, a label key and a unit; figures carry exactly those keys', () => {
  const figures = computeKpis([], [], { scope: 'branch', from: 0, to: 1, now: 1 });
  assert.equal(Object.keys(figures).sort(), [...KPI_KEYS].sort());
  for (const key of KPI_KEYS) {
    const d = KPI_DEFINITIONS[key];
    assert.is(d.labelKey, `kpi.${key}`);
    assert.ok(d.formula.length > 5, key);
    assert.ok(['count', 'seconds', 'percent'].includes(d.unit), key);
  }
  assert.is(KPI_DEFINITIONS.serviceLevel.unit, 'percent');
  assert.is(KPI_DEFINITIONS.aht.unit, 'seconds');
  assert.ok(KpiFigures.safeParse(figures).success);
});

test('journey schemas accept what the engine reads and refuse the malformed', () => {
  const j = call('c1', 0).arrive('+994').queued('q1').wait(5).answer('a1', 'q1').hold().wait(1).unhold()
    .transferToAgent('a2').answer('a2').end('agent_hangup').acw('a2').build();
  assert.equal(CallJourney.parse(JSON.parse(JSON.stringify(j))), j);
  const bad = (events: unknown[]) => CallJourney.safeParse({ callId: 'x', direction: 'inbound', events }).success;
  assert.not.ok(bad([{ type: 'ended', seq: 1, at: sec(0), cause: 'exploded' }]));
  assert.not.ok(bad([{ type: 'transferred', seq: 1, at: sec(0) }]));
  assert.not.ok(bad([{ type: 'transferred', seq: 1, at: sec(0), toQueue: 'q', toAgent: 'a' }]));
  assert.not.ok(bad([{ type: 'queued', seq: 1, at: 1.5, queue: 'q' }]));
  assert.not.ok(bad([{ type: 'hold', seq: 1, at: 1 }, { type: 'unhold', seq: 1, at: 2 }]));
  assert.ok(LiveCallEvent.safeParse({ callId: 'c', direction: 'inbound', event: j.events[0] }).success);
  assert.ok(AgentTransition.safeParse({ agent: 'a1', state: 'paused', reason: 'lunch', at: 0 }).success);
  assert.not.ok(AgentTransition.safeParse({ agent: 'a1', state: 'busy', at: 0 }).success);
});

test.run();

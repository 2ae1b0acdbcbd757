import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { QueueSettings } from '@edgecall/contracts';
import { newAgent, type AgentRuntime } from './agents.ts';
import { selectAgents } from './routing.ts';

const q = (over: object) => QueueSettings.parse({ id: 'q', name: 'Q', ...over });
const ready = (agent: string, patch: Partial<AgentRuntime> = {}): AgentRuntime => ({ ...newAgent(agent, 'u' + agent, 0), queues: ['q'], state: 'ready', ...patch });
const ids = (list: AgentRuntime[]) => list.map((a) => a.agent);

test('only ready members of the queue who were not tried are offered', () => {
  const agents = [ready('1', { state: 'paused' }), ready('2', { queues: ['other'] }), ready('3'), ready('4')];
  assert.equal(ids(selectAgents(q({ strategy: 'ring_all' }), agents, new Set(['4']), null)), ['3']);
});

test('longest idle picks the agent idle the longest', () => {
  const agents = [ready('1', { idleSince: 30 }), ready('2', { idleSince: 10 }), ready('3', { idleSince: 20 })];
  assert.equal(ids(selectAgents(q({ strategy: 'longest_idle' }), agents, new Set(), null)), ['2']);
});

test('round robin continues after the last offered agent and wraps', () => {
  const agents = [ready('101'), ready('102'), ready('110')];
  const s = q({ strategy: 'round_robin' });
  assert.equal(ids(selectAgents(s, agents, new Set(), null)), ['101']);
  assert.equal(ids(selectAgents(s, agents, new Set(), '101')), ['102']);
  assert.equal(ids(selectAgents(s, agents, new Set(), '102')), ['110'], 'numeric order, not text order');
  assert.equal(ids(selectAgents(s, agents, new Set(), '110')), ['101']);
});

test('fewest calls, ties broken by idle time', () => {
  const agents = [ready('1', { callsToday: 5 }), ready('2', { callsToday: 2, idleSince: 50 }), ready('3', { callsToday: 2, idleSince: 40 })];
  assert.equal(ids(selectAgents(q({ strategy: 'fewest_calls' }), agents, new Set(), null)), ['3']);
});

test('penalties (skill levels): the best level is offered first, whatever the strategy', () => {
  const agents = [ready('1', { idleSince: 0 }), ready('2', { idleSince: 100 }), ready('3', { idleSince: 50 })];
  const s = q({ strategy: 'ring_all', penalties: { '1': 5, '2': 1, '3': 1 } });
  assert.equal(ids(selectAgents(s, agents, new Set(), null)), ['2', '3']);
  assert.equal(ids(selectAgents(s, agents, new Set(['2', '3']), null)), ['1'], 'the next level when the best were tried');
});

test.run();

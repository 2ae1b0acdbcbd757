import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { topics } from '@edgecall/contracts/topics';
import { topicMatches } from '../src/state/connection.ts';
import { isMissed, startOfToday, type CallRecord } from '../src/data/calls.ts';
import { sinceMs } from '../src/data/agent.ts';

test('panels follow topics with MQTT wildcards, one level for + and the rest for #', () => {
  const board = topics.groupAgentState('branch-1', 'sales', '+');
  assert.ok(topicMatches(board, topics.groupAgentState('branch-1', 'sales', '101')));
  assert.not.ok(topicMatches(board, topics.groupAgentState('branch-1', 'support', '101')));
  assert.not.ok(topicMatches(board, topics.agentState('branch-1', '101')));
  assert.ok(topicMatches('ec/v1/branch-1/#', topics.kpiQueue('branch-1', 'sales')));
  assert.ok(topicMatches(topics.kpiBranch('branch-1'), 'ec/v1/branch-1/kpi/branch'));
  assert.not.ok(topicMatches(topics.kpiBranch('branch-1'), 'ec/v1/branch-1/kpi/branch/x'));
});

test('a missed call ended without an answer; times arrive as ISO or epoch ms', () => {
  const call = (events: string[], endedAt: number | null) => ({ endedAt, events: events.map((type, seq) => ({ type, seq, at: seq })) }) as unknown as CallRecord;
  assert.ok(isMissed(call(['arrived', 'queued', 'ended'], 10)));
  assert.not.ok(isMissed(call(['arrived', 'queued', 'answered', 'ended'], 10)));
  assert.not.ok(isMissed(call(['arrived', 'queued'], null)), 'still waiting is not missed yet');
  assert.is(sinceMs('2026-11-27T10:00:00.000Z'), Date.UTC(2026, 10, 27, 10));
  assert.is(sinceMs(1795794238220), 1795794238220);
  assert.is(sinceMs(null), null);
  assert.is(new Date(startOfToday(new Date(2026, 10, 27, 15, 4))).getHours(), 0);
});

test.run();

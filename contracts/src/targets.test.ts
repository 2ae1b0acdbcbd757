import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeKpis } from './kpi/compute.ts';
import { computeAgentFigures } from './kpi/agent-figures.ts';
import { agentAt, call, sec, T0 } from './kpi/test-fixtures.ts';
import {
  computeTargetProgress,
  levelStatus,
  paceCheck,
  queueTargetStatus,
  targetPeriodRange,
  Targets,
  type AgentActuals,
} from './targets.ts';

const H = 3_600_000;
const DAY = 24 * H;

test('period boundaries: day, week from Monday and month, in the branch offset', () => {
  // Wed 2025-01-15 02:30 UTC is 06:30 in Baku (UTC+4); 22:30 UTC on the 14th is already the 15th there.
  const wed = Date.UTC(2025, 0, 15, 2, 30);
  assert.equal(targetPeriodRange('day', wed, 240), { from: Date.UTC(2025, 0, 14, 20), to: Date.UTC(2025, 0, 15, 20) });
  assert.equal(targetPeriodRange('day', Date.UTC(2025, 0, 14, 22, 30), 240).from, Date.UTC(2025, 0, 14, 20));
  assert.equal(targetPeriodRange('day', Date.UTC(2025, 0, 14, 19, 59), 240).from, Date.UTC(2025, 0, 13, 20));
  // Monday 2025-01-13 00:00 Baku = Sunday 12th 20:00 UTC.
  assert.equal(targetPeriodRange('week', wed, 240), { from: Date.UTC(2025, 0, 12, 20), to: Date.UTC(2025, 0, 19, 20) });
  // A Sunday still belongs to the week that began the Monday before.
  assert.equal(targetPeriodRange('week', Date.UTC(2025, 0, 19, 12), 240).from, Date.UTC(2025, 0, 12, 20));
  // A Monday starts its own week; west of UTC too.
  assert.equal(targetPeriodRange('week', Date.UTC(2025, 0, 13, 12), -300).from, Date.UTC(2025, 0, 13, 5));
  assert.equal(targetPeriodRange('month', wed, 240), { from: Date.UTC(2024, 11, 31, 20), to: Date.UTC(2025, 0, 31, 20) });
  // 2024-02-29 23:00 UTC is already March in Baku.
  assert.equal(targetPeriodRange('month', Date.UTC(2024, 1, 29, 23), 240), { from: Date.UTC(2024, 1, 29, 20), to: Date.UTC(2024, 2, 31, 20) });
});

test('level status: ok, warn within the margin, breach beyond; none for "—"', () => {
  // SL ≥ 80, margin 10 % of 80 = 8.
  assert.is(levelStatus(80, 80, 'min', 10), 'ok');
  assert.is(levelStatus(72, 80, 'min', 10), 'warn');
  assert.is(levelStatus(71.99, 80, 'min', 10), 'breach');
  // ASA ≤ 20 s, margin 2 s.
  assert.is(levelStatus(20, 20, 'max', 10), 'ok');
  assert.is(levelStatus(22, 20, 'max', 10), 'warn');
  assert.is(levelStatus(22.01, 20, 'max', 10), 'breach');
  // A zero target leaves no margin: any loss breaches.
  assert.is(levelStatus(0.5, 0, 'max', 10), 'breach');
  assert.is(levelStatus(null, 80, 'min', 10), null);
});

test('queue status from computeKpis figures, with empty denominators', () => {
  // q1: c1 answered after 10 s, c2 after 30 s, c3 abandoned after 40 s. T_sl 20 s (default):
  // SL (V5) = 1 / 3 = 33.33 %, ASA = 20 s, LCR = 1 / (2 + 1) = 33.33 %; nobody waits now.
  const journeys = [
    call('c1', 0).arrive().queued('q1').wait(10).answer('a1', 'q1').wait(60).end('agent_hangup').build(),
    call('c2', 100).arrive().queued('q1').wait(30).answer('a1', 'q1').wait(60).end('caller_hangup').build(),
    call('c3', 300).arrive().queued('q1').wait(40).end('abandoned').build(),
  ];
  const f = computeKpis(journeys, [], { scope: { queue: 'q1' }, from: T0, to: T0 + DAY, now: sec(1000) });
  const s = queueTargetStatus('q1', { queue: 'q1', serviceLevel: 35, asa: 15, lostCallRate: 40, longestWait: 60 }, f, 10);
  assert.equal(s.checks.serviceLevel, { figure: 'serviceLevel', kind: 'min', target: 35, value: 33.33, status: 'warn' }); // 31.5 ≤ 33.33 < 35
  assert.equal(s.checks.asa, { figure: 'asa', kind: 'max', target: 15, value: 20, status: 'breach' }); // > 16.5
  assert.is(s.checks.lostCallRate!.status, 'ok');
  assert.equal(s.checks.longestWait, { figure: 'longestWaitNow', kind: 'max', target: 60, value: null, status: null });
  assert.is(s.status, 'breach');

  // An empty queue: every ratio is "—", so no check has a status and neither has the queue.
  const empty = computeKpis([], [], { scope: { queue: 'q2' }, from: T0, to: T0 + DAY, now: sec(1000) });
  const e = queueTargetStatus('q2', { queue: 'q2', serviceLevel: 80, asa: 20, lostCallRate: 5 }, empty, 10);
  assert.equal(Object.values(e.checks).map((c) => c!.status), [null, null, null]);
  assert.is(e.status, null);
  // No target at all: no checks.
  assert.equal(queueTargetStatus('q3', undefined, empty, 10), { queue: 'q3', status: null, checks: {} });

  // A caller waiting now: the longest-wait target reads the live figure.
  const waiting = [call('c9', 0).arrive().queued('q1').build()];
  const live = computeKpis(waiting, [], { scope: { queue: 'q1' }, from: T0, to: T0 + DAY, now: sec(70) });
  assert.is(live.longestWaitNow, 70);
  assert.is(queueTargetStatus('q1', { queue: 'q1', longestWait: 65 }, live, 10).checks.longestWait!.status, 'warn'); // 65 < 70 ≤ 71.5
  assert.is(queueTargetStatus('q1', { queue: 'q1', longestWait: 60 }, live, 10).checks.longestWait!.status, 'breach'); // 70 > 66
});

test('pace: done, on pace, behind against the elapsed fraction', () => {
  assert.equal(paceCheck(10, 40, 0.25), { target: 40, achieved: 10, ratio: 0.25, expected: 10, status: 'on_pace' });
  assert.equal(paceCheck(9, 40, 0.25).status, 'behind');
  assert.equal(paceCheck(40, 40, 0.1).status, 'done');
  assert.equal(paceCheck(0, 40, 0).status, 'on_pace'); // nothing expected at the very start
  assert.equal(paceCheck(null, 40, 0.5), { target: 40, achieved: null, ratio: null, expected: 20, status: null });
});

test('agent progress from computeAgentFigures, default and own targets, unmeasured figures', () => {
  const journeys = [
    call('c1', 0).arrive().queued('q1').ring('201', 'q1').wait(5).answer('201', 'q1').wait(100).end('caller_hangup').acw('201').build(),
    call('c2', 200).arrive().queued('q1').ring('201', 'q1').wait(5).answer('201', 'q1').wait(50).end('caller_hangup').acw('201').build(),
    call('o1', 400, 'outbound').arrive('5550100', '202').ring('202').wait(5).answer('202').wait(30).end('agent_hangup').build(),
  ];
  const history = [
    agentAt('201', 'ready', -10),
    agentAt('201', 'ringing', 0),
    agentAt('201', 'talking', 5),
    agentAt('201', 'acw', 105),
    agentAt('201', 'ringing', 200),
    agentAt('201', 'talking', 205),
    agentAt('201', 'ready', 255),
    agentAt('202', 'ready', 0),
    agentAt('202', 'talking', 405),
    agentAt('202', 'ready', 435),
  ];
  const range = { from: T0 - 8 * H, to: T0 + 16 * H }; // a day; T0 + 4 h is halfway
  const now = T0 + 4 * H;
  const figures = computeAgentFigures(history, journeys, { ...range, now });
  const actuals: AgentActuals[] = ['201', '202', '203'].map((agent) => ({
    agent,
    figures: figures.find((f) => f.agent === agent) ?? null,
    scheduledCallbacks: null,
    evaluationScore: null,
  }));
  const targets = Targets.parse({
    agents: [
      { agent: '*', period: 'day', incomingCalls: 4, outgoingCalls: 2, talkTimeSeconds: 120, scheduledCallbacks: 3, evaluationScore: 80 },
      { agent: '202', period: 'day', outgoingCalls: 1 },
      { agent: '*', period: 'week', incomingCalls: 100 },
    ],
  });
  const p = computeTargetProgress({ targets, period: 'day', ...range, now, queues: [], agents: actuals });
  assert.is(p.elapsed, 0.5);
  const [a201, a202, a203] = p.agents;
  assert.is(a201.source, 'default');
  assert.equal(a201.checks.incomingCalls, { target: 4, achieved: 2, ratio: 0.5, expected: 2, status: 'on_pace' });
  assert.equal(a201.checks.outgoingCalls, { target: 2, achieved: 0, ratio: 0, expected: 1, status: 'behind' });
  assert.equal(a201.checks.talkTimeSeconds, { target: 120, achieved: 150, ratio: 1.25, expected: 60, status: 'done' }); // 100 + 50 s talking
  // Not measured yet: a check with its target and no status.
  assert.equal(a201.checks.scheduledCallbacks, { target: 3, achieved: null, ratio: null, expected: 1.5, status: null });
  assert.equal(a201.checks.evaluationScore, { target: 80, achieved: null, ratio: null, expected: null, status: null });
  assert.is(a201.status, 'behind');
  // The agent's own entry replaces the default for that period.
  assert.is(a202.source, 'agent');
  assert.equal(Object.keys(a202.checks), ['outgoingCalls']);
  assert.equal(a202.checks.outgoingCalls, { target: 1, achieved: 1, ratio: 1, expected: 0.5, status: 'done' });
  assert.is(a202.status, 'done');
  // An agent who did nothing: zero achieved, behind pace.
  assert.is(a203.checks.incomingCalls!.achieved, 0);
  assert.is(a203.status, 'behind');

  // Another period takes only that period's entries; an agent without one has no checks.
  const w = computeTargetProgress({ targets, period: 'month', ...range, now, queues: [], agents: actuals });
  assert.equal(w.agents[0], { agent: '201', source: null, status: null, checks: {} });
  const scored = computeTargetProgress({ targets, period: 'day', ...range, now, queues: [], agents: [{ ...actuals[0], evaluationScore: 85, scheduledCallbacks: 1 }] });
  assert.equal(scored.agents[0].checks.evaluationScore, { target: 80, achieved: 85, ratio: 1.0625, expected: null, status: 'done' });
  assert.is(scored.agents[0].checks.scheduledCallbacks!.status, 'behind');
});

test('the schema refuses duplicates and bad values, and fills defaults', () => {
  assert.equal(Targets.parse({}), { warnMarginPercent: 10, queues: [], agents: [] });
  assert.not.ok(Targets.safeParse({ queues: [{ queue: 'q1' }, { queue: 'q1' }] }).success);
  assert.not.ok(Targets.safeParse({ agents: [{ agent: '*', period: 'day' }, { agent: '*', period: 'day' }] }).success);
  assert.ok(Targets.safeParse({ agents: [{ agent: '*', period: 'day' }, { agent: '*', period: 'week' }] }).success);
  assert.not.ok(Targets.safeParse({ queues: [{ queue: 'q1', serviceLevel: 120 }] }).success);
  assert.not.ok(Targets.safeParse({ agents: [{ agent: '201', period: 'year' }] }).success);
  assert.not.ok(Targets.safeParse({ agents: [{ agent: '201', period: 'day', incomingCalls: 0 }] }).success);
  assert.not.ok(Targets.safeParse({ queues: [{ queue: 'q1', asa: 20, extra: 1 }] }).success);
});

test.run();

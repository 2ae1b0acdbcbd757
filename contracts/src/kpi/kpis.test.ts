/**
 * Pins every KPIS.md formula on small hand-made journeys whose figures were
 * worked out by hand (in the comments).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeKpiBasis, computeKpis, type KpiOptions } from './compute.ts';
import type { KpiFigures } from './definitions.ts';
import type { AgentTransition, CallJourney } from './journey.ts';
import { agentAt, call, sec, T0 } from './test-fixtures.ts';

const DAY = { from: T0 - 3_600_000, to: T0 + 86_400_000 };
type Opts = Partial<KpiOptions>;

function kpis(journeys: CallJourney[], opts: Opts = {}, agents: AgentTransition[] = []): KpiFigures {
  return computeKpis(journeys, agents, { scope: 'branch', ...DAY, now: sec(10_000), ...opts });
}
const basis = (journeys: CallJourney[], opts: Opts = {}) =>
  computeKpiBasis(journeys, { scope: 'branch', ...DAY, now: sec(10_000), ...opts });

/** Waits in q1, no IVR: answered after 10 s and 30 s; abandoned after 3, 15, 40 s; timed out after 60 s. */
const slSet = (): CallJourney[] => [
  call('c1', 0).arrive().queued('q1').wait(10).answer('a1', 'q1').wait(60).end('agent_hangup').build(),
  call('c2', 100).arrive().queued('q1').wait(30).answer('a2', 'q1').wait(60).end('caller_hangup').build(),
  call('c3', 200).arrive().queued('q1').wait(3).end('abandoned').build(),
  call('c4', 300).arrive().queued('q1').wait(15).end('abandoned').build(),
  call('c5', 400).arrive().queued('q1').wait(40).end('abandoned').build(),
  call('c6', 500).arrive().queued('q1').wait(60).end('timeout').build(),
];

test('SL variants, LCR, ASA and AWT on one queue', () => {
  // O=6, A=2, A≤T=1, Ab=3, Ab≤T=2 (3 s, 15 s), Ab_short=1 (3 s); U=4, S=1 (c3 ended 3 s after arriving).
  const f = kpis(slSet(), { scope: { queue: 'q1' } });
  assert.is(f.totalCalls, 6);
  assert.is(f.answeredCalls, 2);
  assert.is(f.serviceLevelV1, 50); // 1/2
  assert.is(f.serviceLevelV2, 20); // 1/(2+3)
  assert.is(f.serviceLevelV3, 33.33); // 1/(2+3−2)
  assert.is(f.serviceLevelV4, 60); // (1+2)/(2+3)
  assert.is(f.serviceLevel, 20); // V5: 1/(6−1)
  assert.is(f.missedCalls, 3); // U − S − deflected = 4 − 1 − 0
  assert.is(f.lostCallRate, 60); // 3/(2+3)
  assert.is(f.asa, 20); // (10+30)/2
  assert.is(f.awt, 26.333); // (10+30+3+15+40+60)/6
  assert.is(f.averageCallLength, 60);
  assert.is(f.aht, null); // no ACW ended yet
});

test('serviceLevel follows the queue variant; the branch keeps the default variant', () => {
  const settingsByQueue = { q1: { slVariant: 'V4' as const } };
  assert.is(kpis(slSet(), { scope: { queue: 'q1' }, settingsByQueue }).serviceLevel, 60);
  assert.is(kpis(slSet(), { settingsByQueue }).serviceLevel, 20);
  assert.is(kpis(slSet(), { defaults: { slVariant: 'V3' } }).serviceLevel, 33.33);
});

test('thresholds are per queue and inclusive as written (wait ≤ T_sl, wait < T_short)', () => {
  const f = kpis(slSet(), { scope: { queue: 'q1' }, settingsByQueue: { q1: { T_sl: 30, T_short: 15 } } });
  assert.is(f.serviceLevelV1, 100); // 30 s ≤ 30
  // Ab_short: 3 s only (15 s is not < 15); V5 = 2/(6−1)
  assert.is(f.serviceLevel, 40);
  const edge = [
    call('e1', 0).arrive().queued('q1').wait(20).answer('a1').wait(5).end('agent_hangup').build(),
    call('e2', 0).arrive().queued('q1').wait(5).end('abandoned').build(),
  ];
  const b = basis(edge);
  assert.is(b.answeredWithinSl, 1);
  assert.is(b.abandonedShort, 0);
  assert.is(b.short, 0); // ended exactly T_short after arriving: not short
  assert.is(b.missed, 1);
});

test('short calls, IVR abandons and deflected calls', () => {
  const js = [
    call('s1', 0).arrive().wait(2).end('abandoned_ivr').build(), // S, not offered
    call('s2', 10).arrive().wait(4).ivrLeft().queued('q1').wait(3).end('abandoned').build(), // Ab_short, 7 s: missed
    call('s3', 20).arrive().wait(30).end('abandoned_ivr').build(), // missed, not offered
    call('s4', 30).arrive().queued('q1').wait(1).end('deflected').build(), // deflected (never short), offered
    call('s5', 40).arrive().queued('q1').wait(12).answer('a1').wait(20).end('agent_hangup').build(),
  ];
  const b = basis(js);
  assert.is(b.total, 5);
  assert.is(b.unanswered, 4);
  assert.is(b.short, 1);
  assert.is(b.deflected, 1);
  assert.is(b.missed, 2);
  assert.is(b.offered, 3);
  assert.is(b.abandonedShort, 1);
  assert.is(b.unansweredByCause.abandoned_ivr, 2);
  assert.is(b.unansweredByCause.deflected, 1);
  const f = kpis(js);
  assert.is(f.missedCalls, 2);
  assert.is(f.lostCallRate, 66.67); // 2/(1+2)
  assert.is(f.serviceLevel, 50); // A≤T=1 / (O=3 − Ab_short=1)
  assert.is(f.awt, 5.333); // IVR time never counts: (3+1+12)/3
});

test('a transferred call counts once in totals and once per stint per queue', () => {
  const j = call('m1', 0).arrive().queued('q1').wait(10).answer('a1', 'q1').wait(20)
    .transferToQueue('q2').queued('q2').wait(30).answer('a2', 'q2').wait(40).end('agent_hangup').build();
  const branch = kpis([j]);
  assert.is(branch.totalCalls, 1);
  assert.is(branch.answeredCalls, 1);
  assert.is(branch.asa, 40); // the caller's queue time: 10 + 30
  assert.is(branch.serviceLevelV1, 0); // 40 s > T_sl of q2, the queue that answered
  assert.is(branch.averageCallLength, 60);
  assert.equal(kpis([j], { scope: { group: ['q2', 'q1'] } }), branch);
  const q1 = kpis([j], { scope: { queue: 'q1' } });
  assert.is(q1.totalCalls, 1);
  assert.is(q1.asa, 10);
  assert.is(q1.serviceLevelV1, 100);
  assert.is(q1.averageCallLength, 20);
  const q2 = kpis([j], { scope: { queue: 'q2' } });
  assert.is(q2.asa, 30);
  assert.is(q2.averageCallLength, 40);
  // Same queue twice: two stints there.
  const back = call('m2', 0).arrive().queued('q1').wait(4).answer('a1').wait(10).transferToQueue('q1')
    .queued('q1').wait(6).answer('a2').wait(10).end('agent_hangup').build();
  assert.is(kpis([back], { scope: { queue: 'q1' } }).answeredCalls, 2);
  assert.is(kpis([back], { scope: { group: ['q1'] } }).answeredCalls, 1);
});

test('an overflow counts against the first queue but is lost only where the call ended', () => {
  const j = call('o1', 0).arrive().queued('q1').wait(25).transferToQueue('q2').queued('q2').wait(10).end('abandoned').build();
  const q1 = basis([j], { scope: { queue: 'q1' } });
  assert.is(q1.offered, 1);
  assert.is(q1.transferredOut, 1);
  assert.is(q1.missed, 0);
  assert.is(kpis([j], { scope: { queue: 'q1' } }).serviceLevelV2, null); // A + Ab = 0
  const q2 = basis([j], { scope: { queue: 'q2' } });
  assert.is(q2.abandonedWithinSl, 1);
  assert.is(q2.missed, 1);
  const b = basis([j]);
  assert.is(b.abandoned, 1);
  assert.is(b.abandonedWithinSl, 0); // 35 s in queues
  assert.is(b.waitOfferedMs, 35_000);
});

test('answered if the last stint was answered', () => {
  const j = call('l1', 0).arrive().queued('q1').wait(5).answer('a1').wait(30).transferToQueue('q2')
    .queued('q2').wait(8).end('abandoned').build();
  const f = kpis([j]);
  assert.is(f.answeredCalls, 0);
  assert.is(f.missedCalls, 1);
  assert.is(kpis([j], { scope: { queue: 'q1' } }).answeredCalls, 1);
  // While it waits in q2 its outcome is open again: in the totals and the live figures only.
  const mid = kpis([j], { now: sec(40) });
  assert.is(mid.answeredCalls, 0);
  assert.is(mid.queuedCalls, 1);
  assert.is(mid.longestWaitNow, 10); // 5 s in q1 + 5 s so far in q2
  assert.is(mid.serviceLevel, null);
});

test('a direct transfer to an agent is no queue time and leaves a group that holds no agent', () => {
  const j = call('d1', 0).arrive().queued('q1').wait(10).answer('a1').wait(30).transferToAgent('a2').ring('a2')
    .wait(6).answer('a2').wait(50).end('agent_hangup').build();
  const f = kpis([j]);
  assert.is(f.answeredCalls, 1);
  assert.is(f.asa, 10);
  assert.is(f.averageCallLength, 80);
  assert.is(kpis([j], { scope: { group: ['q1'] } }).averageCallLength, 30);
});

test('an answered call counts at once; talk joins when it ends, AHT when its ACW ends', () => {
  const j = call('a', 0).arrive().queued('q1').wait(8).answer('a1').wait(100).hold().wait(20).unhold().wait(30)
    .end('agent_hangup').wait(15).acw('a1').build();
  const talking = kpis([j], { now: sec(50) });
  assert.is(talking.answeredCalls, 1);
  assert.is(talking.asa, 8);
  assert.is(talking.averageCallLength, null);
  assert.is(talking.aht, null);
  const inAcw = kpis([j], { now: sec(160) });
  assert.is(inAcw.averageCallLength, 150); // talk 130 + hold 20
  assert.is(inAcw.aht, null);
  const done = kpis([j], { now: sec(200) });
  assert.is(done.aht, 165); // 130 + 20 + 15
  assert.is(basis([j]).talkMs, 130_000);
});

test('calls in the IVR or queued count in totals and live figures, in no ratio', () => {
  const ivr = call('p1', 0).arrive().wait(60).ivrLeft().queued('q1').build();
  const atFive = kpis([ivr], { now: sec(5) });
  assert.is(atFive.totalCalls, 1);
  assert.is(atFive.ivrWaiting, 1);
  assert.is(atFive.queuedCalls, 0);
  assert.is(atFive.lostCallRate, null);
  assert.is(kpis([ivr], { now: sec(5), scope: { queue: 'q1' } }).ivrWaiting, 1); // the IVR is in front of every queue
  const queued = kpis([ivr], { now: sec(110) });
  assert.is(queued.ivrWaiting, 0);
  assert.is(queued.queuedCalls, 1);
  assert.is(queued.longestWaitNow, 50);
  assert.is(queued.awt, null);
  assert.is(queued.serviceLevel, null);
  assert.is(kpis([ivr], { now: sec(110), scope: { queue: 'q2' } }).queuedCalls, 0);
});

test('empty denominators give null, never 0 or 100', () => {
  const f = kpis([]);
  for (const k of ['lostCallRate', 'serviceLevel', 'serviceLevelV1', 'serviceLevelV2', 'serviceLevelV3', 'serviceLevelV4',
    'asa', 'awt', 'longestWaitNow', 'averageCallLength', 'aht'] as const) {
    assert.is(f[k], null, k);
  }
  assert.is(f.totalCalls, 0);
  assert.is(f.longCalls, 0);
  // Only abandons: SL V1 has no answered call to be a ratio of.
  assert.is(kpis([call('x').arrive().queued('q1').wait(30).end('abandoned').build()]).serviceLevelV1, null);
});

test('a call counts in the period in which it arrived', () => {
  const period = { from: sec(100), to: sec(200) };
  const at = (id: string, s: number) => call(id, s).arrive().queued('q1').wait(10).answer('a1').wait(500).end('agent_hangup').build();
  const js = [at('before', 99.999), at('first', 100), at('last', 199.999), at('after', 200)];
  const f = kpis(js, period);
  assert.is(f.totalCalls, 2);
  assert.is(f.averageCallLength, 500); // ended after `to`, still its period's
  assert.is(f.longCalls, 2);
});

test('long calls: ended past T_long, plus live calls already past it', () => {
  const js = [
    call('l1', 0).arrive().queued('q1').wait(5).answer('a1').wait(290).hold().wait(20).unhold().end('agent_hangup').build(),
    call('l2', 0).arrive().queued('q1').wait(5).answer('a1').wait(300).end('agent_hangup').build(), // not > 300
    call('l3', 1000).arrive().queued('q1').wait(5).answer('a1').build(), // live, 400 s at now
    call('l4', 1300).arrive().queued('q2').wait(5).answer('a2').build(), // live, 100 s at now
  ];
  assert.is(kpis(js, { now: sec(1405) }).longCalls, 2);
  assert.is(kpis(js, { now: sec(1405), settingsByQueue: { q2: { T_long: 60 } } }).longCalls, 3);
  assert.is(kpis(js, { now: sec(1405), scope: { queue: 'q2' } }).longCalls, 0);
});

test('a call refused at entry counts in that queue, unoffered', () => {
  const j = call('r1').arrive().wait(6).end('closed', 'q1').build();
  const q1 = kpis([j], { scope: { queue: 'q1' } });
  assert.is(q1.totalCalls, 1);
  assert.is(q1.missedCalls, 1);
  assert.is(q1.lostCallRate, 100);
  assert.is(q1.serviceLevel, null);
  assert.is(kpis([j], { scope: { queue: 'q2' } }).totalCalls, 0);
});

test('outbound calls are not in the dashboard figures', () => {
  const j = call('out', 0, 'outbound').arrive('+99450', 'a1').wait(10).answer('a1').wait(60).end('agent_hangup').build();
  assert.is(kpis([j]).totalCalls, 0);
});

test('agent counts at now, by queue membership', () => {
  const history = [
    agentAt('a1', 'ready', 0),
    agentAt('a2', 'paused', 0, 'lunch'),
    agentAt('a3', 'talking', 0),
    agentAt('a4', 'holding', 0),
    agentAt('a5', 'acw', 0),
    agentAt('a6', 'ringing', 0),
    agentAt('a7', 'ready', 0),
    agentAt('a7', 'logged_out', 50),
    agentAt('a8', 'ready', 20_000), // after now
    agentAt('a9', 'ready', 60),
    agentAt('a9', 'paused', 60), // same instant: the later record wins
  ];
  const f = kpis([], {}, history);
  assert.equal([f.loggedInAgents, f.talkingAgents, f.readyAgents], [7, 2, 1]);
  const membership = { q1: ['a1', 'a3', 'a7'], q2: ['a3', 'a4'] };
  const q1 = kpis([], { scope: { queue: 'q1' }, membership }, history);
  assert.equal([q1.loggedInAgents, q1.talkingAgents, q1.readyAgents], [2, 1, 1]);
  const g = kpis([], { scope: { group: ['q1', 'q2'] }, membership }, history);
  assert.equal([g.loggedInAgents, g.talkingAgents, g.readyAgents], [3, 2, 1]);
});

test('events and transitions after now are ignored (replay at any instant)', () => {
  const j = call('t1', 0).arrive().queued('q1').wait(30).end('abandoned').build();
  const early = kpis([j], { now: sec(10) });
  assert.equal([early.queuedCalls, early.missedCalls, early.longestWaitNow], [1, 0, 10]);
  const late = kpis([j], { now: sec(31) });
  assert.equal([late.queuedCalls, late.missedCalls, late.longestWaitNow], [0, 1, null]);
});

test('redelivered events count once and order follows seq', () => {
  const j = call('r', 0).arrive().queued('q1').wait(10).answer('a1').wait(10).end('agent_hangup').build();
  const shuffled: CallJourney = { ...j, events: [...j.events].reverse().concat(j.events[3]) };
  assert.equal(kpis([shuffled]), kpis([j]));
});

test.run();

/**
 * Property: whatever the traffic, the live aggregator fed event by event
 * equals `computeKpis` recomputed from scratch, at any instant, for branch,
 * queue and group scopes, and after a settings change. Journeys and agent
 * histories come from a seeded PRNG, so a failure replays from its seed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeKpiBasis, computeKpis, type QueueMembership } from './compute.ts';
import { KpiFigures } from './definitions.ts';
import { AgentTransition, CallJourney, type AgentState, type EndCause, type JourneyEvent } from './journey.ts';
import { createLiveKpis } from './live.ts';
import type { KpiSettings } from './settings.ts';
import { prng, T0 } from './test-fixtures.ts';
import type { KpiScope } from './units.ts';

type Rng = ReturnType<typeof prng>;
type Draft = { type: JourneyEvent['type']; at: number } & Record<string, unknown>;

const QUEUES = ['q1', 'q2', 'q3'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const NUMBERS = ['+1', '+2', '+3', '+4', '+5', '+6', '+7', '+8'];
/** Waits sit on and around the default thresholds (5 s, 20 s) so the boundaries are exercised. */
const WAITS_MS = [0, 1, 2_000, 4_999, 5_000, 5_001, 12_000, 19_999, 20_000, 20_001, 35_000, 90_000];
const TALKS_MS = [1_000, 30_000, 120_000, 299_999, 300_000, 300_001, 420_000];

/** A valid inbound journey starting at `t0`, built as the ACD would emit it. */
function inboundJourney(rng: Rng, callId: string, t0: number): CallJourney {
  const ev: Draft[] = [];
  let t = t0;
  const emit = (type: Draft['type'], extra: Record<string, unknown> = {}) => ev.push({ type, at: t, ...extra });
  const end = (cause: EndCause, extra: Record<string, unknown> = {}) => emit('ended', { cause, ...extra });
  emit('arrived', { number: rng.pick(NUMBERS) });
  if (rng.chance(0.04)) return finish(callId, 'inbound', ev, () => end('trunk_busy'));
  t += rng.pick([0, 0, 1_000, 3_000, 4_999, 8_000, 30_000]);
  const r = rng.next();
  if (r < 0.1) return finish(callId, 'inbound', ev, () => end('abandoned_ivr'));
  if (r < 0.13) return finish(callId, 'inbound', ev, () => end('deflected'));
  if (r < 0.17) {
    const refusal = rng.pick(['closed', 'no_agents'] as const);
    return finish(callId, 'inbound', ev, () => end(refusal, { queue: rng.pick(QUEUES) }));
  }
  emit('ivr_left');
  let queue = rng.pick(QUEUES);
  const acwDue: { agent: string; at: number }[] = [];
  for (let stint = 0; ; stint++) {
    emit('queued', { queue });
    const wait = rng.pick(WAITS_MS);
    const rings = rng.int(0, 2);
    for (let i = 0; i < rings; i++) {
      const agent = rng.pick(AGENTS);
      emit('ringing', { agent, queue });
      t += Math.floor(wait / (rings + 1));
      emit('ring_no_answer', { agent });
    }
    t += wait - rings * Math.floor(wait / (rings + 1));
    const o = rng.next();
    const last = stint >= 2;
    if (o < 0.6) {
      let agent = rng.pick(AGENTS);
      emit('answered', { agent, queue });
      for (;;) {
        t += Math.floor(rng.pick(TALKS_MS) / rng.pick([1, 2, 4]));
        if (rng.chance(0.3)) {
          emit('hold');
          t += rng.int(0, 60_000);
          if (rng.chance(0.8)) emit('unhold');
        }
        const next = rng.next();
        if (!last && next < 0.12) {
          emit('transferred', { toQueue: (queue = rng.pick(QUEUES)) });
          acwDue.push({ agent, at: t + rng.int(0, 200_000) });
          break;
        }
        if (!last && next < 0.2) {
          const to = rng.pick(AGENTS);
          emit('transferred', { toAgent: to });
          acwDue.push({ agent, at: t + rng.int(0, 200_000) });
          emit('ringing', { agent: to });
          t += rng.pick([0, 3_000, 15_000]);
          if (rng.chance(0.2)) return finish(callId, 'inbound', ev, () => end('abandoned'), acwDue);
          emit('answered', { agent: (agent = to) });
          continue;
        }
        end(rng.pick(['agent_hangup', 'caller_hangup', 'interrupted', 'transferred_out'] as const));
        if (rng.chance(0.8)) acwDue.push({ agent, at: t + rng.pick([0, 5_000, 60_000]) });
        return finish(callId, 'inbound', ev, undefined, acwDue);
      }
      continue;
    }
    if (!last && o < 0.68) {
      emit('transferred', { toQueue: (queue = rng.pick(QUEUES)) }); // overflow
      continue;
    }
    const cause = rng.pick(['abandoned', 'abandoned', 'abandoned', 'timeout', 'no_agents', 'deflected'] as const);
    return finish(callId, 'inbound', ev, () => end(cause), acwDue);
  }
}

function outboundJourney(rng: Rng, callId: string, t0: number): CallJourney {
  const agent = rng.pick(AGENTS);
  const ev: Draft[] = [{ type: 'arrived', at: t0, number: rng.pick(NUMBERS), agent }];
  let t = t0 + rng.int(1_000, 30_000);
  if (rng.chance(0.6)) {
    ev.push({ type: 'answered', at: t, agent });
    t += rng.pick(TALKS_MS);
    ev.push({ type: 'ended', at: t, cause: 'agent_hangup' });
  } else ev.push({ type: 'ended', at: t, cause: rng.pick(['no_answer', 'busy', 'failed'] as const) });
  return finish(callId, 'outbound', ev);
}

/** Emits the ending, the pending ACW ends, and numbers the events in time order (the emitter's order). */
function finish(
  callId: string,
  direction: 'inbound' | 'outbound',
  ev: Draft[],
  ending?: () => void,
  acwDue: { agent: string; at: number }[] = [],
): CallJourney {
  ending?.();
  for (const a of acwDue) ev.push({ type: 'acw_ended', agent: a.agent, at: a.at });
  const ordered = ev.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.i - y.i);
  const events = ordered.map(({ e }, i) => ({ ...e, seq: i + 1 }));
  return CallJourney.parse({ callId, direction, events });
}

function agentHistory(rng: Rng, agent: string, horizon: number): AgentTransition[] {
  const out: AgentTransition[] = [];
  let t = T0 + rng.int(0, 600_000);
  let state: AgentState = 'logged_out';
  const next: Record<AgentState, AgentState[]> = {
    logged_out: ['ready'],
    ready: ['ringing', 'ringing', 'paused', 'talking', 'logged_out'],
    paused: ['ready', 'ready', 'logged_out'],
    ringing: ['talking', 'talking', 'ready'],
    talking: ['holding', 'acw', 'acw', 'ready'],
    holding: ['talking'],
    acw: ['ready', 'paused'],
  };
  while (t < horizon) {
    state = rng.pick(next[state]);
    const reason = state === 'paused' ? rng.pick(['lunch', 'training', undefined]) : undefined;
    out.push(AgentTransition.parse({ agent, state, at: t, ...(reason ? { reason } : {}) }));
    t += rng.pick([0, 1_000, 30_000, 120_000, 600_000]); // 0: two transitions at one instant
  }
  return out;
}

type Item = { at: number; order: number } & (
  | { kind: 'call'; callId: string; direction: 'inbound' | 'outbound'; event: JourneyEvent }
  | { kind: 'agent'; t: AgentTransition }
);

const SCOPES: KpiScope[] = [
  'branch',
  { queue: 'q1' },
  { queue: 'q2' },
  { queue: 'q3' },
  { queue: 'q9' }, // a queue nobody calls
  { group: ['q1', 'q2'] },
  { group: ['q3', 'q1', 'q9'] },
];
const MEMBERSHIP: QueueMembership = { q1: ['a1', 'a2', 'a3'], q2: ['a3', 'a4'], q3: ['a5', 'a6', 'a1'] };
const RATES = ['lostCallRate', 'serviceLevel', 'serviceLevelV1', 'serviceLevelV2', 'serviceLevelV3', 'serviceLevelV4'] as const;
const SETTINGS_A: KpiSettings = {};
const SETTINGS_B: KpiSettings = {
  defaults: { slVariant: 'V2', T_short: 3 },
  settingsByQueue: { q1: { T_sl: 30, slVariant: 'V4', T_long: 120 }, q2: { T_short: 10, slVariant: 'V1' } },
};

function runSeed(seed: number): { calls: number; checks: number } {
  const rng = prng(seed);
  const horizon = T0 + 75 * 60_000;
  const journeys: CallJourney[] = [];
  for (let i = 0, t = T0; t < horizon; i++) {
    journeys.push(rng.chance(0.1) ? outboundJourney(rng, `c${i}`, t) : inboundJourney(rng, `c${i}`, t));
    t += rng.pick([0, 1_000, 5_000, 15_000, 30_000]); // 0: simultaneous arrivals
  }
  const history = AGENTS.flatMap((a) => agentHistory(rng, a, horizon));
  const items: Item[] = [];
  for (const j of journeys) {
    for (const event of j.events) {
      items.push({ at: event.at, order: items.length, kind: 'call', callId: j.callId, direction: j.direction, event });
    }
  }
  for (const t of history) items.push({ at: t.at, order: items.length, kind: 'agent', t });
  items.sort((a, b) => a.at - b.at || a.order - b.order);
  // Same-instant events of one call sometimes arrive out of seq order; the aggregator must reorder them.
  for (let i = 0; i + 1 < items.length; i++) {
    const [x, y] = [items[i], items[i + 1]];
    const sameCall = x.kind === 'call' && y.kind === 'call' && x.callId === y.callId;
    if (sameCall && x.at === y.at && rng.chance(0.5)) [items[i], items[i + 1]] = [y, x];
  }
  // The agent history as applied: computeKpis breaks same-instant ties by array order.
  const appliedHistory = items.flatMap((it) => (it.kind === 'agent' ? [it.t] : []));

  const period = { from: T0 + 15 * 60_000, to: T0 + 60 * 60_000 };
  let settings = SETTINGS_A;
  const live = createLiveKpis({ ...period, ...settings, membership: MEMBERSHIP });
  let checks = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind === 'call') {
      live.apply({ callId: it.callId, direction: it.direction, event: it.event });
      if (rng.chance(0.02)) live.apply({ callId: it.callId, direction: it.direction, event: it.event }); // redelivery
    } else live.applyAgent(it.t);
    if (i === Math.floor(items.length / 2)) {
      settings = SETTINGS_B;
      live.setSettings(settings);
    }
    const nextAt = items[i + 1]?.at ?? it.at + 1_000_000;
    if (nextAt === it.at || !rng.chance(0.06)) continue;
    // Any instant before the next event: the live state must equal a recount from scratch.
    const now = it.at + Math.floor(rng.next() * (nextAt - it.at));
    for (const scope of SCOPES) {
      const options = { scope, ...period, ...settings, now, membership: MEMBERSHIP };
      const expected = computeKpis(journeys, appliedHistory, options);
      const actual = live.snapshot(scope, now);
      assert.equal(actual, expected, `seed ${seed}, now ${now - T0} ms, scope ${JSON.stringify(scope)}`);
      assert.equal(live.basis(scope), computeKpiBasis(journeys, options));
      assert.ok(KpiFigures.safeParse(actual).success);
      for (const k of RATES) {
        const v = actual[k];
        assert.ok(v === null || (v >= 0 && v <= 100), `${k} = ${v}`);
      }
      checks++;
    }
  }
  return { calls: journeys.length, checks };
}

for (const seed of [1, 42, 2025, 77_777]) {
  test(`live snapshots equal computeKpis at random instants (seed ${seed})`, () => {
    const { calls, checks } = runSeed(seed);
    assert.ok(calls > 300, `only ${calls} calls`);
    assert.ok(checks >= 7 * 50, `only ${checks / 7} instants`);
  });
}

test('the generated traffic exercises every path', () => {
  const live = createLiveKpis({ from: T0, to: T0 + 3 * 3_600_000 });
  const rng = prng(9);
  let t = T0;
  const journeys = Array.from({ length: 400 }, (_, i) => inboundJourney(rng, `x${i}`, (t += 10_000)));
  for (const j of journeys) for (const event of j.events) live.apply({ callId: j.callId, direction: 'inbound', event });
  const b = live.basis('branch');
  assert.is(b.total, 400);
  const paths = ['answered', 'answeredWithinSl', 'abandoned', 'abandonedWithinSl', 'abandonedShort', 'short'] as const;
  for (const k of [...paths, 'deflected', 'missed', 'handledWithAcw', 'longEnded'] as const) {
    assert.ok(b[k] > 0, `no ${k} in the generated traffic`);
  }
  assert.ok(live.basis({ queue: 'q1' }).transferredOut > 0);
  assert.ok(journeys.some((j) => j.events.some((e) => e.type === 'transferred' && e.toAgent !== undefined)));
});

test('a new period forgets the ended calls of the old one', () => {
  const live = createLiveKpis({ from: T0, to: T0 + 3_600_000 });
  const rng = prng(5);
  const js = Array.from({ length: 50 }, (_, i) => inboundJourney(rng, `p${i}`, T0 + i * 1_000));
  for (const j of js) for (const event of j.events) live.apply({ callId: j.callId, direction: 'inbound', event });
  live.setPeriod({ from: T0 + 86_400_000, to: T0 + 2 * 86_400_000 });
  assert.is(live.size, 0);
  assert.is(live.snapshot('branch', T0 + 86_400_000).totalCalls, 0);
});

test.run();

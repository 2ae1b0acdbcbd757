// Traffic generator: deterministic plans, scenario validation, and a tiny scenario run
// against a minimal ACD written with the real ari-client.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { planCalls, startTraffic } from './traffic.ts';
import { loadScenario, parseScenario, ScenarioError } from './scenario.ts';
import { startHarness, type AriEvent } from './test-support.ts';

const tiny = {
  name: 'tiny',
  seed: 'tiny-1',
  maxCalls: 4,
  arrivals: { kind: 'fixed', intervalMs: 3000 },
  callers: {
    dids: ['100'],
    patience: { kind: 'fixed', ms: 300_000 },
    ivr: { delay: { kind: 'fixed', ms: 500 }, choices: [{ digits: '1' }] },
  },
  agents: {
    numbers: ['1001', '1002'],
    ringDelay: { kind: 'uniform', minMs: 200, maxMs: 800 },
    talkTime: { kind: 'fixed', ms: 1000 },
    agentHangupProbability: 0.5,
  },
};

test('the same seed plans the same calls; another seed does not', () => {
  const a = planCalls(tiny);
  assert.equal(a, planCalls(tiny));
  assert.is(a.length, 4);
  assert.equal(a.map((c) => c.atMs), [0, 3000, 6000, 9000]);
  const poisson = { ...tiny, maxCalls: 20, arrivals: { kind: 'poisson', ratePerMinute: 30 } };
  assert.equal(planCalls(poisson), planCalls(poisson));
  assert.not.equal(planCalls(poisson), planCalls({ ...poisson, seed: 'other' }));
});

test('scenario errors name the field', () => {
  const bad = (patch: (s: any) => void): string => {
    const s = structuredClone(tiny) as any;
    patch(s);
    try {
      parseScenario(s);
    } catch (err) {
      assert.instance(err, ScenarioError);
      return (err as Error).message;
    }
    throw new Error('expected a ScenarioError');
  };
  assert.match(bad((s) => (s.arrivals.kind = 'bursty')), 'scenario.arrivals.kind');
  assert.match(bad((s) => (s.callers.patience = { kind: 'exponential', meanMs: -1 })), 'scenario.callers.patience.meanMs');
  assert.match(bad((s) => (s.callers.ivr.choices[0].digits = 'x')), 'scenario.callers.ivr.choices[0].digits');
  assert.match(bad((s) => delete s.agents.numbers), 'scenario.agents');
  assert.match(bad((s) => (s.agents.noAnswerProbability = 2)), 'scenario.agents.noAnswerProbability');
  assert.match(bad((s) => delete s.maxCalls), 'durationMs or maxCalls');
});

test('the demo scenario file is valid', () => {
  const s = loadScenario(fileURLToPath(new URL('./scenarios/demo.json', import.meta.url)));
  assert.is(s.agents.numbers.length, 6);
  assert.ok(planCalls(s).length > 50);
});

test('a tiny scenario produces the planned inbound calls and completes them', async () => {
  const h = await startHarness('edgecall');
  const { client } = h;
  // A minimal ACD: answer, wait for the IVR digit, ring the next agent, bridge, clean up.
  const agents = ['1001', '1002'];
  let next = 0;
  const partner = new Map<string, string>();
  const bridges = new Map<string, string>();
  const inbound: AriEvent[] = [];
  client.on('StasisStart', (e) => {
    void (async () => {
      const args = e.args ?? [];
      if (args[0] === 'inbound') {
        inbound.push(e);
        await client.channels.answer({ channelId: e.channel.id });
      } else if (args[0] === 'agent') {
        const callerId = args[1];
        const bridge = await client.bridges.create({ type: 'mixing' });
        bridges.set(callerId, bridge.id);
        partner.set(callerId, e.channel.id);
        partner.set(e.channel.id, callerId);
        await client.bridges.addChannel({ bridgeId: bridge.id, channel: `${callerId},${e.channel.id}` });
      }
    })().catch(() => {});
  });
  client.on('ChannelDtmfReceived', (e) => {
    const number = agents[next++ % agents.length];
    void client.channels.originate({ endpoint: `PJSIP/${number}`, app: 'edgecall', appArgs: `agent,${e.channel.id}`, callerId: 'Queue <100>' }).catch(() => {});
  });
  client.on('StasisEnd', (e) => {
    const other = partner.get(e.channel.id);
    if (other) void client.channels.hangup({ channelId: other }).catch(() => {});
    const bridgeId = bridges.get(e.channel.id) ?? bridges.get(other ?? '');
    if (bridgeId) void client.bridges.destroy({ bridgeId }).catch(() => {});
  });
  try {
    const run = startTraffic(h.sim.control, tiny);
    const stats = await run.done;
    assert.is(inbound.length, 4);
    assert.equal(inbound.map((e) => e.args[1]), ['100', '100', '100', '100']);
    assert.is(stats.started, 4);
    assert.is(stats.connected, 4);
    assert.is(stats.completed, 4, JSON.stringify(stats));
    assert.is(stats.abandoned, 0);
    assert.is(stats.agentRings, 4);
    assert.equal(new Set(inbound.map((e) => e.channel.caller.number)), new Set(run.plan.map((p) => p.callerNumber)));
  } finally {
    await h.stop();
  }
});

test.run();

/**
 * Targets (issue 4): stored and audited like alert rules; progress per queue
 * and per agent for the current day/week/month, from the stored journeys and
 * agent history; each queue's status in its live KPI snapshot. The expected
 * figures are worked out here from GET /api/v1/calls with the KPIS.md
 * formulas, not with the contracts' engine.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { http, login } from './support/appliance.ts';
import { connectLive } from './support/mqtt.ts';
import { startAcdHarness, waitFor } from './support/acd-harness.ts';

interface Ev {
  type: string;
  at: number;
  agent?: string;
  queue?: string;
  cause?: string;
}
interface Call {
  id: string;
  direction: 'inbound' | 'outbound';
  events: Ev[];
}

const T_SL = 20_000;
const T_SHORT = 5_000;
const pct = (num: number, den: number) => (den > 0 ? Math.round((num * 10000) / den) / 100 : null);
const meanS = (sumMs: number, n: number) => (n > 0 ? Math.round(sumMs / n) / 1000 : null);

/** KPIS.md for one queue, for single-stint calls (all this test makes). */
function queueFigures(calls: Call[], queue: string) {
  let offered = 0, answered = 0, withinSl = 0, abShort = 0, missed = 0, waitAnsweredMs = 0;
  for (const c of calls) {
    if (c.direction !== 'inbound') continue;
    const ev = (t: string) => c.events.find((e) => e.type === t);
    const q = ev('queued');
    if (q?.queue !== queue) continue;
    offered++;
    const a = ev('answered');
    const end = ev('ended')!;
    if (a) {
      answered++;
      waitAnsweredMs += a.at - q.at;
      if (a.at - q.at <= T_SL) withinSl++;
      continue;
    }
    if (end.cause === 'abandoned' && end.at - q.at < T_SHORT) abShort++;
    const short = end.at - ev('arrived')!.at < T_SHORT;
    if (!short && end.cause !== 'deflected') missed++;
  }
  return { serviceLevel: pct(withinSl, offered - abShort), asa: meanS(waitAnsweredMs, answered), lostCallRate: pct(missed, answered + missed) };
}

function levelStatus(value: number | null, target: number, kind: 'min' | 'max') {
  if (value === null) return null;
  const m = target * 0.1;
  if (kind === 'min') return value >= target ? 'ok' : value >= target - m ? 'warn' : 'breach';
  return value <= target ? 'ok' : value <= target + m ? 'warn' : 'breach';
}
const pace = (achieved: number, target: number, elapsed: number) => (achieved >= target ? 'done' : achieved >= target * elapsed ? 'on_pace' : 'behind');

test('targets: stored and audited, progress per queue and agent, live status on the queue KPI topic', async () => {
  const h = await startAcdHarness();
  const customer = h.sim.control.registerPhone('5551234', { behaviour: { kind: 'answer', afterMs: 300 }, afterAnswerApps: [['Wait', '36000']] });
  try {
    const chief = await login(h.url, 'chief', 'chief-password');
    const live = await connectLive(h.url, 'chief', chief.mqttToken);
    const kpiTopic = `ec/v1/${chief.site}/kpi/q/support`;
    const kpiMessages: any[] = [];
    live.on('message', (t, payload) => t === kpiTopic && payload.length && kpiMessages.push(JSON.parse(payload.toString())));
    await live.subscribeAsync(kpiTopic);

    // Bad targets are refused with the schema's error; none are set at first.
    const bad = await http(h.url, 'PUT', '/api/v1/settings/targets', { cookie: h.admin.cookie, body: { queues: [{ queue: 'support', serviceLevel: 150 }] } });
    assert.is(bad.status, 400);
    assert.is(bad.body.error.id, 'validation_failed');
    assert.equal((await http(h.url, 'GET', '/api/v1/settings/targets', { cookie: h.admin.cookie })).body, { warnMarginPercent: 10, queues: [], agents: [] });

    // c1: answered by 201 in support. c2: waits while 201 is paused and times out (a missed call).
    const s201 = await h.ready('201');
    const c1 = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110101' });
    await h.waitCall(c1.channelId, (c) => c.stage === 'talking');
    await new Promise((r) => setTimeout(r, 800));
    c1.hangup();
    await h.waitCall(c1.channelId, (c) => c.events.some((e: Ev) => e.type === 'acw_ended'));
    await waitFor(async () => (await http(h.url, 'GET', '/api/v1/agent/me', { cookie: s201.cookie })).body.state === 'ready');
    assert.is((await http(h.url, 'POST', '/api/v1/agent/pause', { cookie: s201.cookie, body: { reason: 'lunch' } })).status, 200);
    const c2 = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110102' });
    const ended2 = await h.waitCall(c2.channelId, (c) => c.stage === 'ended', 15_000);
    assert.is(ended2.cause, 'timeout');
    // o1: 202 calls a customer.
    const s202 = await h.ready('202');
    const dial = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: s202.cookie, body: { number: '5551234' } });
    assert.is(dial.status, 200, JSON.stringify(dial.body));
    await h.waitCall(dial.body.callId, (c) => c.stage === 'talking');
    customer.hangup();
    await h.waitCall(dial.body.callId, (c) => c.events.some((e: Ev) => e.type === 'acw_ended'));

    // The figures, worked out from the CDR.
    const calls: Call[] = (await http(h.url, 'GET', '/api/v1/calls?limit=100', { cookie: h.admin.cookie })).body.items;
    assert.is(calls.length, 3);
    const f = queueFigures(calls, 'support');
    assert.is(f.serviceLevel, 50); // 1 answered within T_sl of 2 offered
    assert.is(f.lostCallRate, 50); // 1 missed of 1 answered + 1 missed
    assert.ok(f.asa! > 0, `asa ${f.asa}`);
    const inbound201 = calls.filter((c) => c.direction === 'inbound' && c.events.some((e) => e.type === 'answered' && e.agent === '201')).length;
    const outbound202 = calls.filter((c) => c.direction === 'outbound' && c.events[0].agent === '202').length;
    const c1Call = calls.find((c) => c.id === c1.channelId)!;
    const talk201 = (c1Call.events.find((e) => e.type === 'ended')!.at - c1Call.events.find((e) => e.type === 'answered')!.at) / 1000;

    // Targets chosen around those figures so each status shows: SL just missed (warn), ASA far over (breach), LCR met.
    const targets = {
      warnMarginPercent: 10,
      queues: [{ queue: 'support', serviceLevel: f.serviceLevel! + 1, asa: f.asa! / 2, lostCallRate: f.lostCallRate!, longestWait: 60 }],
      agents: [
        { agent: '*', period: 'day', incomingCalls: 1000, outgoingCalls: 2, scheduledCallbacks: 2, evaluationScore: 80 },
        { agent: '201', period: 'day', incomingCalls: 1, talkTimeSeconds: 100_000 },
      ],
    };
    const put = await http(h.url, 'PUT', '/api/v1/settings/targets', { cookie: h.admin.cookie, body: targets });
    assert.is(put.status, 200, JSON.stringify(put.body));
    assert.equal((await http(h.url, 'GET', '/api/v1/settings/targets', { cookie: h.admin.cookie })).body, targets);
    const audit = await http(h.url, 'GET', '/api/v1/audit?action=settings.targets', { cookie: h.admin.cookie });
    assert.is(audit.body.items.length, 1);
    assert.equal(audit.body.items[0].after, targets);

    const res = await http(h.url, 'GET', '/api/v1/targets/progress?period=day', { cookie: chief.cookie });
    assert.is(res.status, 200, JSON.stringify(res.body));
    const p = res.body;
    assert.is(p.period, 'day');
    const support = p.queues.find((q: any) => q.queue === 'support');
    assert.equal(support.checks.serviceLevel, { figure: 'serviceLevel', kind: 'min', target: f.serviceLevel! + 1, value: f.serviceLevel, status: 'warn' });
    assert.equal(support.checks.asa, { figure: 'asa', kind: 'max', target: f.asa! / 2, value: f.asa, status: 'breach' });
    assert.equal(support.checks.lostCallRate, { figure: 'lostCallRate', kind: 'max', target: f.lostCallRate, value: f.lostCallRate, status: 'ok' });
    // Nobody waits now: the longest wait is "—" and has no status.
    assert.equal(support.checks.longestWait, { figure: 'longestWaitNow', kind: 'max', target: 60, value: null, status: null });
    assert.is(support.status, 'breach');
    for (const [k, v] of Object.entries(f)) assert.is(levelStatus(v, support.checks[k].target, support.checks[k].kind), support.checks[k].status, k);
    assert.equal(p.queues.find((q: any) => q.queue === 'sales'), { queue: 'sales', status: null, checks: {} });

    const a201 = p.agents.find((a: any) => a.agent === '201');
    assert.is(a201.source, 'agent');
    assert.equal(a201.checks.incomingCalls, { target: 1, achieved: inbound201, ratio: 1, expected: Math.round(p.elapsed * 100) / 100, status: 'done' });
    assert.ok(Math.abs(a201.checks.talkTimeSeconds.achieved - talk201) < 0.2, `talk ${a201.checks.talkTimeSeconds.achieved} vs ${talk201}`);
    assert.is(a201.checks.talkTimeSeconds.status, pace(a201.checks.talkTimeSeconds.achieved, 100_000, p.elapsed));
    const a202 = p.agents.find((a: any) => a.agent === '202');
    assert.is(a202.source, 'default');
    assert.is(a202.checks.incomingCalls.achieved, 0);
    assert.is(a202.checks.outgoingCalls.achieved, outbound202);
    assert.is(a202.checks.outgoingCalls.ratio, 0.5);
    assert.is(a202.checks.outgoingCalls.status, pace(outbound202, 2, p.elapsed));
    // Evaluations do not exist yet; scheduled callbacks only once the callback list's table is there.
    assert.equal(a202.checks.evaluationScore, { target: 80, achieved: null, ratio: null, expected: null, status: null });
    const cb = a202.checks.scheduledCallbacks;
    assert.ok(cb.achieved === null ? cb.status === null : cb.achieved === 0 && cb.status === pace(0, 2, p.elapsed));

    // The period is the branch's day (UTC+4 by default), and `elapsed` its share gone.
    const [from, to, now] = [Date.parse(p.from), Date.parse(p.to), Date.parse(p.now)];
    assert.is(to - from, 86_400_000);
    assert.is(new Date(from + 240 * 60_000).getUTCHours(), 0);
    assert.ok(Math.abs(p.elapsed - (now - from) / 86_400_000) < 1e-4);
    // A week starts on the branch's Monday; the day's agent targets do not apply to it.
    const week = (await http(h.url, 'GET', '/api/v1/targets/progress?period=week', { cookie: chief.cookie })).body;
    assert.is(Date.parse(week.to) - Date.parse(week.from), 7 * 86_400_000);
    assert.is(new Date(Date.parse(week.from) + 240 * 60_000).getUTCDay(), 1);
    assert.equal(week.queues.find((q: any) => q.queue === 'support').checks.serviceLevel.value, f.serviceLevel);
    assert.is(week.agents.find((a: any) => a.agent === '201').source, null);
    assert.is((await http(h.url, 'GET', '/api/v1/targets/progress?period=year', { cookie: chief.cookie })).status, 400);

    // The live snapshot of the queue now carries the same status, next to its unchanged fields.
    const msg = await waitFor(async () => kpiMessages.findLast((m) => m.data.targets?.checks?.serviceLevel?.target === f.serviceLevel! + 1), 5000, 'kpi snapshot with targets');
    assert.ok(msg.data.period.from && msg.data.figures.totalCalls === 2);
    assert.is(msg.data.targets.status, 'breach');
    for (const k of ['serviceLevel', 'asa', 'lostCallRate', 'longestWait']) assert.equal(msg.data.targets.checks[k], support.checks[k], k);
    live.end(true);
  } finally {
    await h.close();
  }
});

test.run();

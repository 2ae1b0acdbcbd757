import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

/**
 * Issue 4, the flash panel's interventions end to end: a forced pause from
 * the board lands on every screen and in the appliance; a barge from the
 * board reaches the (in-process) simulator as a snoop on the agent's
 * channel of that call, seen through the demo-mode PBX snapshot.
 */
const test = suite('supervision: interventions from the board');
// Only the calls this file places; agent 101 (the human demo agent) takes them.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

const SUPERVISOR_PHONE = '5550300';
const CALLER = '+994502223344';
const BOARD = 'ec-supervisor-panel ec-agent-board';

interface PbxChannel {
  id: string;
  sim: { snoopOf?: string };
}
interface Pbx {
  channels: PbxChannel[];
  bridges: { id: string; channels: string[] }[];
  phones: { number: string; channelId?: string }[];
  snoops: { snoopId: string; channelId: string; spy: string; whisper: string }[];
}

let admin: APIRequestContext;
let sup: Page;
let op: Page;
let problems: string[][] = [];

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function open(path: string, username: string, password: string): Promise<Page> {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  problems.push(watchPage(page).problems);
  await page.goto('/');
  await login(page, username, password);
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await page.goto(path);
  return page;
}

const boardRow = (agent: string, state: string) => sup.waitForSelector(`${BOARD} tr[data-agent="${agent}"][data-state="${state}"]`);
const opBadge = (state: string) => op.waitForSelector(`ec-operator-panel ec-agent-state-badge[state="${state}"]`);
const agentsApi = async () => (await ok<{ items: { agent: string; state: string; reason?: string | null }[] }>(await admin.get('/api/v1/agents'), 'agents')).items;

let setup: Promise<void> | null = null;
test.before.each(() => (setup ??= (async () => {
  admin = await request.newContext({ baseURL: env.appliance.url });
  await ok(await admin.post('/api/v1/auth/login', { data: { username: 'admin', password: 'admin-demo' } }), 'admin login');
  // The simulated agents step away: their phones do not exist without demo traffic.
  for (const a of ['102', '103', '104']) await ok(await admin.post(`/api/v1/supervisor/agents/${a}/pause`, { data: { reason: 'break' } }), `pause ${a}`);
  sup = await open('/supervisor', 'supervisor', 'supervisor-demo');
  op = await open('/operator', 'operator', 'operator-demo');
  await op.click('ec-operator-panel button[data-action="agent-login"]');
  await opBadge('paused');
  await op.click('ec-operator-panel button[data-action="agent-ready"]');
  await boardRow('101', 'ready');
})()));

test('a forced pause from the board changes the agent everywhere: board, operator panel, appliance', async () => {
  await sup.click(`${BOARD} tr[data-agent="101"] button[data-action="pause"]`);
  await sup.selectOption('ec-supervisor-panel ec-intervention-confirm select[name="reason"]', 'lunch');
  await sup.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  await boardRow('101', 'paused');
  await opBadge('paused');
  assert.is((await op.textContent('ec-operator-panel ec-agent-state-badge [data-field="reason"]'))?.trim(), 'Nahar');
  const a101 = (await agentsApi()).find((a) => a.agent === '101');
  assert.is(a101?.state, 'paused');
  assert.is(a101?.reason, 'lunch');

  // And back: forced ready lands on all three as well.
  await sup.click(`${BOARD} tr[data-agent="101"] button[data-action="ready"]`);
  await sup.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  await boardRow('101', 'ready');
  await opBadge('ready');
  assert.is((await agentsApi()).find((a) => a.agent === '101')?.state, 'ready');
});

test("a barge from the board snoops the agent's channel of that call, speaking to both sides", async () => {
  // The supervisor's handset joins the simulator as a demo caller does (it answers when rung); it hangs up before the menu ends.
  await ok(await admin.post('/api/v1/demo/calls', { data: { number: SUPERVISOR_PHONE, hangupAfterSeconds: 1 } }), 'supervisor phone');
  await ok(await admin.post('/api/v1/demo/calls', { data: { number: CALLER, digits: '1' } }), 'caller');
  await boardRow('101', 'talking');
  const live = await until('the call on 101', async () => {
    const calls = await ok<{ items: { id: string; agent: string | null; number: string; stage: string }[] }>(await admin.get('/api/v1/calls/live'), 'live calls');
    return calls.items.find((c) => c.agent === '101' && c.number === CALLER && c.stage === 'talking');
  });

  await sup.click(`${BOARD} tr[data-agent="101"] button[data-action="barge"]`);
  assert.match((await sup.textContent('ec-supervisor-panel ec-intervention-confirm [data-field="question"]')) ?? '', new RegExp(CALLER.replace('+', '\\+')));
  await sup.fill('ec-supervisor-panel ec-intervention-confirm input[name="phone"]', SUPERVISOR_PHONE);
  await sup.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  await sup.waitForSelector('ec-supervisor-panel [data-field="monitor"]');

  // The appliance holds a barge session on that very call…
  const monitoring = await ok<{ monitoring: { id: string; callId: string; mode: string }[] }>(await admin.get('/api/v1/calls/live'), 'live calls');
  assert.equal(monitoring.monitoring.map((m) => [m.callId, m.mode]), [[live.id, 'barge']]);
  // …and the PBX got a snoop on the agent's leg of it (once the supervisor's phone answered).
  const { pbx, snoop } = await until('the snoop channel', async () => {
    const pbx = await ok<Pbx>(await admin.get('/api/v1/demo/pbx'), 'pbx');
    const snoop = pbx.channels.find((c) => c.sim.snoopOf);
    return snoop ? { pbx, snoop } : null;
  });
  const callBridge = pbx.bridges.find((b) => b.id === `mix-${live.id}`);
  assert.ok(callBridge, 'the call is bridged');
  const agentLeg = pbx.phones.find((p) => p.number === '101')?.channelId;
  assert.ok(agentLeg && callBridge.channels.includes(agentLeg), "101's handset is in the call");
  assert.is(snoop.sim.snoopOf, agentLeg, "the snoop spies on the agent's channel of the barged call");
  assert.ok(callBridge.channels.includes(live.id), 'the caller is the other side of that call');
  const asked = pbx.snoops.find((s) => s.snoopId === snoop.id);
  assert.equal({ spy: asked?.spy, whisper: asked?.whisper }, { spy: 'both', whisper: 'both' }, 'barge: the supervisor hears and is heard by both');
  assert.not.ok(callBridge.channels.some((id) => id.startsWith('sup-')), "the supervisor's phone is not in the call's own bridge");

  // Stopping from the panel ends the snoop; the call goes on.
  await sup.click('ec-supervisor-panel button[data-action="stop-monitor"]');
  await sup.waitForSelector('ec-supervisor-panel [data-field="monitor"]', { state: 'detached' });
  await until('the snoop to end', async () => !(await ok<Pbx>(await admin.get('/api/v1/demo/pbx'), 'pbx')).channels.some((c) => c.sim.snoopOf));
  await boardRow('101', 'talking');
  await op.request.post('/api/v1/agent/hangup');
  await boardRow('101', 'acw');
});

test('a waiting call is ended from its queue card, and the journey says a supervisor ended it', async () => {
  // Nobody is ready in sales, so the caller waits.
  await until('101 paused', async () => (await admin.post('/api/v1/supervisor/agents/101/pause', { data: { reason: 'break' } })).ok());
  await boardRow('101', 'paused');
  const caller = '+994502229988';
  await ok(await admin.post('/api/v1/demo/calls', { data: { number: caller, digits: '1' } }), 'caller');
  const waiting = await until('the waiting call', async () => {
    const calls = await ok<{ items: { id: string; number: string; stage: string }[] }>(await admin.get('/api/v1/calls/live'), 'live calls');
    return calls.items.find((c) => c.number === caller && c.stage === 'queued');
  });
  const row = `ec-supervisor-panel ec-queue-board tr[data-call-id="${waiting.id}"]`;
  await sup.waitForSelector(row);
  // With nobody ready there is no one to give it to.
  assert.ok(await sup.isDisabled(`${row} button[data-action="give"]`));
  await sup.click(`${row} button[data-action="hangup"]`);
  assert.match((await sup.textContent('ec-supervisor-panel ec-intervention-confirm [data-field="question"]')) ?? '', /\+994502229988/);
  await sup.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  await sup.waitForSelector(row, { state: 'detached' });
  const done = await until('the ended journey', async () => {
    const j = await ok<{ stage: string; cause: string | null }>(await admin.get(`/api/v1/calls/${encodeURIComponent(waiting.id)}`), 'journey');
    return j.stage === 'ended' ? j : null;
  });
  assert.is(done.cause, 'interrupted');
  const audit = await ok<{ items: { action: string; targetId: string }[] }>(await admin.get('/api/v1/audit?limit=10'), 'audit');
  assert.ok(audit.items.some((e) => e.action === 'supervisor.hangup' && e.targetId === waiting.id));
});

test('nothing went wrong on either screen', () => {
  for (const p of problems) assert.equal(p, []);
});

test.after(async () => {
  await admin?.dispose();
});

test.run();

/**
 * Crashes and outages: kill -9 of the appliance mid-call, and the ARI link
 * down for 60 s under traffic. Afterwards every journey is complete, nothing
 * is duplicated, and calls that vanished meanwhile are closed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAriSimulator } from '@edgecall/asterisk-image/sim';
import { http, login } from '../support/appliance.ts';
import { runCli, spawnAppliance } from '../support/process.ts';
import { FAST_SETTINGS, startAcdHarness, types, waitFor } from '../support/acd-harness.ts';

const seqsUnique = (c: { events: { seq: number }[] }) => new Set(c.events.map((e) => e.seq)).size === c.events.length;

test('kill -9 mid-call: the live call is adopted, the vanished one closed, nothing lost or doubled', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-kill-'));
  // Real time: the recorded customer stays on the line 120 s, longer than the restart takes.
  const sim = await startAriSimulator({ dataDir: join(dir, 'pbx'), timeScale: 1, username: 'edgecall', password: 'sim-secret', sounds: { 'ivr-main': 3000 } });
  sim.control.registerPhone('201', { behaviour: { kind: 'answer', afterMs: 200 }, afterAnswerApps: [['Wait', '36000']] });
  const env = { EDGECALL_DATA: join(dir, 'data'), EDGECALL_DEMO: '0', ASTERISK_ARI_URL: sim.url, ASTERISK_ARI_USER: 'edgecall', ASTERISK_ARI_PASSWORD: 'sim-secret' };
  try {
    assert.is((await runCli('appliance/src/cli/create-admin.ts', ['--username', 'boss'], { ...env, EDGECALL_ADMIN_PASSWORD: 'boss-password' })).code, 0);
    let app = await spawnAppliance(env);
    let boss = await login(app.url, 'boss', 'boss-password');
    await http(app.url, 'POST', '/api/v1/users', { cookie: boss.cookie, body: { username: 'agent201', displayName: 'A', password: 'agent-password', profile: 'operator', agentNumber: '201', groups: ['sales', 'support'] } });
    assert.is((await http(app.url, 'PUT', '/api/v1/settings/acd', { cookie: boss.cookie, body: FAST_SETTINGS })).status, 200);
    await waitFor(async () => (await http(app.url, 'GET', '/healthz')).body.checks.pbx === 'ok');
    const agent = await login(app.url, 'agent201', 'agent-password');
    await http(app.url, 'POST', '/api/v1/agent/login', { cookie: agent.cookie, body: {} });
    await http(app.url, 'POST', '/api/v1/agent/ready', { cookie: agent.cookie });
    const get = async (id: string) => (await http(app.url, 'GET', `/api/v1/calls/${id}`, { cookie: boss.cookie })).body;

    const talking = sim.control.inboundCall({ did: '2000', callerNumber: '+994501110020' });
    await waitFor(async () => (await get(talking.channelId)).stage === 'talking');
    const waiting = sim.control.inboundCall({ did: '2000', callerNumber: '+994501110021' });
    await waitFor(async () => (await get(waiting.channelId)).stage === 'queued');
    const before = await get(talking.channelId);

    app.child.kill('SIGKILL');
    await app.exited;
    waiting.hangup(); // gone while nobody was watching

    app = await spawnAppliance(env);
    boss = await login(app.url, 'boss', 'boss-password');
    const closed = await waitFor(async () => {
      const c = await get(waiting.channelId);
      return c.stage === 'ended' ? c : null;
    });
    assert.is(closed.cause, 'interrupted');
    assert.equal(types(closed), ['arrived', 'ivr_left', 'queued', 'ended']);
    const adopted = await get(talking.channelId);
    assert.is(adopted.stage, 'talking', JSON.stringify(sim.control.history('rest').filter((e: any) => e.method !== 'GET').slice(-12).map((e: any) => `${e.method} ${e.path} ${e.status}`)));
    assert.equal(adopted.events, before.events, 'nothing lost, nothing added by the restart');
    const agents = (await http(app.url, 'GET', '/api/v1/agents', { cookie: boss.cookie })).body.items;
    assert.is(agents.find((a: { agent: string }) => a.agent === '201').state, 'talking');

    talking.hangup();
    const done = await waitFor(async () => {
      const c = await get(talking.channelId);
      return c.events.some((e: { type: string }) => e.type === 'acw_ended') ? c : null;
    });
    assert.equal(types(done), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'ended', 'acw_ended']);
    assert.is(done.cause, 'caller_hangup');
    assert.ok(seqsUnique(done));
    app.child.kill('SIGTERM');
    await app.exited;
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the ARI link down for 60 s under traffic: journeys are correct afterwards', async () => {
  const h = await startAcdHarness({ timeScale: 1 });
  try {
    await h.ready('201');
    await h.ready('202');
    const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
    settings.queues[0].maxWaitSeconds = 600;
    await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie: h.admin.cookie, body: settings });
    // Two calls talking, one waiting (both agents busy).
    const a = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110030' });
    await h.waitCall(a.channelId, (c) => c.stage === 'talking');
    const b = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110031' });
    await h.waitCall(b.channelId, (c) => c.stage === 'talking');
    const c = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110032' });
    await h.waitCall(c.channelId, (x) => x.stage === 'queued');

    const down = h.sim.control.refuseConnections(Number(process.env.EC_LINK_DOWN_MS ?? 60_000));
    await waitFor(async () => (await http(h.url, 'GET', '/healthz')).body.checks.pbx !== 'ok');
    a.hangup(); // the caller leaves a talking call during the outage
    const lost = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501110033' }); // never reaches the app
    await down;
    await waitFor(async () => (await http(h.url, 'GET', '/healthz')).body.checks.pbx === 'ok', 30_000, 'ARI back');

    const endedA = await h.waitCall(a.channelId, (x) => x.stage === 'ended');
    assert.is(endedA.cause, 'interrupted');
    assert.equal(types(endedA).slice(0, 6), ['arrived', 'ivr_left', 'queued', 'ringing', 'answered', 'ended']);
    // B kept talking through the outage; C gets the agent A freed.
    assert.is((await h.call(b.channelId)).stage, 'talking');
    const cTalking = await h.waitCall(c.channelId, (x) => x.stage === 'talking', 15_000);
    assert.ok(['201', '202'].includes(cTalking.agent));
    assert.is(await h.call(lost.channelId), null, 'a call that arrived during the outage never entered the app');
    b.hangup();
    c.hangup();
    for (const id of [b.channelId, c.channelId]) {
      const done = await h.waitCall(id, (x) => x.stage === 'ended');
      assert.is(done.cause, 'caller_hangup');
      assert.ok(seqsUnique(done));
    }
  } finally {
    await h.close();
  }
});

test.run();

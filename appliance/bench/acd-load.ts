/**
 * `npm run bench` (ACD part): drives the simulator at 60, 120 and 240
 * concurrent calls against the appliance running as its own process, and
 * reports journey events (ACD decisions) per second, event-to-journey
 * latency p50/p99 (from the PBX event's timestamp to the committed row), and
 * the appliance process's CPU and peak RSS. Prints a Markdown table.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAriSimulator } from '@edgecall/asterisk-image/sim';
import { runCli, spawnAppliance } from '../test/support/process.ts';
import { http, login } from '../test/support/appliance.ts';
/** Polls slowly: the bench must not load the appliance with its own /metrics requests. */
async function waitFor<T>(fn: () => Promise<T | false | null | undefined>, ms: number, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const CLK_TCK = 100;
export function procStats(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuTicks = Number(stat[11]) + Number(stat[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return { cpuMs: (cpuTicks * 1000) / CLK_TCK, rssKb };
}

export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  return line ? Number(line.split(' ').pop()) : NaN;
}

export async function runAcdLoad(concurrent: number) {
  const dir = mkdtempSync(join(tmpdir(), 'ec-bench-'));
  const sim = await startAriSimulator({ dataDir: join(dir, 'pbx'), timeScale: 1, username: 'edgecall', password: 'bench', recordingAudio: 'silence' });
  const agents = Math.ceil(concurrent / 2);
  const numbers = Array.from({ length: agents }, (_, i) => String(3000 + i));
  for (const n of numbers) sim.control.registerPhone(n, { behaviour: { kind: 'answer', afterMs: 300 }, afterAnswerApps: [['Wait', '3600']] });
  const env = { EDGECALL_DATA: join(dir, 'data'), EDGECALL_DEMO: '0', LOG_LEVEL: 'error', ASTERISK_ARI_URL: sim.url, ASTERISK_ARI_USER: 'edgecall', ASTERISK_ARI_PASSWORD: 'bench' };
  await runCli('appliance/src/cli/create-admin.ts', ['--username', 'boss'], { ...env, EDGECALL_ADMIN_PASSWORD: 'boss-password' });
  const app = await spawnAppliance(env);
  try {
    const boss = await login(app.url, 'boss', 'boss-password');
    await http(app.url, 'PUT', '/api/v1/settings/acd', {
      cookie: boss.cookie,
      body: {
        queues: [{ id: 'load', name: 'Load', strategy: 'longest_idle', ringTimeoutSeconds: 10, wrapUpSeconds: 0, maxWaitSeconds: 3600, noAgentsAction: 'wait' }],
        entries: [{ did: '*', queue: 'load' }],
      },
    });
    for (const n of numbers) {
      await http(app.url, 'POST', '/api/v1/users', { cookie: boss.cookie, body: { username: `a${n}`, displayName: n, password: 'bench-password', profile: 'operator', agentNumber: n, groups: ['load'] } });
      const s = await login(app.url, `a${n}`, 'bench-password');
      await http(app.url, 'POST', '/api/v1/agent/login', { cookie: s.cookie, body: {} });
      await http(app.url, 'POST', '/api/v1/agent/ready', { cookie: s.cookie });
    }
    await waitFor(async () => (await http(app.url, 'GET', '/healthz')).body.checks.pbx === 'ok', 20_000);
    const pid = app.child.pid!;
    const events0 = (await metric(app.url, 'edgecall_journey_events_total')) || 0;
    const cpu0 = procStats(pid).cpuMs;
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStats(pid).rssKb)), 100);
    const t0 = Date.now();
    // Arrivals over two seconds, then everyone hangs up at once: two bursts of decisions.
    const calls = [];
    for (let i = 0; i < concurrent; i++) {
      calls.push(sim.control.inboundCall({ did: '1000', callerNumber: `55${String(i).padStart(6, '0')}` }));
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 2000 / (concurrent / 20)));
    }
    const expected = concurrent * 3 + agents * 2; // arrived, ivr_left, queued for all; ringing, answered for the served
    await waitFor(async () => (await metric(app.url, 'edgecall_journey_events_total')) - events0 >= expected, 120_000, 'calls settled');
    for (const c of calls) c.hangup();
    const total = expected + concurrent + agents; // + ended for all, acw_ended for the answered
    await waitFor(async () => (await metric(app.url, 'edgecall_journey_events_total')) - events0 >= total, 120_000, 'calls ended');
    const elapsed = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    const events = (await metric(app.url, 'edgecall_journey_events_total')) - events0;
    const cpu = procStats(pid).cpuMs - cpu0;
    return {
      concurrent,
      agents,
      events,
      decisionsPerSecond: events / elapsed,
      p50: await metric(app.url, 'edgecall_journey_latency_ms{quantile="0.5"}'),
      p99: await metric(app.url, 'edgecall_journey_latency_ms{quantile="0.99"}'),
      cpuPercent: (cpu / (elapsed * 1000)) * 100,
      peakRssMb: peakRss / 1024,
      seconds: elapsed,
    };
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const levels = (process.env.BENCH_LEVELS ?? '60,120,240').split(',').map(Number);
  const rows = [];
  for (const n of levels) {
    const r = await runAcdLoad(n);
    rows.push(r);
    console.error(JSON.stringify(r));
  }
  console.log('| concurrent calls | agents | journey events | decisions/s | event→journey p50 ms | p99 ms | appliance CPU % | peak RSS MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.concurrent} | ${r.agents} | ${r.events} | ${r.decisionsPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.cpuPercent.toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`);
  }
}

/**
 * `npm run bench -- mqtt` (issue 4): live state to many clients.
 *
 * 1. End to end. The appliance runs as its own process (demo off) on the ARI
 *    simulator (timeScale 1, in this process); 500 mqtt.js clients over
 *    WebSocket, logged in as supervisors, subscribe to what a supervisor's
 *    board subscribes to; calls arrive at a steady rate (~100 journey events/s)
 *    and are answered by ready agents. Measured at each client:
 *    - queue: from the simulator's emission of the caller's StasisStart to the
 *      first `queue/<q>/state` that lists the call;
 *    - KPI: from the same StasisStart to the first `kpi/branch` whose
 *      totalCalls counts the call;
 *    - agent: from the agent's transition in the appliance (`since`, stamped
 *      while the ARI event that caused it is handled) to `g/<g>/agent/<a>/state`.
 *    Appliance CPU and RSS come from /proc.
 * 2. Broker fan-out, same subscriber harness over plain TCP: N messages/s to
 *    one topic with 500 subscribers on (a) the appliance's broker adapter
 *    (aedes with its ACL, loopback listener, publishing in-process) and (b)
 *    the Mosquitto on 127.0.0.1:1883 (publishing through one mqtt.js client).
 *
 * Options (defaults in brackets): --only e2e|fanout, --clients [500],
 * --sessions [100], --agents [60], --calls-per-second [14], --seconds [30],
 * --hold [3], --fanout-rate [50], --fanout-seconds [15], --payload [300],
 * --mosquitto [mqtt://127.0.0.1:1883], --trace (every second: committed journey
 * events, /metrics and /healthz response times, to tell event-loop lag from a
 * database stall).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAriSimulator } from '@edgecall/asterisk-image/sim';
import { runCli, spawnAppliance } from '../test/support/process.ts';
import { http, login } from '../test/support/appliance.ts';
import { metric, procStats } from './acd-load.ts';
import type { Summary } from './mqtt-subscribers.ts';

const here = import.meta.dirname;
const { values: opt } = parseArgs({
  options: {
    only: { type: 'string' },
    clients: { type: 'string', default: '500' },
    sessions: { type: 'string', default: '100' },
    agents: { type: 'string', default: '60' },
    'calls-per-second': { type: 'string', default: '14' },
    seconds: { type: 'string', default: '30' },
    hold: { type: 'string', default: '3' },
    'fanout-rate': { type: 'string', default: '50' },
    'fanout-seconds': { type: 'string', default: '15' },
    payload: { type: 'string', default: '300' },
    mosquitto: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
    /** Prints, every second of the end-to-end run, committed journey events and the time /healthz takes. */
    trace: { type: 'boolean', default: false },
  },
  strict: false,
});
const num = (k: keyof typeof opt) => Number(opt[k]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Report {
  clients: number;
  delivered: number;
  bytes: number;
  windowMs: number;
  fanout: Summary;
  agent: Summary;
  queue: Summary;
  kpi: Summary;
  cpuMs: number;
}

/** A forked helper speaking {type} messages over IPC. */
function child(file: string, args: string[] = []) {
  const proc: ChildProcess = fork(join(here, file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<string, (m: any) => void>();
  const early = new Map<string, any>();
  proc.on('message', (m: any) => {
    const w = waiting.get(m.type);
    if (w) {
      waiting.delete(m.type);
      w(m);
    } else early.set(m.type, m);
  });
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));
  return {
    proc,
    exited,
    next<T = any>(type: string, ms = 120_000): Promise<T> {
      if (early.has(type)) {
        const m = early.get(type);
        early.delete(type);
        return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${file}: no ${type} in ${ms} ms`)), ms);
        waiting.set(type, (m) => {
          clearTimeout(timer);
          resolve(m);
        });
        proc.once('exit', (code) => reject(new Error(`${file} exited (${code}) waiting for ${type}`)));
      });
    },
    send: (m: unknown) => proc.send(m as object),
  };
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((x, j) => fn(x, i + j)));
}

export async function runEndToEnd() {
  const clients = num('clients');
  const sessions = Math.min(num('sessions'), clients);
  const agents = num('agents');
  const rate = num('calls-per-second');
  const seconds = num('seconds');
  const hold = num('hold');
  const dir = mkdtempSync(join(tmpdir(), 'ec-bench-mqtt-'));
  const sim = await startAriSimulator({ dataDir: join(dir, 'pbx'), timeScale: 1, username: 'edgecall', password: 'bench', recordingAudio: 'silence', historyLimit: 1000 });
  const numbers = Array.from({ length: agents }, (_, i) => String(3000 + i));
  for (const n of numbers) sim.control.registerPhone(n, { behaviour: { kind: 'answer', afterMs: 300 }, afterAnswerApps: [['Wait', '3600']] });
  const env = { EDGECALL_DATA: join(dir, 'data'), EDGECALL_DEMO: '0', LOG_LEVEL: 'error', ASTERISK_ARI_URL: sim.url, ASTERISK_ARI_USER: 'edgecall', ASTERISK_ARI_PASSWORD: 'bench' };
  await runCli('appliance/src/cli/create-admin.ts', ['--username', 'boss'], { ...env, EDGECALL_ADMIN_PASSWORD: 'boss-password' });
  const app = await spawnAppliance(env);
  const subs = child('mqtt-subscribers.ts');
  try {
    const boss = await login(app.url, 'boss', 'boss-password');
    await http(app.url, 'PUT', '/api/v1/settings/acd', {
      cookie: boss.cookie,
      body: {
        queues: [{ id: 'load', name: 'Load', strategy: 'longest_idle', ringTimeoutSeconds: 10, wrapUpSeconds: 0, maxWaitSeconds: 3600, noAgentsAction: 'wait' }],
        entries: [{ did: '*', queue: 'load' }],
      },
    });
    await inBatches(numbers, 4, async (n) => {
      await http(app.url, 'POST', '/api/v1/users', { cookie: boss.cookie, body: { username: `a${n}`, displayName: n, password: 'bench-password', profile: 'operator', agentNumber: n, groups: ['load'] } });
      const s = await login(app.url, `a${n}`, 'bench-password');
      await http(app.url, 'POST', '/api/v1/agent/login', { cookie: s.cookie, body: {} });
      await http(app.url, 'POST', '/api/v1/agent/ready', { cookie: s.cookie });
    });
    // Supervisors: ten sessions per user (tabs, devices); every client uses a session's own MQTT token.
    const supUsers = Array.from({ length: Math.ceil(sessions / 10) }, (_, i) => `sup${i}`);
    await inBatches(supUsers, 4, (u) => http(app.url, 'POST', '/api/v1/users', { cookie: boss.cookie, body: { username: u, displayName: u, password: 'bench-password', profile: 'supervisor', groups: ['load'] } }));
    const creds: { username: string; password: string }[] = [];
    let site = '';
    await inBatches(Array.from({ length: sessions }, (_, i) => supUsers[i % supUsers.length]), 4, async (u) => {
      const s = await login(app.url, u, 'bench-password');
      site = s.site;
      creds.push({ username: u, password: s.mqttToken });
    });
    for (let i = 0; ; i++) {
      if ((await http(app.url, 'GET', '/healthz')).body.checks.pbx === 'ok') break;
      if (i > 80) throw new Error('PBX not connected');
      await sleep(250);
    }
    const root = `ec/v1/${site}`;
    const topics = [`${root}/sys/online`, `${root}/sys/seq`, `${root}/queue/load/state`, `${root}/kpi/q/load`, `${root}/kpi/g/load`, `${root}/kpi/branch`, `${root}/g/load/agent/+/state`, `${root}/alert/g/load/+`];
    await subs.next('up');
    subs.send({ type: 'connect', url: app.url.replace(/^http/, 'ws') + '/mqtt', creds, clients, topics, mode: 'appliance', batch: 50 });
    const connected = await subs.next('connected', 180_000);
    if (connected.failed) console.error(`${connected.failed} clients failed to connect`);
    await sleep(1000); // retained state delivered before measuring

    // When the simulator emitted each caller's StasisStart (timeScale 1: its clock is the wall clock).
    const origins: Record<string, number> = {};
    const off = sim.control.on('event', (e) => {
      if (e.kind === 'event' && e.event.type === 'StasisStart') origins[(e.event.channel as { id: string }).id] = e.at;
    });
    const pid = app.child.pid!;
    subs.send({ type: 'measure' });
    await subs.next('measuring');
    const events0 = (await metric(app.url, 'edgecall_journey_events_total')) || 0;
    const cpu0 = procStats(pid).cpuMs;
    const machine0 = machineCpu();
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStats(pid).rssKb)), 100);
    const tracer = opt.trace
      ? setInterval(async () => {
          const at = ((performance.now() - t0) / 1000).toFixed(0);
          const cpuNow = procStats(pid).cpuMs;
          const m0 = performance.now();
          const ev = (await metric(app.url, 'edgecall_journey_events_total')) - events0;
          const metricsMs = performance.now() - m0;
          const h0 = performance.now();
          await fetch(`${app.url}/healthz`);
          console.error(`t=${at}s appliance CPU ${cpuNow.toFixed(0)} ms; /metrics ${metricsMs.toFixed(0)} ms (journey events ${ev}); /healthz (database probe) ${(performance.now() - h0).toFixed(0)} ms`);
        }, 1000)
      : null;
    const t0 = performance.now();
    const total = Math.round(rate * seconds);
    const callIds: string[] = [];
    const hangups: Promise<void>[] = [];
    for (let i = 0; i < total; ) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
      for (; i < due; i++) {
        const c = sim.control.inboundCall({ did: '1000', callerNumber: `55${String(i).padStart(6, '0')}` });
        callIds.push(c.channelId);
        hangups.push(sleep(hold * 1000).then(() => void c.hangup()));
      }
      await sleep(5);
    }
    await Promise.all(hangups);
    await sleep(3000); // ACW ends, last publications coalesce and arrive
    const wallS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (tracer) clearInterval(tracer);
    off();
    const events = (await metric(app.url, 'edgecall_journey_events_total')) - events0;
    const cpu = procStats(pid).cpuMs - cpu0;
    const journeyP50 = await metric(app.url, 'edgecall_journey_latency_ms{quantile="0.5"}');
    const journeyP99 = await metric(app.url, 'edgecall_journey_latency_ms{quantile="0.99"}');
    const load = loadavg()[0];
    const machineBusy = busyPercent(machine0, machineCpu());
    const ours = Object.fromEntries(callIds.filter((id) => origins[id] !== undefined).map((id) => [id, origins[id]]));
    const order = Object.keys(ours).sort((a, b) => ours[a] - ours[b]);
    subs.send({ type: 'report', origins: ours, order });
    const r: Report = await subs.next('report');
    return {
      clients: r.clients,
      sessions,
      agents,
      calls: total,
      callsPerSecond: total / seconds,
      journeyEventsPerSecond: events / seconds,
      messagesPerSecond: r.delivered / (r.windowMs / 1000),
      mbPerSecond: r.bytes / (r.windowMs / 1000) / 2 ** 20,
      queue: r.queue,
      kpi: r.kpi,
      agent: r.agent,
      eventToJourney: { p50: journeyP50, p99: journeyP99 },
      applianceCpuPercent: (cpu / (wallS * 1000)) * 100,
      peakRssMb: peakRss / 1024,
      subscriberCpuPercent: (r.cpuMs / r.windowMs) * 100,
      connectSeconds: connected.ms / 1000,
      loadAverage: load,
      machineBusyPercent: machineBusy,
    };
  } finally {
    subs.proc.kill();
    app.child.kill('SIGTERM');
    await app.exited;
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function mosquittoPid(): number | null {
  try {
    return Number(readFileSync('/run/mosquitto/mosquitto.pid', 'utf8').trim()) || null;
  } catch {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d) || !existsSync(`/proc/${d}/comm`)) continue;
      try {
        if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'mosquitto') return Number(d);
      } catch {
        /* gone */
      }
    }
    return null;
  }
}

export async function runFanout(kind: 'aedes' | 'mosquitto') {
  const clients = num('clients');
  const rate = num('fanout-rate');
  const seconds = num('fanout-seconds');
  const pub = child('fanout-publisher.ts', [kind, kind === 'aedes' ? 'bench' : String(opt.mosquitto)]);
  const subs = child('mqtt-subscribers.ts');
  try {
    const ready = await pub.next('ready', 20_000);
    const url = kind === 'aedes' ? `mqtt://127.0.0.1:${ready.port}` : String(opt.mosquitto);
    const topic = `ec/v1/bench/kpi/branch`;
    await subs.next('up');
    subs.send({ type: 'connect', url, creds: [{ username: 'bench', password: 'bench-token' }], clients, topics: [topic], mode: 'fanout', batch: 50 });
    const connected = await subs.next('connected', 120_000);
    if (connected.ok === 0) return { kind, refused: true as const };
    const brokerPid = kind === 'aedes' ? pub.proc.pid! : mosquittoPid();
    subs.send({ type: 'measure' });
    await subs.next('measuring');
    const cpu0 = brokerPid ? procStats(brokerPid).cpuMs : 0;
    const machine0 = machineCpu();
    let peakRss = 0;
    const sampler = setInterval(() => brokerPid && (peakRss = Math.max(peakRss, procStats(brokerPid).rssKb)), 100);
    const t0 = performance.now();
    pub.send({ type: 'run', topic, rate, seconds, payloadBytes: num('payload') });
    const done = await pub.next('done', (seconds + 60) * 1000);
    await sleep(1500);
    const wallMs = performance.now() - t0;
    clearInterval(sampler);
    const cpu = brokerPid ? procStats(brokerPid).cpuMs - cpu0 : NaN;
    subs.send({ type: 'report' });
    const r: Report = await subs.next('report');
    return {
      kind,
      refused: false as const,
      clients: r.clients,
      published: done.published as number,
      publishRate: done.published / (done.wallMs / 1000),
      expected: done.published * r.clients,
      delivered: r.delivered,
      deliveredPerSecond: r.delivered / (done.wallMs / 1000),
      latency: r.fanout,
      // aedes: the broker and its in-process publisher in one process; Mosquitto: the broker alone.
      brokerCpuPercent: (cpu / wallMs) * 100,
      brokerPeakRssMb: peakRss / 1024,
      publisherCpuPercent: kind === 'mosquitto' ? (done.cpuMs / done.wallMs) * 100 : null,
      loadAverage: loadavg()[0],
      machineBusyPercent: busyPercent(machine0, machineCpu()),
    };
  } finally {
    subs.proc.kill();
    pub.send({ type: 'close' });
    await Promise.race([pub.exited, sleep(3000)]);
    pub.proc.kill();
  }
}

/** Busy and total jiffies of the whole machine: how much else was running during a measurement. */
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total };
}
const busyPercent = (a: { busy: number; total: number }, b: { busy: number; total: number }) => ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100;

const ms = (x: number | null) => (x === null ? '—' : x.toFixed(1));

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = opt.only as string | undefined;
  if (!only || only === 'e2e') {
    const e = await runEndToEnd();
    console.error(JSON.stringify(e));
    console.log(`### End to end: ${e.clients} WebSocket clients (${e.sessions} supervisor sessions), ${e.agents} agents\n`);
    console.log('| calls/s | journey events/s | messages delivered/s | MB/s | queue: StasisStart→client p50 / p99 ms | KPI: StasisStart→client p50 / p99 ms | agent: transition→client p50 / p99 ms | event→journey p50 / p99 ms | appliance CPU % | peak RSS MB |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| ${e.callsPerSecond.toFixed(1)} | ${e.journeyEventsPerSecond.toFixed(0)} | ${e.messagesPerSecond.toFixed(0)} | ${e.mbPerSecond.toFixed(1)} | ${ms(e.queue.p50)} / ${ms(e.queue.p99)} | ${ms(e.kpi.p50)} / ${ms(e.kpi.p99)} | ${ms(e.agent.p50)} / ${ms(e.agent.p99)} | ${ms(e.eventToJourney.p50)} / ${ms(e.eventToJourney.p99)} | ${e.applianceCpuPercent.toFixed(0)} | ${e.peakRssMb.toFixed(0)} |`,
    );
    console.log(`\nSamples: queue ${e.queue.n}, KPI ${e.kpi.n}, agent ${e.agent.n}; subscriber harness CPU ${e.subscriberCpuPercent.toFixed(0)} %; ${e.clients} connects took ${e.connectSeconds.toFixed(1)} s; whole machine busy ${e.machineBusyPercent.toFixed(0)} % of its ${cpus().length} cores during the run (1-min load average ${e.loadAverage.toFixed(1)}).\n`);
  }
  if (!only || only === 'fanout') {
    const a = await runFanout('aedes');
    console.error(JSON.stringify(a));
    const m = await runFanout('mosquitto');
    console.error(JSON.stringify(m));
    console.log(`### Broker fan-out: ${num('fanout-rate')} messages/s of ${num('payload')} bytes to one topic, ${num('clients')} TCP subscribers, ${num('fanout-seconds')} s\n`);
    console.log('| broker | subscribers | published | delivered / expected | delivered/s | p50 ms | p99 ms | max ms | broker CPU % | broker peak RSS MB | machine busy % |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of [a, m]) {
      if (r.refused) {
        console.log(`| ${r.kind} | refused the connections | | | | | | | | | |`);
        continue;
      }
      console.log(
        `| ${r.kind === 'aedes' ? 'EdgeCall aedes (adapter + ACL)' : 'Mosquitto'} | ${r.clients} | ${r.published} | ${r.delivered} / ${r.expected} | ${r.deliveredPerSecond.toFixed(0)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.brokerCpuPercent.toFixed(0)} | ${r.brokerPeakRssMb.toFixed(0)} | ${r.machineBusyPercent.toFixed(0)} |`,
      );
    }
    if (!a.refused && !m.refused && a.latency.p50 && m.latency.p50 && a.latency.p99 && m.latency.p99) {
      console.log(
        `\nRatio aedes / Mosquitto: p50 ${(a.latency.p50 / m.latency.p50).toFixed(1)}×, p99 ${(a.latency.p99 / m.latency.p99).toFixed(1)}×, delivered/s ${(a.deliveredPerSecond / m.deliveredPerSecond).toFixed(2)}×, broker CPU ${(a.brokerCpuPercent / m.brokerCpuPercent).toFixed(1)}×` +
          (m.publisherCpuPercent !== null ? ` (Mosquitto's mqtt.js publisher used ${m.publisherCpuPercent.toFixed(0)} % on top).` : '.'),
      );
    }
  }
  process.exit(0);
}

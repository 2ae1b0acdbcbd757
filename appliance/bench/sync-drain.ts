/**
 * `npm run bench -- sync` (issue 8): a branch back online after a week-long
 * WAN outage drains a 100,000-record backlog to HQ's PostgreSQL while it
 * keeps taking calls.
 *
 * 1. Fill (sync-drain-fill.ts, its own process): journeys written through the
 *    ACD store and the outbox writer, topped up to 100,000 outbox rows.
 * 2. Idle: the appliance as its own process (`serve.ts`, demo off) on the
 *    ARI simulator (in this process), not enrolled, takes live calls for a
 *    while: journey write latency and RSS without an upload.
 * 3. Drain: the same appliance, now enrolled, with the central server as its
 *    own process (`npm run central`) on a fresh database. Records/s from the
 *    appliance's start until HQ has acked the whole backlog, while the same
 *    live calls arrive; journey write latency (`edgecall_journey_latency_ms`:
 *    PBX event → committed journey row) and RSS of the appliance meanwhile.
 * 4. COPY: the same rows, as HQ stored them, loaded with PostgreSQL's own
 *    `COPY … FROM STDIN` (through the pg driver) into a table shaped like the
 *    ingest table (same indexes) on the same server: the ratio's denominator.
 *
 * The central server's per-appliance rate limit is lifted (SYNC_RATE_PER_SECOND
 * defaults to 10 batches/s, i.e. 2,000 records/s per branch at the default
 * batch of 200): this measures how fast the path is, not the throttle.
 * Options: --records [100000] --idle-seconds [15] --calls-per-second [4]
 * --batch-records [the appliance's default, 200] (with bytes to match).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAriSimulator, type AriSimulator } from '@edgecall/asterisk-image/sim';
import { enroll } from '../../provisioning/src/enroll.ts';
import { admin, spawnCentral } from '../../sync/test/support/central.ts';
import { freshDatabase, type TestDatabase } from '../../sync/test/support/pg.ts';
import { http, login } from '../test/support/appliance.ts';
import { ROOT, runCli, spawnAppliance, type ApplianceProcess } from '../test/support/process.ts';
import { metric, procStats } from './acd-load.ts';

const { values: opt } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    'idle-seconds': { type: 'string', default: '15' },
    'calls-per-second': { type: 'string', default: '4' },
    'batch-records': { type: 'string' },
  },
  strict: false,
});
const RECORDS = Number(opt.records);
const IDLE_SECONDS = Number(opt['idle-seconds']);
const CALLS_PER_SECOND = Number(opt['calls-per-second']);
const AGENTS = 12;
/** Unset: the appliance's default batch (200 records, 512 KiB). */
const BATCH_RECORDS = opt['batch-records'] ? Number(opt['batch-records']) : null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

function runFill(dataDir: string): Promise<{ head: number; ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'appliance/bench/sync-drain-fill.ts')], {
      cwd: ROOT,
      env: { ...process.env, EC_DATA: dataDir, EC_RECORDS: String(RECORDS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`fill exited ${code}: ${out}`))));
  });
}

/** Steady live traffic: callers arrive at a fixed rate, ready agents answer after 300 ms, callers hang up after 2 s. */
function startTraffic(sim: AriSimulator) {
  let n = 0;
  const timer = setInterval(() => {
    const call = sim.control.inboundCall({ did: '1000', callerNumber: `5599${String(++n).padStart(5, '0')}` });
    setTimeout(() => call.hangup(), 2300).unref();
  }, 1000 / CALLS_PER_SECOND);
  return () => clearInterval(timer);
}

/** Agents log in and get ready (idempotent across the two runs: a conflict means already so). */
async function readyAgents(app: ApplianceProcess, cookie: string, numbers: string[], create: boolean) {
  for (const n of numbers) {
    if (create) {
      await http(app.url, 'POST', '/api/v1/users', { cookie, body: { username: `a${n}`, displayName: n, password: 'bench-password', profile: 'operator', agentNumber: n, groups: ['load'] } });
    }
    const s = await login(app.url, `a${n}`, 'bench-password');
    await http(app.url, 'POST', '/api/v1/agent/login', { cookie: s.cookie, body: {} });
    await http(app.url, 'POST', '/api/v1/agent/ready', { cookie: s.cookie });
  }
}

/** Samples the appliance's RSS and CPU every 100 ms. */
function sampler(pid: number) {
  const rss: number[] = [];
  const cpu0 = procStats(pid).cpuMs;
  const t0 = Date.now();
  const timer = setInterval(() => {
    try {
      rss.push(procStats(pid).rssKb / 1024);
    } catch {
      /* exited */
    }
  }, 100);
  return () => {
    clearInterval(timer);
    const cpu = procStats(pid).cpuMs - cpu0;
    return { medianRss: median(rss), peakRss: Math.max(...rss), cpuPercent: (cpu / (Date.now() - t0)) * 100 };
  };
}

async function latency(url: string) {
  return {
    p50: await metric(url, 'edgecall_journey_latency_ms{quantile="0.5"}'),
    p99: await metric(url, 'edgecall_journey_latency_ms{quantile="0.99"}'),
    count: await metric(url, 'edgecall_journey_latency_ms_count'),
  };
}

/** `COPY … FROM STDIN` through the pg driver's copy-in protocol messages (no pg-copy-streams here). */
class CopyIn {
  private resolve!: (rows: number) => void;
  private reject!: (e: Error) => void;
  private rows = 0;
  readonly done = new Promise<number>((res, rej) => ((this.resolve = res), (this.reject = rej)));
  constructor(
    readonly text: string,
    private readonly data: Buffer,
  ) {}
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
    for (let i = 0; i < this.data.length; i += 64 * 1024) connection.sendCopyFromChunk(this.data.subarray(i, i + 64 * 1024));
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text: string }) {
    this.rows = Number(msg.text.split(' ').pop());
  }
  handleReadyForQuery() {
    this.resolve(this.rows);
  }
  handleError(err: Error) {
    this.reject(err);
  }
}

const copyField = (v: unknown): string => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

async function copyBaseline(db: TestDatabase, applianceId: string) {
  // The pg driver MikroORM uses (no @types/pg in this repository, hence the untyped import).
  const { default: pg } = (await import('pg' as string)) as { default: { Client: new (o: object) => any } };
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const cols = ['appliance_id', 'entity', 'entity_id', 'entity_version', 'op', 'deleted', 'payload', 'schema_version', 'epoch', 'seq', 'received_at'];
    const { rows } = await client.query(`select ${cols.map((c) => (c === 'payload' ? 'payload::text' : c === 'received_at' ? 'received_at::text' : c)).join(', ')} from sync_record where appliance_id = $1 and entity = 'call_journey' and entity_id like 'bench-%'`, [applianceId]);
    const data = Buffer.from((rows as Record<string, unknown>[]).map((r) => cols.map((c) => copyField(r[c])).join('\t')).join('\n') + '\n');
    await client.query(`create table copy_bench (like sync_record including all)`);
    const t0 = performance.now();
    const copied = await (client.query(new CopyIn(`copy copy_bench (${cols.join(', ')}) from stdin`, data) as never) as unknown as CopyIn).done;
    const ms = performance.now() - t0;
    return { rows: copied, ms, mb: data.length / 2 ** 20 };
  } finally {
    await client.end();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ec-bench-drain-'));
const dataDir = join(dir, 'data');
let db: TestDatabase | null = null;
let sim: AriSimulator | null = null;
const stops: (() => Promise<unknown>)[] = [];
try {
  console.error(`filling the outbox with ${RECORDS} records…`);
  const fill = await runFill(dataDir);
  console.error(`filled: head ${fill.head}, ${(fill.ms / 1000).toFixed(1)} s, ${fill.bytes} B per payload on average`);

  sim = await startAriSimulator({ dataDir: join(dir, 'pbx'), timeScale: 1, username: 'edgecall', password: 'bench', recordingAudio: 'silence' });
  const numbers = Array.from({ length: AGENTS }, (_, i) => String(3000 + i));
  for (const n of numbers) sim.control.registerPhone(n, { behaviour: { kind: 'answer', afterMs: 300 }, afterAnswerApps: [['Wait', '3600']] });
  const env = { EDGECALL_DATA: dataDir, EDGECALL_DEMO: '0', LOG_LEVEL: 'error', ASTERISK_ARI_URL: sim.url, ASTERISK_ARI_USER: 'edgecall', ASTERISK_ARI_PASSWORD: 'bench' };
  await runCli('appliance/src/cli/create-admin.ts', ['--username', 'boss'], { ...env, EDGECALL_ADMIN_PASSWORD: 'boss-password' });

  // ── idle: no upload (not enrolled yet) ──
  let app = await spawnAppliance(env);
  let boss = await login(app.url, 'boss', 'boss-password');
  await http(app.url, 'PUT', '/api/v1/settings/acd', {
    cookie: boss.cookie,
    body: {
      queues: [{ id: 'load', name: 'Load', strategy: 'longest_idle', ringTimeoutSeconds: 10, wrapUpSeconds: 1, maxWaitSeconds: 3600, noAgentsAction: 'wait' }],
      entries: [{ did: '*', queue: 'load' }],
      hours: { alwaysOpen: true },
    },
  });
  await readyAgents(app, boss.cookie, numbers, true);
  let stopSampler = sampler(app.child.pid!);
  let stopTraffic = startTraffic(sim);
  await sleep(IDLE_SECONDS * 1000);
  stopTraffic();
  await sleep(3000);
  const idle = { ...(await latency(app.url)), ...stopSampler() };
  app.child.kill('SIGTERM');
  await app.exited;
  console.error(`idle: ${JSON.stringify(idle)}`);

  // ── drain: enrolled, HQ up ──
  db = await freshDatabase();
  const central = await spawnCentral(db.url, { LOG_LEVEL: 'error', SYNC_RATE_PER_SECOND: '1000', SYNC_RATE_BURST: '1000' });
  stops.push(async () => (central.child.kill('SIGTERM'), await central.exited));
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'br-drain', name: 'Drain bench' });
  await enroll({ central: central.url, applianceId: 'br-drain', token: made.body.enrollmentToken, dataDir, force: false });
  const centralCpu0 = procStats(central.child.pid!).cpuMs;
  const t0 = Date.now();
  // HQ's own view of the drain, every 100 ms: the first batch's commit and the last one's.
  const hqDb = db;
  const progress = (async () => {
    let first: { at: number; acked: number } | null = null;
    for (;;) {
      const [row] = await hqDb.query<{ acked_seq: string }>(`select acked_seq from appliance where id = 'br-drain'`);
      const acked = Number(row?.acked_seq ?? 0);
      if (acked > 0 && !first) first = { at: Date.now(), acked };
      if (acked >= fill.head) return { first: first!, doneAt: Date.now() };
      await sleep(100);
    }
  })();
  app = await spawnAppliance(BATCH_RECORDS ? { ...env, EDGECALL_SYNC_BATCH_RECORDS: String(BATCH_RECORDS), EDGECALL_SYNC_BATCH_BYTES: String(Math.max(512 * 1024, BATCH_RECORDS * 1200)) } : env);
  const ready = Date.now();
  stopSampler = sampler(app.child.pid!);
  boss = await login(app.url, 'boss', 'boss-password');
  await readyAgents(app, boss.cookie, numbers, false);
  stopTraffic = startTraffic(sim);
  const { first, doneAt: drainedAt } = await progress;
  stopTraffic();
  const drain = { ...(await latency(app.url)), ...stopSampler() };
  const centralCpu = ((procStats(central.child.pid!).cpuMs - centralCpu0) / (drainedAt - t0)) * 100;
  // From HQ's first ack to its last; the records of the first batch are counted out.
  const seconds = (drainedAt - first.at) / 1000;
  const drained = fill.head - first.acked;
  const [stored] = await db.query<{ n: string }>(`select count(*) as n from sync_record where appliance_id = 'br-drain' and entity = 'call_journey' and entity_id like 'bench-%'`);
  app.child.kill('SIGTERM');
  await app.exited;
  console.error(`drain: ${seconds.toFixed(1)} s from the first ack (appliance ready after ${((ready - t0) / 1000).toFixed(1)} s, first ack after ${((first.at - t0) / 1000).toFixed(1)} s), ${JSON.stringify(drain)}, central CPU ${centralCpu.toFixed(0)} %`);

  // ── COPY of the same rows ──
  const copy = await copyBaseline(db, 'br-drain');
  const drainRate = drained / seconds;
  const copyRate = copy.rows / (copy.ms / 1000);

  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  console.log(
    `Backlog: ${fill.head.toLocaleString('en')} call_journey records (${fill.bytes} B of JSON each on average), ${Number(stored.n).toLocaleString("en")} of them stored at HQ after the drain; ` +
      `batches of ${BATCH_RECORDS ?? 200} records; live traffic ${CALLS_PER_SECOND} calls/s (about ${CALLS_PER_SECOND * 7} journey writes/s).\n`,
  );
  console.log('| phase | records | seconds | records/s | journey write p50 ms | p99 ms | appliance RSS MB median / peak | appliance CPU % |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(`| live calls, no upload (${IDLE_SECONDS} s) | — | ${IDLE_SECONDS} | — | ${f(idle.p50, 1)} | ${f(idle.p99, 1)} | ${f(idle.medianRss)} / ${f(idle.peakRss)} | ${f(idle.cpuPercent)} |`);
  console.log(`| live calls while draining | ${fill.head} | ${f(seconds, 1)} | ${f(drainRate)} | ${f(drain.p50, 1)} | ${f(drain.p99, 1)} | ${f(drain.medianRss)} / ${f(drain.peakRss)} | ${f(drain.cpuPercent)} |`);
  console.log(`| PostgreSQL \`COPY … FROM STDIN\` of the same rows | ${copy.rows} | ${f(copy.ms / 1000, 1)} | ${f(copyRate)} | — | — | — | — |`);
  console.log(`\nDrain ÷ COPY: ${f((drainRate / copyRate) * 100, 1)} % of PostgreSQL's own bulk-load rate (${f(copy.mb, 1)} MB of COPY text); central server CPU during the drain ${f(centralCpu)} %; journey writes measured: ${idle.count} idle, ${drain.count} while draining.`);
} finally {
  for (const s of stops) await s().catch(() => undefined);
  await sim?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
}

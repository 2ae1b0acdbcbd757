/**
 * Child process of the MQTT benchmark: holds many mqtt.js clients, stamps
 * every delivered message on arrival and reports latencies. Driven over IPC:
 *   {type:'connect', url, creds, clients, topics, mode} → {type:'connected', ok, failed, ms}
 *   {type:'measure'}  start counting (messages before it only update state)
 *   {type:'report', origins?, order?} → {type:'report', ...} and the clients disconnect
 * Modes: `fanout` (payload {t}: latency = arrival − t) and `appliance`
 * (the topics a supervisor sees; see mqtt-fanout.ts for what is measured).
 */
import mqtt, { type MqttClient } from 'mqtt';

const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send!(m);

export interface Summary {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function summarize(xs: number[]): Summary {
  if (xs.length === 0) return { n: 0, p50: null, p99: null, max: null, mean: null };
  const s = Float64Array.from(xs).sort();
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

let clients: MqttClient[] = [];
let measuring = false;
let measureStart = 0;
let delivered = 0;
let bytes = 0;
const fanout: number[] = [];
const agentLatency: number[] = [];
/** First sighting of a call in a queue state, per client: call id and arrival time. */
const queueSeen: [string, number][] = [];
/** A client's branch totalCalls grew past k (counted from that client's value when measuring began). */
const kpiSeen: [number, number][] = [];

function attach(client: MqttClient, mode: 'fanout' | 'appliance') {
  const seenCalls = new Set<string>();
  const lastSince = new Map<string, string>();
  let lastTotal: number | null = null;
  let baseTotal: number | null = null;
  client.on('message', (topic, payload) => {
    const t = now();
    if (measuring) {
      delivered++;
      bytes += payload.length;
    }
    if (payload.length === 0) return;
    const msg = JSON.parse(payload.toString());
    if (mode === 'fanout') {
      if (measuring) fanout.push(t - msg.t);
      return;
    }
    if (topic.endsWith('/state') && topic.includes('/queue/')) {
      for (const w of msg.data.waiting as { callId: string }[]) {
        if (seenCalls.has(w.callId)) continue;
        seenCalls.add(w.callId);
        if (measuring) queueSeen.push([w.callId, t]);
      }
    } else if (topic.includes('/agent/') && topic.endsWith('/state')) {
      const since: string = msg.data.since;
      const prev = lastSince.get(topic);
      lastSince.set(topic, since);
      if (measuring && prev !== undefined && prev !== since) agentLatency.push(t - Date.parse(since));
    } else if (topic.endsWith('/kpi/branch')) {
      const total: number = msg.data.figures.totalCalls;
      if (measuring) {
        baseTotal ??= lastTotal ?? 0;
        for (let k = Math.max(lastTotal ?? 0, baseTotal) + 1; k <= total; k++) kpiSeen.push([k - baseTotal, t]);
      }
      lastTotal = total;
    }
  });
}

process.on('message', async (m: any) => {
  if (m.type === 'connect') {
    const t0 = now();
    let failed = 0;
    const creds: { username: string; password: string }[] = m.creds;
    for (let i = 0; i < m.clients; i += m.batch ?? 50) {
      const batch = [];
      for (let j = i; j < Math.min(m.clients, i + (m.batch ?? 50)); j++) {
        const c = creds[j % creds.length];
        batch.push(
          mqtt
            .connectAsync(m.url, { username: c.username, password: c.password, reconnectPeriod: 0, connectTimeout: 30_000, keepalive: 120, clientId: `ec-bench-${process.pid}-${j}` })
            .then(async (client) => {
              attach(client, m.mode);
              await client.subscribeAsync(m.topics, { qos: 0 });
              clients.push(client);
            })
            .catch(() => failed++),
        );
      }
      await Promise.all(batch);
    }
    send({ type: 'connected', ok: clients.length, failed, ms: now() - t0 });
  } else if (m.type === 'measure') {
    measuring = true;
    measureStart = now();
    send({ type: 'measuring' });
  } else if (m.type === 'report') {
    const windowMs = now() - measureStart;
    measuring = false;
    const origins: Record<string, number> = m.origins ?? {};
    const order: string[] = m.order ?? [];
    const queue = queueSeen.filter(([id]) => origins[id] !== undefined).map(([id, t]) => t - origins[id]);
    const kpi = kpiSeen.filter(([k]) => order[k - 1] !== undefined).map(([k, t]) => t - origins[order[k - 1]]);
    const cpu = process.cpuUsage();
    send({
      type: 'report',
      clients: clients.length,
      delivered,
      bytes,
      windowMs,
      fanout: summarize(fanout),
      agent: summarize(agentLatency),
      queue: summarize(queue),
      kpi: summarize(kpi),
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
    clients = [];
    process.exit(0);
  }
});
send({ type: 'up' });

/**
 * Child process of the MQTT benchmark: publishes N messages/s to one topic,
 * each stamped with its send time, and reports its own CPU (process.cpuUsage).
 *   mode `aedes`: hosts the appliance's broker adapter (ACL included, loopback
 *     TCP) and publishes in-process, as the appliance's live service does;
 *   mode `mosquitto`: an mqtt.js client publishing to a broker at `url`, as the
 *     appliance would have to if it used an external broker.
 * Driven over IPC: {type:'run', topic, rate, seconds, payloadBytes} → {type:'done', published, cpuMs, wallMs}.
 */
import mqtt from 'mqtt';
import { startBareLiveBroker } from '../test/support/live-broker.ts';

const mode = process.argv[2] as 'aedes' | 'mosquitto';
const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send!(m);

let publish: (topic: string, payload: string) => void;
let close: () => Promise<void>;

if (mode === 'aedes') {
  const site = process.argv[3] ?? 'bench';
  const bare = await startBareLiveBroker({
    password: 'bench-token',
    subject: { site, kind: 'supervisor', agent: null, groups: ['load'], queues: ['load'], canReadKpis: true },
  });
  publish = (topic, payload) => void bare.broker.publish(topic, payload, false);
  close = bare.close;
  send({ type: 'ready', port: bare.tcpPort });
} else {
  const url = process.argv[3] ?? 'mqtt://127.0.0.1:1883';
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, clientId: `ec-bench-pub-${process.pid}` });
  publish = (topic, payload) => void client.publish(topic, payload, { qos: 0 });
  close = () => client.endAsync();
  send({ type: 'ready', port: null });
}

process.on('message', (m: { type: string; topic: string; rate: number; seconds: number; payloadBytes: number }) => {
  if (m.type === 'close') return void close().then(() => process.exit(0));
  if (m.type !== 'run') return;
  const total = Math.round(m.rate * m.seconds);
  const pad = 'x'.repeat(Math.max(0, m.payloadBytes - 40));
  const cpu0 = process.cpuUsage();
  const t0 = now();
  let i = 0;
  // Catch up on whatever is due every tick, so timer jitter does not lower the rate.
  const tick = () => {
    const due = Math.min(total, Math.floor(((now() - t0) / 1000) * m.rate) + 1);
    while (i < due) publish(m.topic, JSON.stringify({ t: now(), i: i++, pad }));
    if (i < total) return void setTimeout(tick, 2);
    const cpu = process.cpuUsage(cpu0);
    send({ type: 'done', published: i, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: now() - t0 });
  };
  tick();
});

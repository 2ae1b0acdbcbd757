/**
 * A small TCP fault proxy between the appliance and the central server
 * (toxiproxy is not installable here and tc netem is missing:
 * research/sync-and-mqtt.md §B.8). Each new connection takes the next fault
 * of a plan, then the default. Loopback only, port 0.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type Fault =
  | 'pass'
  /** TCP reset at once: a fast failure. */
  | 'reset'
  /** Accepts and swallows everything, never answers: a silent partition or a stalled HQ. */
  | 'blackhole'
  /** The request reaches HQ whole, the reply is lost: HQ committed, the appliance cannot know. */
  | 'drop_response'
  /** Only the first N bytes of the request reach HQ, then the link dies: a half-sent batch. */
  | { cutRequestAfter: number }
  /** Only the first N bytes of the reply reach the appliance. */
  | { cutResponseAfter: number };

const nameOf = (f: Fault) => (typeof f === 'string' ? f : 'cutRequestAfter' in f ? 'cut_request' : 'cut_response');

export interface FaultProxy {
  url: string;
  port: number;
  plan(faults: Fault[]): void;
  setDefault(f: Fault): void;
  /** Points new connections at another upstream port (a restarted HQ). */
  retarget(port: number): void;
  /** Connections handled per fault kind. */
  stats(): Record<string, number>;
  /** Faults of the plan not used yet. */
  remaining(): number;
  close(): Promise<void>;
}

/** `only`: planned faults hit only requests whose request line matches (others pass). */
export async function startFaultProxy(upstreamPort: number, opts: { only?: RegExp } = {}): Promise<FaultProxy> {
  let upstream = upstreamPort;
  let plan: Fault[] = [];
  let fallback: Fault = 'pass';
  const counts: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };

  /** Applies `fault` to a connection whose first bytes (the request line) have arrived. */
  function handle(client: Socket, fault: Fault, first: Buffer) {
    counts[nameOf(fault)] = (counts[nameOf(fault)] ?? 0) + 1;
    if (fault === 'reset') return void client.resetAndDestroy();
    if (fault === 'blackhole') return void client.on('data', () => undefined);
    const up = connect(upstream, '127.0.0.1');
    track(up);
    const end = () => {
      client.destroy();
      up.destroy();
    };
    up.on('error', end);
    client.on('error', end);
    up.on('close', () => client.end());
    client.on('close', () => up.destroy());

    let sent = 0;
    const forward = (chunk: Buffer) => {
      if (typeof fault === 'object' && 'cutRequestAfter' in fault) {
        const room = fault.cutRequestAfter - sent;
        sent += chunk.length;
        if (room > 0) up.write(chunk.subarray(0, room));
        if (sent >= fault.cutRequestAfter) setImmediate(end);
        return;
      }
      up.write(chunk);
    };
    forward(first);
    client.on('data', forward);
    let received = 0;
    up.on('data', (chunk: Buffer) => {
      if (fault === 'drop_response') return end();
      if (typeof fault === 'object' && 'cutResponseAfter' in fault) {
        const room = fault.cutResponseAfter - received;
        received += chunk.length;
        if (room > 0) client.write(chunk.subarray(0, room));
        if (received >= fault.cutResponseAfter) setImmediate(end);
        return;
      }
      client.write(chunk);
    });
  }

  // The fault is chosen once the request line is in, so a plan can target one kind of request.
  const server: Server = createServer((client) => {
    track(client);
    client.once('data', (first: Buffer) => {
      client.pause();
      const targeted = !opts.only || opts.only.test(first.subarray(0, 200).toString('latin1'));
      handle(client, targeted ? (plan.shift() ?? fallback) : 'pass', first);
      client.resume();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    plan: (faults) => void (plan = [...faults]),
    setDefault: (f) => void (fallback = f),
    retarget: (p) => void (upstream = p),
    stats: () => ({ ...counts }),
    remaining: () => plan.length,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

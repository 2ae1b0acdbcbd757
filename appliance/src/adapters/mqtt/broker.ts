import { createServer, type Server } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import { WebSocketServer } from 'ws';
import { maySubscribe, mayReceive, type LiveSubject } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Metrics } from '../../lib/metrics.ts';
import { WebSocketDuplex } from './ws-duplex.ts';

export type LiveAuthenticator = (username: string, password: string) => Promise<{ subject: LiveSubject; sessionId: string } | null>;

interface ClientInfo {
  subject: LiveSubject;
  sessionId: string;
}

const info = new WeakMap<Client, ClientInfo>();

function refusal(code: number, message: string) {
  return Object.assign(new Error(message), { returnCode: code });
}

/**
 * The embedded broker. Clients authenticate with their MQTT token; every
 * subscription and every delivery is checked against the ACL of DESIGN.md §5;
 * clients never publish (writes go through HTTP).
 */
export async function createLiveBroker(opts: { authenticate: LiveAuthenticator; logger: Logger; metrics: Metrics }) {
  const log = opts.logger.child('appliance:mqtt');
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      if (!username || !password) return done(refusal(4, 'credentials required') as never, false);
      opts
        .authenticate(username, password.toString('utf8'))
        .then((result) => {
          if (!result) {
            log.warn('live connection refused', { username });
            return done(refusal(4, 'bad credentials') as never, false);
          }
          info.set(client, result);
          done(null, true);
        })
        .catch((err) => {
          log.error('live authentication failed', { err });
          done(refusal(3, 'server unavailable') as never, false);
        });
    },
    authorizeSubscribe(client, sub, done) {
      const who = info.get(client);
      if (!who || !maySubscribe(who.subject, sub.topic)) {
        log.info('subscription refused', { topic: sub.topic, kind: who?.subject.kind });
        return done(null, null);
      }
      done(null, sub);
    },
    authorizePublish(client, _packet, done) {
      // In-process publications have no client; every client publish is refused.
      if (client) return done(new Error('clients cannot publish'));
      done(null);
    },
    authorizeForward(client, packet) {
      const who = info.get(client);
      if (!who || !mayReceive(who.subject, packet.topic)) return null;
      return packet;
    },
  });
  opts.metrics.gauge('edgecall_mqtt_clients', 'Connected live clients', () => broker.connectedClients);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  wss.on('connection', (ws, req) => {
    const stream = new WebSocketDuplex(ws);
    broker.handle(stream, req);
  });

  let tcp: Server | null = null;

  return {
    broker,
    /** HTTP upgrade handler for /mqtt. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    /** Plain MQTT for local services, on loopback only. */
    listenTcp(port: number): Promise<number> {
      tcp = createServer((socket) => broker.handle(socket));
      return new Promise((resolve, reject) => {
        tcp!.once('error', reject);
        tcp!.listen(port, '127.0.0.1', () => resolve((tcp!.address() as { port: number }).port));
      });
    },
    publish(topic: string, payload: string, retain: boolean): Promise<void> {
      return new Promise((resolve, reject) =>
        broker.publish({ cmd: 'publish', topic, payload, qos: 0, retain, dup: false }, (err) => (err ? reject(err) : resolve())),
      );
    },
    /**
     * Asks again what each connection may see (a profile changed): the new
     * subject governs every later subscription and delivery, subscriptions it
     * no longer covers are dropped on the broker's side (MQTT 3.1.1 cannot
     * tell the client), and a connection that may see nothing is closed.
     */
    async recheck(subjectOf: (sessionId: string) => Promise<LiveSubject | null>): Promise<void> {
      const clients = Object.values((broker as unknown as { clients: Record<string, Client> }).clients);
      await Promise.all(
        clients.map(async (client) => {
          const who = info.get(client);
          if (!who) return;
          const subject = await subjectOf(who.sessionId);
          if (!subject) return void client.close();
          info.set(client, { ...who, subject });
          const held = Object.keys((client as unknown as { subscriptions: Record<string, unknown> }).subscriptions ?? {});
          const lost = held.filter((filter) => !maySubscribe(subject, filter));
          if (!lost.length) return;
          log.info('subscriptions withdrawn after a profile change', { topics: lost, kind: subject.kind });
          await new Promise<void>((resolve) => client.unsubscribe({ cmd: 'unsubscribe', unsubscriptions: lost } as never, () => resolve()));
        }),
      );
    },
    /** Ends the live connections of a session (logout, disabled user). */
    disconnectSession(sessionId: string) {
      for (const client of Object.values((broker as unknown as { clients: Record<string, Client> }).clients)) {
        if (info.get(client)?.sessionId === sessionId) client.close();
      }
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      if (tcp) await new Promise<void>((r) => tcp!.close(() => r()));
      await new Promise<void>((r) => broker.close(() => r()));
    },
  };
}

export type LiveBroker = Awaited<ReturnType<typeof createLiveBroker>>;

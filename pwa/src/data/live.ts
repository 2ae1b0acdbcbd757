import type { LiveEnvelope } from '@edgecall/contracts/topics';
import { createIntervalTimer } from './interval-timer.ts';

export interface LiveHandlers {
  onConnect(): void;
  /** `envelope` is null for an empty (cleared) retained message or a payload that is not JSON. */
  onMessage(topic: string, envelope: LiveEnvelope | null, retained: boolean): void;
  /** Once per connection, whether it never opened, was refused or dropped later. */
  onClose(): void;
}

export interface LiveSubscription {
  /** Adds topic filters to an open connection (panels come and go while it stays up). */
  subscribe(filters: string[]): void;
  unsubscribe(filters: string[]): void;
  close(): void;
}

export function liveUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/mqtt`;
}

/**
 * One MQTT-over-WebSocket connection with its subscriptions. It does not
 * reconnect by itself (reconnectPeriod 0): the caller fetches a fresh token
 * before every attempt, which mqtt.js's own reconnect loop cannot do.
 * mqtt.js is imported lazily so the login screen does not wait for it.
 */
export async function subscribeLive(opts: {
  url: string;
  username: string;
  password: string;
  /** Read at connect time, so filters added while the connection opens are not lost. */
  topics: () => string[];
  handlers: LiveHandlers;
}): Promise<LiveSubscription> {
  const { default: mqtt } = await import('mqtt');
  const timer = createIntervalTimer();
  const client = mqtt.connect(opts.url, {
    timerVariant: timer ?? 'native',
    protocolVersion: 4,
    username: opts.username,
    password: opts.password,
    clientId: `ec-pwa-${crypto.randomUUID().slice(0, 12)}`,
    keepalive: 30,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  let done = false;
  const subscribe = (filters: string[]) => {
    if (filters.length === 0 || !client.connected) return;
    client.subscribe(filters, { qos: 0 }, (err, granted) => {
      // A refused filter comes back with qos 128; worth a trace, not a failure of the channel.
      const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
      if (err || refused.length) console.warn('live: subscription refused', err ?? refused);
    });
  };
  const end = () => {
    client.end(true);
    timer?.dispose();
  };
  const finish = () => {
    if (done) return;
    done = true;
    end();
    opts.handlers.onClose();
  };
  client.on('connect', () => {
    subscribe(opts.topics());
    opts.handlers.onConnect();
  });
  // Per-site seq is monotonic: a message older than the last one seen on its
  // topic arrived out of order (the broker does not promise order across
  // retained stores) and would put stale state on screen.
  const lastSeq = new Map<string, number>();
  client.on('message', (topic, payload, packet) => {
    let envelope: LiveEnvelope | null = null;
    if (payload.length > 0) {
      try {
        envelope = JSON.parse(payload.toString()) as LiveEnvelope;
      } catch {
        envelope = null;
      }
    }
    if (envelope && typeof envelope.seq === 'number') {
      const seen = lastSeq.get(topic);
      if (seen !== undefined && envelope.seq < seen) return;
      lastSeq.set(topic, envelope.seq);
    } else {
      lastSeq.delete(topic);
    }
    opts.handlers.onMessage(topic, envelope, packet.retain);
  });
  client.on('close', finish);
  // Errors (refused token, socket failure) are always followed by 'close'.
  client.on('error', () => undefined);
  return {
    subscribe,
    unsubscribe(filters) {
      if (filters.length && client.connected) client.unsubscribe(filters);
    },
    close() {
      done = true;
      end();
    },
  };
}

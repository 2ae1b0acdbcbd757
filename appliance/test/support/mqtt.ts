import mqtt, { type MqttClient, type Packet } from 'mqtt';

export function wsUrl(httpUrl: string) {
  return httpUrl.replace(/^http/, 'ws') + '/mqtt';
}

/** Connects or rejects with the CONNACK refusal; never retries (tests want the first answer). */
export function connectLive(httpUrl: string, username: string, password: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(wsUrl(httpUrl), { username, password, reconnectPeriod: 0, connectTimeout: 5000 });
    client.once('connect', () => resolve(client));
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
  });
}

/** SUBACK granted QoS per filter: 128 means refused. */
export function subscribeGranted(client: MqttClient, filter: string): Promise<number> {
  // mqtt.js turns a refusal into a generic error; read the SUBACK return code itself.
  return new Promise((resolve) => {
    const onPacket = (packet: Packet) => {
      if (packet.cmd !== 'suback') return;
      client.off('packetreceive', onPacket);
      const code = (packet as { granted?: (number | object)[] }).granted?.[0];
      resolve(typeof code === 'number' ? code : -1);
    };
    client.on('packetreceive', onPacket);
    client.subscribe(filter, { qos: 0 }, () => undefined);
  });
}

export function nextMessage(client: MqttClient, topic: string, timeoutMs = 3000): Promise<{ seq: number; ts: string; data: any } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('message', on);
      resolve(null);
    }, timeoutMs);
    const on = (t: string, payload: Buffer) => {
      if (t !== topic) return;
      clearTimeout(timer);
      client.off('message', on);
      resolve(payload.length ? JSON.parse(payload.toString()) : null);
    };
    client.on('message', on);
  });
}

/** uvu has no async rejects assertion. */
export async function refused(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    const result = await fn();
    (result as { end?: (force: boolean) => void })?.end?.(true);
    return false;
  } catch {
    return true;
  }
}

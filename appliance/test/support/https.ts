import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * One request over a fresh connection (no keep-alive, so a renewed
 * certificate is seen), trusting only `ca` for https.
 */
export function fetchRaw(
  url: string,
  opts: { ca?: string; method?: string; headers?: Record<string, string>; body?: string; servername?: string } = {},
): Promise<Answer> {
  const u = new URL(url);
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  return new Promise((resolve, reject) => {
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? 'GET',
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...opts.headers },
        agent: false,
        ...(u.protocol === 'https:' ? { ca: opts.ca, servername: opts.servername, rejectUnauthorized: true } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b, text: b.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A stalled answer must fail the test, not hang it.
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer from ${url}`)));
    req.end(body);
  });
}

/** The certificate a new TLS handshake gets, verified against `ca` for `servername` (or the host). */
export function servedCertificate(host: string, port: number, ca: string, servername?: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, ca, servername, rejectUnauthorized: true }, () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      if (cert) resolve(cert);
      else reject(new Error('no peer certificate'));
    });
    socket.on('error', reject);
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no TLS handshake with ${host}:${port}`)));
  });
}

export async function loginTls(base: string, ca: string, username: string, password: string) {
  const res = await fetchRaw(`${base}/api/v1/auth/login`, { ca, method: 'POST', body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const json = JSON.parse(res.text) as { mqttToken: string; site: string };
  return { setCookies, cookie: setCookies.map((c) => c.split(';')[0]).join('; '), mqttToken: json.mqttToken, site: json.site };
}

/** MQTT over wss, trusting only `ca`; never reconnects by itself, so a dropped connection shows. */
export function connectLiveTls(base: string, ca: string, username: string, password: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(base.replace(/^https/, 'wss') + '/mqtt', { username, password, ca, rejectUnauthorized: true, reconnectPeriod: 0, connectTimeout: 5000 });
    client.once('connect', () => resolve(client));
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
  });
}

// Shared helpers for the simulator's tests (not a test file itself): start a simulator with
// a real ari-client connected to it, collect events, and compare an event stream with a
// recording from ../ari-api-docs/samples.
import ari from 'ari-client';
import type { Client } from 'ari-client';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startAriSimulator, type AriSimulator, type AriSimulatorOptions } from './index.ts';
import { AriSpec } from './spec.ts';
import { Router } from './router.ts';

export type AriEvent = Record<string, any>;

export interface Harness {
  sim: AriSimulator;
  client: Client;
  events: AriEvent[];
  /** Resolves with the first event (already received or future) matching `pred`. */
  waitEvent(pred: (e: AriEvent) => boolean, timeoutMs?: number): Promise<AriEvent>;
  stop(): Promise<void>;
}

/** ari-client prints a Swagger deprecation array on every connect; keep test output clean. */
async function quietConnect(url: string, user: string, pass: string): Promise<Client> {
  const original = console.log;
  console.log = (...args: unknown[]) => {
    if (args.length === 1 && Array.isArray(args[0])) return;
    original(...args);
  };
  try {
    return await ari.connect(url, user, pass);
  } finally {
    console.log = original;
  }
}

export async function startHarness(app: string | string[], options: AriSimulatorOptions = {}): Promise<Harness> {
  const sim = await startAriSimulator({ timeScale: 0.05, ...options });
  const client = await quietConnect(sim.url, sim.username, sim.password);
  const events: AriEvent[] = [];
  const waiters = new Set<{ pred: (e: AriEvent) => boolean; resolve: (e: AriEvent) => void }>();
  (client as unknown as { on(e: string, cb: (ev: AriEvent) => void): void }).on('*', (e: AriEvent) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (w.pred(e)) {
        waiters.delete(w);
        w.resolve(e);
      }
    }
  });
  await client.start(app);
  return {
    sim,
    client,
    events,
    waitEvent(pred, timeoutMs = 10_000) {
      const past = events.find(pred);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (e: AriEvent) => (clearTimeout(timer), resolve(e)) };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error('timed out waiting for an ARI event'));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    async stop() {
      try {
        client.stop();
      } catch {
        /* socket may already be gone */
      }
      await sim.stop();
    },
  };
}

export function quietConnectTo(url: string, user: string, pass: string): Promise<Client> {
  return quietConnect(url, user, pass);
}

/** Raw HTTP with Basic auth (ari-client hides status codes, NOTES.md §2.5 #5). */
export async function rest(sim: AriSimulator, method: string, path: string, query: Record<string, string> = {}, body?: unknown, auth = `${sim.username}:${sim.password}`): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const qs = new URLSearchParams(query).toString();
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  if (body !== undefined && body !== null) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}${qs ? `?${qs}` : ''}`, {
    method,
    headers,
    body: body !== undefined && body !== null ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text === '' ? null : text;
  if ((res.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
  return { status: res.status, body: parsed, text, headers: res.headers };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

const SAMPLES = fileURLToPath(new URL('../ari-api-docs/samples/', import.meta.url));

export interface SampleLine {
  rest?: { method: string; path: string; query: Record<string, string>; body: unknown; status: number; response: unknown };
  ws?: Record<string, unknown>;
  event?: AriEvent;
}

export function loadSample(file: string): SampleLine[] {
  return readFileSync(`${SAMPLES}${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as Record<string, any>;
      if (o.rest) return { rest: o.rest };
      if (o.ws) return { ws: o.ws };
      return { event: o };
    });
}

export function sampleEvents(file: string): AriEvent[] {
  return loadSample(file).flatMap((l) => (l.event ? [l.event] : []));
}

/** Replaces values that legitimately differ between runs (generated ids, times, counters). */
export function normalizeBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeBody);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'creationtime' || k === 'timestamp') out[k] = '<time>';
    else if (k === 'protocol_id' && typeof v === 'string' && v) out[k] = '<call-id>';
    else if (k === 'id' && typeof v === 'string' && (/^\d+\.\d+$/.test(v) || /^[0-9a-f-]{36}$/.test(v))) out[k] = '<generated id>';
    else if (k === 'name' && typeof v === 'string') out[k] = v.replace(/-[0-9a-f]{8}(;[12])?$/, '-<n>$1');
    else out[k] = normalizeBody(v);
  }
  return out;
}

const spec = new AriSpec();
const router = new Router(spec);

/** Calls the REST operation of a recorded line through ari-client's generated API. */
async function viaAriClient(client: Client, r: NonNullable<SampleLine['rest']>): Promise<void> {
  const segments = r.path.slice('/ari'.length).split('/').filter(Boolean).map(decodeURIComponent);
  const match = router.match(r.method, segments);
  if (match.kind !== 'ok') throw new Error(`no ARI operation for ${r.method} ${r.path}`);
  const params: Record<string, unknown> = { ...match.pathParams, ...r.query };
  const body = r.body as Record<string, unknown> | null;
  for (const p of match.op.params) if (p.paramType === 'body' && body && body[p.name] !== undefined) params[p.name] = body[p.name];
  const resource = (client as unknown as Record<string, Record<string, (p: unknown) => Promise<unknown>>>)[match.op.resource];
  await resource[match.op.nickname](params);
}

/**
 * Replays the REST lines of a recording in order. `waits[k]` runs before line k (waiting for
 * events, acting as the customer or the phone). Lines answered with a body to compare
 * (GET/PUT) or with an error status go out as raw HTTP and are checked against the
 * recording; the others go through ari-client. Returns the mismatches found.
 */
export async function replayRest(h: Harness, file: string, waits: Record<number, (h: Harness) => Promise<unknown>> = {}): Promise<string[]> {
  const lines = loadSample(file).flatMap((l) => (l.rest ? [l.rest] : []));
  const problems: string[] = [];
  for (const [k, r] of lines.entries()) {
    if (waits[k]) await waits[k](h);
    const where = `#${k} ${r.method} ${r.path}`;
    if (r.status >= 400 || r.method === 'GET' || r.method === 'PUT') {
      const res = await rest(h.sim, r.method, r.path, r.query, r.body);
      if (res.status !== r.status) problems.push(`${where}: status ${res.status} (${res.text}), recorded ${r.status}`);
      else if (JSON.stringify(normalizeBody(res.body)) !== JSON.stringify(normalizeBody(r.response))) {
        problems.push(`${where}: body ${JSON.stringify(res.body)}\n   recorded ${JSON.stringify(r.response)}`);
      }
    } else {
      try {
        await viaAriClient(h.client, r);
      } catch (err) {
        problems.push(`${where}: ari-client call failed: ${String(err)}`);
      }
    }
  }
  return problems;
}

export const isEvent = (type: string, channelId?: string) => (e: AriEvent): boolean =>
  e.type === type && (channelId === undefined || e.channel?.id === channelId || e.peer?.id === channelId);

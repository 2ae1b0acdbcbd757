import ari from 'ari-client';
import type { Logger } from '../../core/ports.ts';
import type { TelephonyEvent, TelephonyLink } from '../../core/telephony.ts';
import { normalizeEvent } from './events.ts';
import { toTelephonyError, withTimeout } from './errors.ts';

export interface AriSettings {
  url: string;
  user: string;
  password: string;
  app: string;
  requestTimeoutMs?: number;
  maxBackoffMs?: number;
}

type AriClient = any;

/**
 * The ARI connection with the fixes of NOTES.md §2.5–2.6: a credential check
 * before connect (a wrong password would crash ari-client), reconnect forever
 * with capped backoff (ari-client gives up after ~43 s), a ping watchdog for
 * half-open sockets, and resynchronisation hooks on every (re)connect.
 */
export function createAriLink(settings: AriSettings, logger: Logger) {
  const log = logger.child('appliance:ari');
  const timeout = settings.requestTimeoutMs ?? 5000;
  const maxBackoff = settings.maxBackoffMs ?? 10_000;
  const eventHandlers: ((e: TelephonyEvent) => void)[] = [];
  const connectedHandlers: (() => Promise<void> | void)[] = [];
  const disconnectedHandlers: (() => void)[] = [];
  let client: AriClient | null = null;
  let state: 'connecting' | 'connected' | 'down' = 'connecting';
  let stopped = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let watchdog: NodeJS.Timeout | null = null;
  let lastPong = Date.now();
  // While resynchronising, events wait so the ACD sees state and events in order.
  let gate: Promise<void> = Promise.resolve();

  const base = settings.url.replace(/\/+$/, '').replace(/\/ari$/, '');
  const auth = 'Basic ' + Buffer.from(`${settings.user}:${settings.password}`).toString('base64');

  async function credentialsOk(): Promise<boolean> {
    const res = await fetch(`${base}/ari/asterisk/ping`, { headers: { authorization: auth }, signal: AbortSignal.timeout(timeout) });
    if (res.status === 401) {
      log.error('ARI refused the credentials; check ASTERISK_ARI_USER/ASTERISK_ARI_PASSWORD');
      return false;
    }
    return res.ok;
  }

  function setState(next: typeof state) {
    if (state === next) return;
    const was = state;
    state = next;
    if (next === 'down' && was === 'connected') for (const h of disconnectedHandlers) h();
  }

  async function announceConnected() {
    setState('connected');
    attempt = 0;
    lastPong = Date.now();
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    try {
      for (const h of connectedHandlers) await h();
    } catch (err) {
      log.error('resynchronisation failed', { err: toTelephonyError(err) });
    } finally {
      release();
    }
  }

  function scheduleRetry() {
    if (stopped || retryTimer) return;
    const delay = Math.min(maxBackoff, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
  }

  function teardown() {
    if (watchdog) clearInterval(watchdog);
    watchdog = null;
    const old = client;
    client = null;
    if (old) {
      old.removeAllListeners();
      try {
        old.stop();
      } catch {
        // already closed
      }
    }
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    setState(state === 'connected' ? 'down' : state);
    try {
      if (!(await credentialsOk())) return scheduleRetry();
      const quiet = console.log;
      // swagger-client prints a deprecation banner on every connect (NOTES.md §2.1).
      console.log = (...args: unknown[]) => (String(args[0]).includes('deprecated version of Swagger') ? undefined : quiet(...args));
      let c: AriClient;
      try {
        c = await withTimeout(ari.connect(base, settings.user, settings.password) as Promise<AriClient>, timeout * 3, 'ARI connect');
      } finally {
        console.log = quiet;
      }
      if (stopped) return void c.stop?.();
      client = c;
      c.on('*', (event: Record<string, unknown>) => {
        const e = normalizeEvent(event, Date.now());
        if (!e) return;
        void gate.then(() => {
          for (const h of eventHandlers) {
            try {
              h(e);
            } catch (err) {
              log.error('event handler failed', { err, type: e.type });
            }
          }
        });
      });
      c.on('WebSocketReconnecting', () => setState('down'));
      // ari-client also emits WebSocketConnected on the first open; only later ones are reconnects.
      let opened = false;
      c.on('WebSocketConnected', () => {
        if (opened) void announceConnected();
        opened = true;
      });
      c.on('WebSocketMaxRetries', () => {
        // ari-client has given up for good: build a new client.
        teardown();
        setState('down');
        scheduleRetry();
      });
      c.on('pong', () => (lastPong = Date.now()));
      await withTimeout(c.start(settings.app) as Promise<unknown>, timeout * 3, 'ARI events');
      watchdog = setInterval(() => {
        if (!client || state !== 'connected') return;
        if (Date.now() - lastPong > 3 * 10_000) {
          log.warn('ARI WebSocket silent; forcing a reconnect');
          client._ws?.terminate?.();
          lastPong = Date.now();
        } else {
          try {
            client.ping();
          } catch {
            // reconnect logic handles a closed socket
          }
        }
      }, 10_000);
      log.info('ARI connected', { url: base, app: settings.app });
      await announceConnected();
    } catch (err) {
      log.warn('ARI connect failed', { err: toTelephonyError(err) });
      teardown();
      setState('down');
      scheduleRetry();
    }
  }

  const link: TelephonyLink & { start(): void; stop(): Promise<void>; client(): AriClient; getRaw(path: string): Promise<Response> } = {
    onConnected: (h) => void connectedHandlers.push(h),
    onDisconnected: (h) => void disconnectedHandlers.push(h),
    onEvent: (h) => void eventHandlers.push(h),
    state: () => state,
    start: () => void connect(),
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      teardown();
    },
    client() {
      if (!client || state !== 'connected') throw { status: 503, message: 'ARI not connected' };
      return client;
    },
    /**
     * A plain GET on the ARI REST API for binary resources (stored recordings):
     * ari-client's swagger layer decodes every body as text, which corrupts audio.
     * The timeout covers the response headers only; the body streams on.
     */
    async getRaw(path: string): Promise<Response> {
      if (!client || state !== 'connected') throw { status: 503, message: 'ARI not connected' };
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeout);
      try {
        return await fetch(`${base}/ari${path}`, { headers: { authorization: auth }, signal: abort.signal });
      } catch (err) {
        throw abort.signal.aborted ? { status: 504, message: `GET ${path} timed out after ${timeout} ms` } : { status: 503, message: `GET ${path}: ${(err as Error).message}` };
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return link;
}

export type AriLink = ReturnType<typeof createAriLink>;

/**
 * ari-client can throw from inside its HTTP callbacks (NOTES.md §2.5 #2, #3).
 * Faults whose stack is in its code are logged instead of ending the process;
 * anything else keeps Node's default (crash, so a supervisor restarts us).
 */
export function installAriFaultGuard(logger: Logger): () => void {
  const log = logger.child('appliance:ari');
  const fromAri = (err: unknown) => /ari-client|swagger-client|shred/.test(String((err as Error)?.stack ?? err));
  const onError = (err: unknown) => {
    if (fromAri(err)) return log.error('ari-client fault contained', { err: String((err as Error)?.message ?? err) });
    throw err;
  };
  const onRejection = (reason: unknown) => {
    if (fromAri(reason) || typeof reason === 'string') return log.error('ari-client rejection contained', { err: String(reason) });
    throw reason;
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onRejection);
  };
}

import { topics, type LiveEnvelope } from '@edgecall/contracts/topics';
import { Store } from './store.ts';
import { bannerState, type BannerState, type ConnectionFacts } from './connection-state.ts';
import type { SessionStore } from './session.ts';
import type { ApiClient } from '../data/http.ts';
import { createMqttToken } from '../data/session.ts';
import { liveUrl, subscribeLive, type LiveSubscription } from '../data/live.ts';
import { fetchHealth } from '../data/health.ts';

export interface ConnectionState extends ConnectionFacts {
  banner: BannerState;
  /** Server time (ISO) carried by the last heartbeat. */
  lastHeartbeatTs: string | null;
  /** The retained sys/online: is the appliance's live side up, and since when. */
  applianceOnline: { online: boolean; since: string } | null;
}

const PROBE_EVERY_MS = 5_000;
const TICK_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Reachability of the appliance and the live (MQTT) channel. HTTP answers
 * and failures report here through the api hooks; while offline a health
 * probe notices the appliance's return. The live channel runs while a
 * session is authenticated, with a fresh token on every (re)connect.
 */
export class ConnectionStore extends Store<ConnectionState> {
  #live: LiveSubscription | null = null;
  #generation = 0;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  #started = false;

  constructor(
    private readonly api: ApiClient,
    private readonly session: SessionStore,
    private readonly now: () => number = Date.now,
  ) {
    super({ reachable: null, live: 'idle', liveSince: null, lastHeartbeatAt: null, lastHeartbeatTs: null, applianceOnline: null, banner: 'checking' });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    window.addEventListener('offline', () => {
      this.#dropLive('down');
      this.markUnreachable();
    });
    window.addEventListener('online', () => void this.probe());
    this.session.subscribe((s, prev) => {
      if (s.status === 'authenticated' && prev.status !== 'authenticated') this.#connectLive();
      if (s.status !== 'authenticated' && prev.status === 'authenticated') this.#dropLive('idle');
    });
    // Staleness is a matter of time passing, so it is re-derived on a tick.
    setInterval(() => this.#derive(), TICK_MS);
    if (this.session.value.status === 'authenticated') this.#connectLive();
  }

  markReachable(): void {
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#probeTimer = undefined;
    const wasDown = this.value.reachable !== true;
    this.#update({ reachable: true });
    if (wasDown && this.value.live !== 'up') this.#connectLive();
  }

  markUnreachable(): void {
    this.#update({ reachable: false });
    this.#probeTimer ??= setTimeout(() => {
      this.#probeTimer = undefined;
      void this.probe();
    }, PROBE_EVERY_MS);
  }

  /** Check now (the banner's retry button, the browser's "online" event). */
  async probe(): Promise<boolean> {
    const ok = await fetchHealth();
    if (ok) this.markReachable();
    else this.markUnreachable();
    return ok;
  }

  async #connectLive(): Promise<void> {
    const s = this.session.value;
    if (s.status !== 'authenticated' || this.#live || this.value.live === 'connecting') return;
    const generation = ++this.#generation;
    clearTimeout(this.#retryTimer);
    this.#update({ live: 'connecting' });
    try {
      // A network failure or a 401 here is reported by the api hooks (offline / logged out).
      const { mqttToken, site } = await createMqttToken(this.api);
      if (generation !== this.#generation) return;
      const sysOnline = topics.sysOnline(site);
      const sysSeq = topics.sysSeq(site);
      this.#live = await subscribeLive({
        url: liveUrl(),
        username: s.user.username,
        password: mqttToken,
        topics: [sysOnline, sysSeq],
        handlers: {
          onConnect: () => {
            if (generation !== this.#generation) return;
            this.#attempt = 0;
            this.#update({ live: 'up', liveSince: this.now(), reachable: true });
          },
          onMessage: (topic, envelope) => {
            if (generation !== this.#generation) return;
            if (topic === sysSeq && envelope) this.#update({ lastHeartbeatAt: this.now(), lastHeartbeatTs: envelope.ts });
            if (topic === sysOnline) this.#update({ applianceOnline: onlineOf(envelope) });
          },
          onClose: () => {
            if (generation !== this.#generation) return;
            this.#live = null;
            this.#update({ live: 'down', liveSince: null });
            this.#scheduleRetry();
          },
        },
      });
      if (generation !== this.#generation) this.#live?.close();
    } catch {
      if (generation !== this.#generation) return;
      this.#update({ live: 'down' });
      this.#scheduleRetry();
    }
  }

  #scheduleRetry(): void {
    clearTimeout(this.#retryTimer);
    // While the appliance is unreachable, markReachable() restarts the channel instead.
    if (this.session.value.status !== 'authenticated' || this.value.reachable === false) return;
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt++);
    this.#retryTimer = setTimeout(() => void this.#connectLive(), base / 2 + Math.random() * (base / 2));
  }

  #dropLive(status: 'idle' | 'down'): void {
    this.#generation++;
    clearTimeout(this.#retryTimer);
    this.#live?.close();
    this.#live = null;
    this.#update({ live: status, liveSince: null, ...(status === 'idle' ? { lastHeartbeatAt: null, lastHeartbeatTs: null, applianceOnline: null } : {}) });
  }

  #update(changes: Partial<ConnectionState>): void {
    const next = { ...this.value, ...changes };
    this.patch({ ...changes, banner: bannerState(next, this.now()) });
  }

  #derive(): void {
    this.patch({ banner: bannerState(this.value, this.now()) });
  }
}

function onlineOf(envelope: LiveEnvelope | null): ConnectionState['applianceOnline'] {
  const d = envelope?.data as { online?: unknown; since?: unknown } | undefined;
  return typeof d?.online === 'boolean' ? { online: d.online, since: typeof d.since === 'string' ? d.since : envelope!.ts } : null;
}

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

/** A panel's interest in live topics; `onMessage` gets every matching message. */
export type LiveListener = (topic: string, envelope: LiveEnvelope | null) => void;

interface Watch {
  filters: string[];
  onMessage: LiveListener;
}

/** MQTT filter matching (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
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
  readonly #watches = new Set<Watch>();
  /** How many watches use each filter: the broker subscription lives while one does. */
  readonly #filterUse = new Map<string, number>();
  /**
   * The last message of each retained topic (state, KPIs). A panel that
   * subscribes to a filter already in use gets no retained copy from the
   * broker, so it is replayed from here. Non-retained topics (the inbox) are
   * never replayed: an old screen pop must not ring again.
   */
  readonly #retained = new Map<string, LiveEnvelope | null>();

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

  /**
   * Follows live topics while the caller is interested; survives reconnects
   * (every watched filter is subscribed again on each connection).
   */
  watch(filters: string[], onMessage: LiveListener): () => void {
    const w: Watch = { filters: [...new Set(filters)], onMessage };
    this.#watches.add(w);
    const fresh = w.filters.filter((f) => {
      const n = this.#filterUse.get(f) ?? 0;
      this.#filterUse.set(f, n + 1);
      return n === 0;
    });
    this.#live?.subscribe(fresh);
    for (const [topic, envelope] of this.#retained) {
      if (w.filters.some((f) => !fresh.includes(f) && topicMatches(f, topic))) onMessage(topic, envelope);
    }
    return () => {
      if (!this.#watches.delete(w)) return;
      const gone = w.filters.filter((f) => {
        const n = (this.#filterUse.get(f) ?? 1) - 1;
        if (n > 0) this.#filterUse.set(f, n);
        else this.#filterUse.delete(f);
        return n <= 0;
      });
      this.#live?.unsubscribe(gone);
      for (const topic of [...this.#retained.keys()]) {
        if (![...this.#filterUse.keys()].some((f) => topicMatches(f, topic))) this.#retained.delete(topic);
      }
    };
  }

  #dispatch(topic: string, envelope: LiveEnvelope | null, retained: boolean): void {
    if (retained || this.#retained.has(topic)) this.#retained.set(topic, envelope);
    for (const w of [...this.#watches]) {
      if (w.filters.some((f) => topicMatches(f, topic))) w.onMessage(topic, envelope);
    }
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
        topics: () => [sysOnline, sysSeq, ...this.#filterUse.keys()],
        handlers: {
          onConnect: () => {
            if (generation !== this.#generation) return;
            this.#attempt = 0;
            this.#update({ live: 'up', liveSince: this.now(), reachable: true });
          },
          onMessage: (topic, envelope, retained) => {
            if (generation !== this.#generation) return;
            if (topic !== sysOnline && topic !== sysSeq) this.#dispatch(topic, envelope, retained);
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
    if (status === 'idle') this.#retained.clear();
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

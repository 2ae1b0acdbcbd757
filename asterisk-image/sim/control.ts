// The world outside Asterisk, for tests and the traffic generator: agent phones, customers
// calling in, the ARI link going down, a snapshot of channels and bridges, and everything
// that happened (REST calls with status, events sent, activity).
import type { World } from './world.ts';
import type { History, HistoryEntry, HistoryKind } from './history.ts';
import type { AriHttpServer } from './http-server.ts';
import { bridgeJson, channelJson, playbackJson, recordingJson } from './model.ts';
import type { Phone, PhoneOptions } from './phones.ts';
import type { InboundCall, InboundCallOptions } from './inbound.ts';

export interface SimSnapshot {
  at: string;
  channels: Array<Record<string, unknown> & { sim: { inStasis?: string; bridgeId?: string; heldByAri: boolean; heldByDevice: boolean; mohClass?: string; muted: string[]; snoopOf?: string } }>;
  bridges: Array<Record<string, unknown> & { sim: { mohClass?: string; recording: boolean } }>;
  playbacks: Array<Record<string, unknown>>;
  liveRecordings: Array<Record<string, unknown>>;
  apps: Array<{ name: string; connected: boolean }>;
  phones: Array<{ number: string; state: string; online: boolean; channelId?: string }>;
}

export class SimControl {
  constructor(
    private readonly world: World,
    private readonly historyStore: History,
    private readonly http: AriHttpServer,
  ) {}

  /** Simulated clock: `now()` in simulated epoch ms; `sleep()` takes simulated ms. */
  get clock(): { now(): number; timeScale: number; sleep(simMs: number): Promise<void> } {
    const c = this.world.clock;
    return { now: () => c.now(), timeScale: c.timeScale, sleep: (ms: number) => c.sleep(ms) };
  }

  /** Registers (or updates) an agent phone reachable as PJSIP/<number> and Local/<number>@<context>. */
  registerPhone(number: string, options: PhoneOptions = {}): Phone {
    return this.world.phones.register(number, options);
  }

  phone(number: string): Phone | undefined {
    return this.world.phones.get(number);
  }

  phones(): Phone[] {
    return this.world.phones.all();
  }

  /** A customer calls `did`; returns the handle to act as that customer. */
  inboundCall(options: InboundCallOptions): InboundCall {
    if (!options || typeof options.did !== 'string' || typeof options.callerNumber !== 'string') {
      throw new TypeError('inboundCall needs { did: string, callerNumber: string }');
    }
    for (const id of [options.channelId, options.customerChannelId]) {
      if (id && this.world.idTaken(id)) throw new Error(`channel id '${id}' is already in use`);
    }
    return this.world.inbound.start(options);
  }

  calls(): InboundCall[] {
    return this.world.inbound.all();
  }

  /** Which registered phone a channel belongs to (the app-side channel of its call). */
  phoneForChannel(channelId: string): Phone | undefined {
    const ch = this.world.channels.get(channelId);
    return ch ? this.world.phones.byChannel(ch) : undefined;
  }

  /**
   * Terminates every event WebSocket; clients see an abnormal close and reconnect. With
   * `refuseMs`, new event WebSockets are refused (503) for that many real milliseconds, so
   * a test controls how long the app stays deaf.
   */
  dropEventSockets(refuseMs = 0): number {
    if (refuseMs > 0) this.http.refuseUpgrades(refuseMs);
    return this.world.hub.dropAll();
  }

  /** The ARI link is down for `ms` real milliseconds: TCP connections are refused. */
  refuseConnections(ms: number): Promise<void> {
    return this.http.refuse(ms);
  }

  /** Pushes a hand-made event through the event guard (for testing the guard itself). */
  injectEvent(app: string, event: Record<string, unknown>): boolean {
    return this.world.hub.inject(app, event);
  }

  snapshot(): SimSnapshot {
    const w = this.world;
    return {
      at: w.clock.timestamp(),
      channels: [...w.channels.values()]
        .filter((c) => !c.hidden)
        .map((c) => ({
          ...channelJson(c),
          sim: {
            inStasis: c.stasis?.app,
            bridgeId: c.bridgeId,
            heldByAri: c.heldByAri,
            heldByDevice: c.heldByDevice,
            mohClass: c.mohClass,
            muted: [...c.mutedDirections],
            snoopOf: c.snoopOf,
          },
        })),
      bridges: [...w.bridges.values()].map((b) => ({
        ...bridgeJson(b),
        sim: { mohClass: b.mohClass, recording: [...w.liveRecordings.values()].some((r) => r.targetUri === `bridge:${b.id}`) },
      })),
      playbacks: [...w.playbacks.values()].map(playbackJson),
      liveRecordings: [...w.liveRecordings.values()].map(recordingJson),
      apps: [...w.hub.apps.values()].map((a) => ({ name: a.name, connected: w.hub.isActive(a.name) })),
      phones: w.phones.all().map((p) => ({ number: p.number, state: p.state, online: p.online, channelId: p.channelId })),
    };
  }

  history(kind?: HistoryKind): HistoryEntry[] {
    return this.historyStore.list(kind);
  }

  clearHistory(): void {
    this.historyStore.clear();
  }

  /** Listens to `rest`, `event`, `guard`, `ws`, `activity` entries, or `*` for all. */
  on(kind: HistoryKind | '*', listener: (entry: HistoryEntry) => void): () => void {
    this.historyStore.on(kind, listener);
    return () => this.historyStore.off(kind, listener);
  }

  /**
   * Resolves with the first entry (past or future) matching `predicate`; rejects after
   * `timeoutMs` real milliseconds (default 10 s) so a broken flow fails instead of hanging.
   */
  waitFor(predicate: (e: HistoryEntry) => boolean, timeoutMs = 10_000): Promise<HistoryEntry> {
    const past = this.historyStore.list().find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const off = this.on('*', (e) => {
        if (!predicate(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
      const timer = setTimeout(() => {
        off();
        reject(new Error('waitFor: no matching simulator history entry'));
      }, timeoutMs);
    });
  }
}

// The simulated Asterisk: channels, bridges, playbacks, recordings and who hears about them.
//
// Subscription rules (subscribeAll=false), as recorded on Asterisk 22.10.1:
// - a channel that enters Stasis from the dialplan is reported to its app until StasisEnd;
// - a channel originated/created with `app` (both halves of a Local pair when originated) is
//   reported until ChannelDestroyed, including after StasisEnd;
// - a bridge is reported to an app while one of its channels entered it and did not leave by
//   removeChannel or by moving to another bridge (a hangup inside the bridge keeps the
//   subscription, which is why BridgeDestroyed only arrives in those cases);
// - there are no ChannelCreated/BridgeCreated events unless an app uses subscribeAll.
import type { SimClock, TimerHandle } from './clock.ts';
import type { EventHub } from './event-hub.ts';
import type { History } from './history.ts';
import type { IdFactory } from './ids.ts';
import { bridgeJson, channelJson, type SimBridge, type SimChannel, type SimPlayback, type SimRecording } from './model.ts';
import { ChannelLifecycle } from './channel-lifecycle.ts';
import { BridgeService } from './bridge-service.ts';
import { PlaybackService } from './playback-service.ts';
import { RecordingService } from './recording-service.ts';
import { Dialer } from './dialer.ts';
import { PhoneRegistry } from './phones.ts';
import { InboundCalls } from './inbound.ts';
import { PjsipConfig } from './pjsip-config.ts';
import { SoundCatalog } from './sounds.ts';
import { ChannelFeatures } from './channel-features.ts';

export interface WorldConfig {
  /** Dialplan context whose extensions run `Stasis(<inboundApp>,inbound,<exten>)`. */
  inboundContext: string;
  inboundApp: string;
  /** Contexts where Local/<number>@<context> reaches a registered phone or a test extension. */
  agentContexts: string[];
  /** Context the customer half of an inbound call runs (it just stays on the line). */
  customerContext: string;
  dataDir: string;
  extraSounds: Record<string, number>;
  recordingAudio: 'tone' | 'silence';
}

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;

export class World {
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly liveRecordings = new Map<string, SimRecording>();
  readonly globalVars = new Map<string, string>();
  readonly deviceStates = new Map<string, string>();
  /** Explicit applications/subscribe sources per app, e.g. `endpoint:PJSIP/1001`. */
  readonly appSources = new Map<string, Set<string>>();
  /** Modules unloaded through DELETE /asterisk/modules/{name} (everything else runs). */
  readonly unloadedModules = new Set<string>();

  readonly lifecycle: ChannelLifecycle;
  readonly bridgeSvc: BridgeService;
  readonly playbackSvc: PlaybackService;
  readonly recordingSvc: RecordingService;
  readonly dialer: Dialer;
  readonly phones: PhoneRegistry;
  readonly inbound: InboundCalls;
  readonly pjsip: PjsipConfig;
  readonly sounds: SoundCatalog;
  readonly features: ChannelFeatures;

  constructor(
    readonly clock: SimClock,
    readonly ids: IdFactory,
    readonly hub: EventHub,
    readonly history: History,
    readonly config: WorldConfig,
    readonly log: LogFn,
  ) {
    this.lifecycle = new ChannelLifecycle(this);
    this.bridgeSvc = new BridgeService(this);
    this.playbackSvc = new PlaybackService(this);
    this.recordingSvc = new RecordingService(this);
    this.dialer = new Dialer(this);
    this.phones = new PhoneRegistry(this);
    this.inbound = new InboundCalls(this);
    this.pjsip = new PjsipConfig();
    this.sounds = new SoundCatalog(config.dataDir, config.extraSounds);
    this.features = new ChannelFeatures(this);
  }

  activity(what: string, details: Record<string, unknown> = {}): void {
    this.history.add({ kind: 'activity', at: this.clock.now(), what, ...details });
  }

  /** A timer owned by a channel: cancelled automatically when the channel is destroyed. */
  channelTimer(ch: SimChannel, simMs: number, fn: () => void): TimerHandle {
    const handle = this.clock.after(simMs, () => {
      ch.timers.delete(handle);
      if (!ch.destroyed) fn();
    });
    ch.timers.add(handle);
    return handle;
  }

  // ---- who hears what -------------------------------------------------------------------

  appsForChannel(ch: SimChannel): Set<string> {
    const apps = new Set<string>([...ch.originSubs, ...ch.explicitSubs]);
    if (ch.stasis) apps.add(ch.stasis.app);
    if (!ch.hidden) for (const a of this.hub.subscribeAllApps()) apps.add(a);
    return apps;
  }

  appsForBridge(b: SimBridge): Set<string> {
    const apps = new Set<string>(b.explicitSubs);
    for (const [app, count] of b.subscribers) if (count > 0) apps.add(app);
    for (const a of this.hub.subscribeAllApps()) apps.add(a);
    return apps;
  }

  emitTo(apps: Iterable<string>, type: string, payload: Record<string, unknown>): void {
    for (const app of apps) this.hub.send(app, type, payload);
  }

  /** Emits a channel-scoped event with the channel snapshot taken now. */
  channelEvent(ch: SimChannel, type: string, extra: Record<string, unknown> = {}): void {
    if (ch.hidden) return;
    this.emitTo(this.appsForChannel(ch), type, { ...extra, channel: channelJson(ch) });
  }

  bridgeChannelEvent(ch: SimChannel, b: SimBridge, type: string): void {
    const apps = new Set([...this.appsForChannel(ch), ...this.appsForBridge(b)]);
    this.emitTo(apps, type, { bridge: bridgeJson(b), channel: channelJson(ch) });
  }

  // ---- lookups -------------------------------------------------------------------------

  channel(id: string): SimChannel | undefined {
    const ch = this.channels.get(id);
    return ch && !ch.hidden ? ch : undefined;
  }

  /** Asterisk's uniqueness check matches prefixes of ids and names (re-cal vs re-caller). */
  idTaken(id: string): boolean {
    for (const ch of this.channels.values()) {
      if (ch.id.startsWith(id) || ch.name.startsWith(id)) return true;
    }
    return false;
  }

  bridgeOf(ch: SimChannel): SimBridge | undefined {
    return ch.bridgeId ? this.bridges.get(ch.bridgeId) : undefined;
  }

  subscribeSource(app: string, source: string): void {
    let set = this.appSources.get(app);
    if (!set) this.appSources.set(app, (set = new Set()));
    set.add(source);
  }

  /** Tears everything down without emitting events (simulator shutdown). */
  shutdown(): void {
    for (const ch of this.channels.values()) {
      for (const t of ch.timers) t.cancel();
      ch.destroyed = true;
    }
    for (const p of this.playbacks.values()) p.timer?.cancel();
    for (const r of this.liveRecordings.values()) r.maxDurationTimer?.cancel();
    this.channels.clear();
    this.bridges.clear();
    this.playbacks.clear();
    this.liveRecordings.clear();
  }
}

// Channel creation, Stasis entry/exit, answer and hangup with Asterisk's event sequences.
//
// Hangup sequences reproduce samples/*.jsonl:
// - ARI hangup: ChannelHangupRequest cause 32 soft:true, ..., ChannelDestroyed cause 16;
// - remote hangup (the other half or the device went away): cause 16 without `soft`;
// - a channel that runs a dialplan (Local ;2 phone half, customer half) adds a
//   ChannelHangupRequest cause 16 soft:true when its PBX thread ends;
// - order inside: playback fails, bridge left (BRIDGEPEER cleared first), StasisEnd,
//   STASISSTATUS=SUCCESS, then the Local peer is torn down and both halves destroyed;
// - PJSIP channels that carried media report five RTPAUDIOQOS* variables first.
import type { World } from './world.ts';
import { endpointChanged, endpointOfChannel } from './endpoints.ts';
import {
  causeText,
  channelJson,
  NO_CALLER,
  type CallerId,
  type ChannelTech,
  type DialplanLoc,
  type SimChannel,
} from './model.ts';

function sameCaller(a: CallerId, b: CallerId): boolean {
  return a.name === b.name && a.number === b.number;
}

export interface NewChannel {
  id: string;
  name: string;
  tech: ChannelTech;
  state: string;
  caller?: CallerId;
  connected?: CallerId;
  dialplan: DialplanLoc;
  pbx: boolean;
  hidden?: boolean;
  protocolId?: string;
}

export interface HangupOptions {
  /** Cause in the first ChannelHangupRequest (32 for an ARI hangup). */
  requestCause: number;
  soft?: boolean;
  techCause?: number;
  /** Cause in ChannelDestroyed of this channel (defaults to 16, Normal Clearing). */
  cause?: number;
  /** The request itself is the dialplan ending: no extra soft request for the PBX thread. */
  pbxEnd?: boolean;
}

export class ChannelLifecycle {
  constructor(private readonly world: World) {}

  create(spec: NewChannel): SimChannel {
    const w = this.world;
    const ch: SimChannel = {
      id: spec.id,
      name: spec.name,
      tech: spec.tech,
      state: spec.state,
      protocolId: spec.protocolId ?? '',
      caller: { ...(spec.caller ?? NO_CALLER) },
      connected: { ...(spec.connected ?? spec.caller ?? NO_CALLER) },
      dialplan: { ...spec.dialplan },
      creationtime: w.clock.timestamp(),
      language: 'en',
      vars: new Map(),
      reportedVars: new Set(),
      hidden: spec.hidden ?? false,
      originSubs: new Set(),
      explicitSubs: new Set(),
      pbx: spec.pbx,
      farEnd: { kind: 'none' },
      mutedDirections: new Set(),
      heldByAri: false,
      heldByDevice: false,
      silence: false,
      snoops: new Set(),
      timers: new Set(),
      hangingUp: false,
      destroyed: false,
    };
    w.channels.set(ch.id, ch);
    if (ch.tech === 'PJSIP') this.endpointChanged(ch);
    if (!ch.hidden) {
      const all = w.hub.subscribeAllApps();
      if (all.length) w.emitTo(all, 'ChannelCreated', { channel: channelJson(ch) });
    }
    return ch;
  }

  setState(ch: SimChannel, state: string): void {
    if (ch.state === state) return;
    ch.state = state;
    ch.dialplan = { ...ch.dialplan };
    this.world.channelEvent(ch, 'ChannelStateChange');
  }

  setVar(ch: SimChannel, name: string, value: string): void {
    ch.vars.set(name, value);
    this.world.channelEvent(ch, 'ChannelVarset', { variable: name, value });
  }

  dialplanStep(ch: SimChannel, app: string, data: string, priority?: number): void {
    ch.dialplan = { ...ch.dialplan, app_name: app, app_data: data, priority: priority ?? ch.dialplan.priority };
    this.world.channelEvent(ch, 'ChannelDialplan', { dialplan_app: app, dialplan_app_data: data });
  }

  callerIdChanged(ch: SimChannel): void {
    // The recordings show presentation 0 even for an empty caller (snoop peers).
    this.world.channelEvent(ch, 'ChannelCallerId', {
      caller_presentation: 0,
      caller_presentation_txt: 'Presentation Allowed, Not Screened',
    });
  }

  /**
   * Sets the connected line. A Local `;1` passes it on to its `;2` half as caller id; the
   * recorded phone halves report that (ChannelCallerId) while running their post-answer
   * dialplan (see afterAnswerSteps).
   */
  setConnected(ch: SimChannel, cid: CallerId): void {
    if (ch.connected.name === cid.name && ch.connected.number === cid.number) return;
    ch.connected = { ...cid };
    this.world.channelEvent(ch, 'ChannelConnectedLine');
    if (ch.half !== 1 || !ch.peer || ch.peer.destroyed || ch.peer.callerSynced !== false) return;
    const peer = ch.peer;
    if (peer.pendingAfterAnswer) {
      this.afterAnswerSteps(ch);
    } else if (!peer.callerSyncScheduled) {
      // The post-answer steps are announced already or about to be; if they ran before this
      // change (the app bridged late), the caller id follows on its own.
      peer.callerSyncScheduled = true;
      this.world.channelTimer(peer, 5, () => {
        if (peer.callerSynced === false) this.syncCaller(ch, peer);
      });
    }
  }

  /**
   * Announces the post-answer dialplan of a Local phone half (PlayTones, Wait, ...) once:
   * on the first bridge join or connected-line change of its `;1` half, or a few seconds
   * after answer. On the recorded system these came a few ms after answer, once the app had
   * bridged the agent, with the new caller id (from the `;1` connected line) in between.
   * Only the first connected-line change is passed on: later ones reached the recorded `;2`
   * only after it was destroyed.
   */
  afterAnswerSteps(first: SimChannel): void {
    const second = first.peer;
    if (!second || second.destroyed || !second.pendingAfterAnswer) return;
    const steps = second.pendingAfterAnswer;
    second.pendingAfterAnswer = undefined;
    this.world.channelTimer(second, 5, () => {
      const [head, ...rest] = steps;
      let priority = second.dialplan.priority;
      if (head) this.dialplanStep(second, head[0], head[1], ++priority);
      if (second.callerSynced === false && !sameCaller(second.caller, first.connected)) this.syncCaller(first, second);
      for (const [app, data] of rest) this.dialplanStep(second, app, data, ++priority);
    });
  }

  private syncCaller(first: SimChannel, second: SimChannel): void {
    second.callerSynced = true;
    if (sameCaller(second.caller, first.connected)) return;
    second.caller = { ...first.connected };
    this.callerIdChanged(second);
  }

  /** Enters Stasis(app,args). Returns false (and sets STASISSTATUS=FAILED) if the app is not active. */
  enterStasis(ch: SimChannel, app: string, args: string[], fromDialplan: boolean): boolean {
    const w = this.world;
    if (!w.hub.isActive(app)) {
      ch.vars.set('STASISSTATUS', 'FAILED');
      w.activity('stasis-failed', { channelId: ch.id, app, reason: 'application not active' });
      return false;
    }
    ch.afterStasis = fromDialplan ? { ...ch.dialplan, app_name: '', app_data: '' } : { ...ch.dialplan };
    ch.dialplan = { ...ch.dialplan, app_name: 'Stasis', app_data: [app, ...args].join(',') };
    this.setVar(ch, 'STASISSTATUS', '');
    ch.stasis = { app, args };
    w.channelEvent(ch, 'StasisStart', { args });
    w.activity('stasis-start', { channelId: ch.id, app, args });
    return true;
  }

  leaveStasis(ch: SimChannel): void {
    if (!ch.stasis) return;
    const app = ch.stasis.app;
    this.world.channelEvent(ch, 'StasisEnd');
    ch.stasis = undefined;
    this.setVar(ch, 'STASISSTATUS', 'SUCCESS');
    if (ch.afterStasis) ch.dialplan = { ...ch.afterStasis };
    this.world.activity('stasis-end', { channelId: ch.id, app });
  }

  /** Answers a channel; a Local half completes the dial of its peer. */
  answer(ch: SimChannel): void {
    if (ch.state === 'Up') return;
    this.setState(ch, 'Up');
    this.world.dialer.onAnswered(ch);
  }

  hangup(ch: SimChannel, o: HangupOptions): void {
    if (ch.hangingUp || ch.destroyed) return;
    ch.hangingUp = true;
    this.cancelTimers(ch);
    this.requestEvents(ch, o);
    if (ch.pbx && !ch.stasis && !o.pbxEnd) this.hangupRequest(ch, 16, true);
    this.teardown(ch);
    const peer = ch.peer && !ch.peer.destroyed && !ch.peer.hangingUp ? ch.peer : undefined;
    if (!peer) {
      this.destroy(ch, o.cause ?? 16, o.techCause);
      return;
    }
    peer.hangingUp = true;
    this.cancelTimers(peer);
    this.hangupRequest(peer, 16, false);
    this.destroy(ch, o.cause ?? 16, o.techCause);
    this.teardown(peer);
    if (peer.pbx) this.hangupRequest(peer, 16, true);
    this.destroy(peer, 16);
  }

  hangupRequest(ch: SimChannel, cause: number, soft: boolean, techCause?: number): void {
    const extra: Record<string, unknown> = { cause };
    if (techCause !== undefined) extra.tech_cause = techCause;
    if (soft) extra.soft = true;
    this.world.channelEvent(ch, 'ChannelHangupRequest', extra);
  }

  /** Stops media, leaves the bridge, ends Stasis and snoops; no destruction yet. */
  teardown(ch: SimChannel): void {
    const w = this.world;
    w.playbackSvc.channelGone(ch);
    w.recordingSvc.channelGone(ch);
    const bridge = w.bridgeOf(ch);
    if (bridge) w.bridgeSvc.leave(bridge, ch, 'hangup');
    this.leaveStasis(ch);
    w.features.endSnoopsOf(ch);
    if (ch.snoopOf) w.features.snoopEnded(ch);
  }

  destroy(ch: SimChannel, cause: number, techCause?: number): void {
    if (ch.destroyed) return;
    const w = this.world;
    this.cancelTimers(ch);
    if (ch.pbx) ch.dialplan = { ...ch.dialplan, app_name: '', app_data: '' };
    const extra: Record<string, unknown> = { cause, cause_txt: causeText(cause) };
    if (techCause !== undefined) extra.tech_cause = techCause;
    w.channelEvent(ch, 'ChannelDestroyed', extra);
    ch.destroyed = true;
    ch.hangingUp = true;
    w.channels.delete(ch.id);
    if (ch.tech === 'PJSIP') this.endpointChanged(ch);
    ch.originSubs.clear();
    ch.explicitSubs.clear();
    w.dialer.onDestroyed(ch, cause);
    w.activity('channel-destroyed', { channelId: ch.id, name: ch.name, cause });
  }

  /** Five RTCP summary variables chan_pjsip sets before a channel with media hangs up. */
  private requestEvents(ch: SimChannel, o: HangupOptions): void {
    if (ch.tech === 'PJSIP' && ch.state === 'Up') {
      const ssrc = Math.floor(Math.random() * 2 ** 31);
      this.setVar(ch, 'RTPAUDIOQOS', `ssrc=${ssrc};themssrc=0;lp=0;rxjitter=0.000000;rxcount=0;txjitter=0.000000;txcount=0;rlp=0;rtt=0.000000;rxmes=0.000000;txmes=0.000000`);
      this.setVar(ch, 'RTPAUDIOQOSJITTER', 'minrxjitter=000.000000;maxrxjitter=000.000000;avgrxjitter=000.000000;stdevrxjitter=000.000000;mintxjitter=000.000000;maxtxjitter=000.000000;avgtxjitter=000.000000;stdevtxjitter=000.000000;');
      this.setVar(ch, 'RTPAUDIOQOSLOSS', '  minrxlost=000.000000;  maxrxlost=000.000000;  avgrxlost=000.000000;  stdevrxlost=000.000000;  mintxlost=000.000000;  maxtxlost=000.000000;  avgtxlost=000.000000;  stdevtxlost=000.000000;');
      this.setVar(ch, 'RTPAUDIOQOSRTT', '     minrtt=000.000000;     maxrtt=000.000000;     avgrtt=000.000000;     stdevrtt=000.000000;');
      this.setVar(ch, 'RTPAUDIOQOSMES', '   minrxmes=000.000000;   maxrxmes=000.000000;   avgrxmes=000.000000;   stdevrxmes=000.000000;   mintxmes=000.000000;   maxtxmes=000.000000;   avgtxmes=000.000000;   stdevtxmes=000.000000;');
    }
    this.hangupRequest(ch, o.requestCause, o.soft === true, o.techCause);
  }

  private endpointChanged(ch: SimChannel): void {
    const resource = endpointOfChannel(ch.name);
    if (resource) endpointChanged(this.world, resource);
  }

  cancelTimers(ch: SimChannel): void {
    for (const t of ch.timers) t.cancel();
    ch.timers.clear();
  }
}

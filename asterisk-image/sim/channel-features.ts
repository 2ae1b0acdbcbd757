// Per-channel features: DTMF, hold, snoop, variables, continue, move and redirect.
//
// Recorded behaviour kept here:
// - ChannelDtmfReceived comes at the *end* of each digit with `duration_ms`; Local channels
//   report the requested duration, RFC 4733 over PJSIP reported 160 ms for a 100 ms digit;
// - ARI hold produces no ChannelHold/ChannelUnhold for that channel; only a hold from the
//   device (a SIP re-INVITE) does, with musicclass "default";
// - a snoop channel is `Snoop/<snooped id>-<8 hex>`, in `default,s,1`, enters Stasis before
//   the 200, and when the snooped channel hangs up it only leaves its bridge and gets
//   StasisEnd (no HangupRequest, no Destroyed).
import type { World } from './world.ts';
import { channelJson, NO_CALLER, type SimChannel } from './model.ts';
import { internal } from './errors.ts';
import { splitArgs } from './dialer.ts';

export class ChannelFeatures {
  constructor(private readonly world: World) {}

  /** DTMF arriving on `ch` from its far end; resolves after the last digit ended. */
  receiveDtmf(ch: SimChannel, digits: string, duration: number, between: number, before: number): Promise<void> {
    const w = this.world;
    const valid = [...digits].filter((d) => /[0-9A-Da-d*#]/.test(d));
    const d = Math.max(1, duration);
    const reported = ch.tech === 'PJSIP' ? Math.max(160, d) : d;
    valid.forEach((digit, i) => {
      const at = Math.max(0, before) + i * (d + Math.max(0, between)) + d;
      w.channelTimer(ch, at, () => {
        w.channelEvent(ch, 'ChannelDtmfReceived', { digit: digit.toUpperCase(), duration_ms: reported });
        w.activity('dtmf-received', { channelId: ch.id, digit: digit.toUpperCase() });
        w.recordingSvc.dtmf(ch, digit.toUpperCase());
      });
    });
    const total = Math.max(0, before) + valid.length * (d + Math.max(0, between));
    return w.clock.sleep(total);
  }

  /**
   * POST /channels/{id}/dtmf: the digits go to whatever is on the other end of `ch`.
   * (`after` only delays the end of Asterisk's SendDTMF, which no event shows.)
   */
  sendDtmf(ch: SimChannel, dtmf: string, before: number, between: number, duration: number): void {
    const w = this.world;
    w.activity('dtmf-sent', { channelId: ch.id, dtmf });
    if (ch.tech === 'Local' && ch.peer && !ch.peer.destroyed) {
      void this.receiveDtmf(ch.peer, dtmf, duration, between, before);
      return;
    }
    const target = ch.farEnd.kind === 'phone' ? w.phones.get(ch.farEnd.number) : w.inbound.byChannel(ch);
    if (!target) return;
    [...dtmf].forEach((digit, i) => {
      const at = before + i * (duration + between) + duration;
      w.channelTimer(ch, at, () => target.emit('dtmf', { digit, channelId: ch.id }));
    });
  }

  /** ARI hold: no event for the channel; the device on the other end hears hold. */
  ariHold(ch: SimChannel, on: boolean): void {
    ch.heldByAri = on;
    this.farEndEmit(ch, on ? 'held' : 'unheld');
    this.world.activity(on ? 'hold' : 'unhold', { channelId: ch.id, by: 'ari' });
  }

  /** Hold from the device (SIP re-INVITE sendonly): ChannelHold/ChannelUnhold on `ch`. */
  deviceHold(ch: SimChannel, on: boolean): boolean {
    if (ch.destroyed) return false;
    ch.heldByDevice = on;
    this.world.channelEvent(ch, on ? 'ChannelHold' : 'ChannelUnhold', on ? { musicclass: 'default' } : {});
    this.world.activity(on ? 'hold' : 'unhold', { channelId: ch.id, by: 'device' });
    return true;
  }

  snoop(target: SimChannel, spy: string, whisper: string, app: string, appArgs: string | undefined, snoopId: string | undefined): Record<string, unknown> {
    const w = this.world;
    if (snoopId && w.idTaken(snoopId)) throw internal('Snoop channel could not be created');
    const snoop = w.lifecycle.create({
      id: snoopId || w.ids.uniqueId(),
      name: `Snoop/${target.id}-${w.ids.snoopSuffix()}`,
      tech: 'Snoop',
      state: 'Up',
      caller: NO_CALLER,
      connected: NO_CALLER,
      dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
      pbx: false,
    });
    snoop.snoopOf = target.id;
    snoop.snoopWhisper = whisper;
    target.snoops.add(snoop.id);
    const json = channelJson(snoop);
    w.activity('snoop-created', { channelId: target.id, snoopId: snoop.id, spy, whisper, app, args: splitArgs(appArgs) });
    if (!w.lifecycle.enterStasis(snoop, app, splitArgs(appArgs), true)) {
      w.lifecycle.destroy(snoop, 16);
      return json;
    }
    const bridge = w.bridgeOf(target);
    if (bridge) w.bridgeSvc.refreshPeers(bridge);
    return json;
  }

  /** The snooped channel went away: its snoops end silently. */
  endSnoopsOf(ch: SimChannel): void {
    const w = this.world;
    for (const id of [...ch.snoops]) {
      const snoop = w.channels.get(id);
      ch.snoops.delete(id);
      if (!snoop || snoop.hangingUp || snoop.destroyed) continue;
      snoop.hangingUp = true;
      w.lifecycle.cancelTimers(snoop);
      const b = w.bridgeOf(snoop);
      if (b) w.bridgeSvc.leave(b, snoop, 'hangup');
      w.lifecycle.leaveStasis(snoop);
      w.lifecycle.destroy(snoop, 16);
    }
  }

  /** A snoop channel was hung up itself; whispering snoops make Asterisk re-set BRIDGEPEER. */
  snoopEnded(snoop: SimChannel): void {
    const w = this.world;
    const target = snoop.snoopOf ? w.channels.get(snoop.snoopOf) : undefined;
    if (!target) return;
    target.snoops.delete(snoop.id);
    const bridge = w.bridgeOf(target);
    if (bridge && snoop.snoopWhisper && snoop.snoopWhisper !== 'none') {
      w.bridgeSvc.refreshPeers(bridge);
      w.bridgeSvc.refreshPeers(bridge);
    }
  }

  /** GET /channels/{id}/variable: variables, a few built-ins and dialplan functions. */
  getVar(ch: SimChannel, name: string): string | undefined {
    if (name.endsWith(')')) {
      const value = this.readFunction(ch, name);
      if (value === undefined) throw internal('Unable to read provided function');
      return value;
    }
    const builtin: Record<string, string> = {
      CHANNEL: ch.name,
      UNIQUEID: ch.id,
      EXTEN: ch.dialplan.exten,
      CONTEXT: ch.dialplan.context,
      PRIORITY: String(ch.dialplan.priority),
      LANGUAGE: ch.language,
    };
    return ch.vars.get(name) ?? builtin[name] ?? this.world.globalVars.get(name);
  }

  /** POST /channels/{id}/continue: leave Stasis and run the dialplan there. */
  continueInDialplan(ch: SimChannel, context: string | undefined, extension: string | undefined): void {
    const w = this.world;
    const target = context ? { context, exten: extension || 's' } : { context: ch.dialplan.context, exten: extension || ch.dialplan.exten };
    const sameSpot = !context && !extension;
    w.lifecycle.leaveStasis(ch);
    w.activity('continue', { channelId: ch.id, ...target });
    w.channelTimer(ch, 0, () => {
      if (sameSpot) {
        // The next priority after Stasis() does not exist in EdgeCall's contexts.
        ch.pbx = true;
        w.lifecycle.hangup(ch, { requestCause: 16, soft: true, pbxEnd: true });
      } else {
        w.dialer.flows.runExtension(ch, target.context, target.exten);
      }
    });
  }

  /** POST /channels/{id}/move: StasisEnd for the old app, StasisStart for the new one. */
  move(ch: SimChannel, app: string, appArgs: string | undefined): void {
    const w = this.world;
    const args = splitArgs(appArgs);
    const old = ch.stasis;
    if (!old) return;
    if (!w.hub.isActive(app)) {
      w.emitTo([old.app], 'ApplicationMoveFailed', { channel: channelJson(ch), destination: app, args });
      return;
    }
    w.channelEvent(ch, 'StasisEnd');
    const bridge = w.bridgeOf(ch);
    if (bridge) {
      bridge.subscribers.set(old.app, Math.max(0, (bridge.subscribers.get(old.app) ?? 0) - 1));
      bridge.subscribers.set(app, (bridge.subscribers.get(app) ?? 0) + 1);
    }
    ch.stasis = { app, args };
    ch.dialplan = { ...ch.dialplan, app_name: 'Stasis', app_data: [app, ...args].join(',') };
    w.channelEvent(ch, 'StasisStart', { args });
    w.activity('move', { channelId: ch.id, from: old.app, to: app });
  }

  /** POST /channels/{id}/redirect on PJSIP: the device is sent elsewhere (302 or REFER). */
  redirect(ch: SimChannel, endpoint: string): void {
    const w = this.world;
    w.activity('redirect', { channelId: ch.id, endpoint });
    this.farEndEmit(ch, 'redirected', { endpoint });
    w.channelTimer(ch, 50, () => w.lifecycle.hangup(ch, { requestCause: 16 }));
  }

  private farEndEmit(ch: SimChannel, event: string, extra: Record<string, unknown> = {}): void {
    const w = this.world;
    const target = ch.farEnd.kind === 'phone' ? w.phones.get(ch.farEnd.number) : w.inbound.byChannel(ch);
    target?.emit(event, { channelId: ch.id, ...extra });
  }

  private readFunction(ch: SimChannel, expr: string): string | undefined {
    const m = /^([A-Z_]+)\((.*)\)$/i.exec(expr);
    if (!m) return undefined;
    const fn = m[1].toUpperCase();
    const arg = m[2].trim().toLowerCase();
    if (fn === 'CALLERID' || fn === 'CONNECTEDLINE') {
      const cid = fn === 'CALLERID' ? ch.caller : ch.connected;
      if (arg === 'num' || arg === 'number') return cid.number;
      if (arg === 'name') return cid.name;
      if (arg === 'all') return cid.name ? `"${cid.name}" <${cid.number}>` : cid.number;
      return undefined;
    }
    if (fn === 'CHANNEL') {
      const fields: Record<string, string> = {
        name: ch.name,
        state: ch.state,
        uniqueid: ch.id,
        linkedid: ch.peer?.half === 1 ? ch.peer.id : ch.id,
        language: ch.language,
        channeltype: ch.tech,
        'rtp,dest': ch.tech === 'PJSIP' ? '127.0.0.1:20036' : '',
        'rtp,src': ch.tech === 'PJSIP' ? '127.0.0.1:20000' : '',
        callid: ch.protocolId,
      };
      return fields[arg.replace(/\s+/g, '')];
    }
    if (fn === 'UNIQUEID') return ch.id;
    return undefined;
  }
}

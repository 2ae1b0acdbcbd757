// Ring, answer and failure event sequences of originated and dialed channels.
//
// Local agent (samples/answered.jsonl, agent-*.jsonl): the `;2` phone half reports
// ChannelCallerId, ChannelConnectedLine, then `Dial` (dialstatus "") on the `;1` half;
//   answer:     ChannelDialplan Answer, ;2 Up, ;1 Up, Dial ANSWER, STASISSTATUS="", StasisStart
//   ringing:    ChannelDialplan Ringing, ;1 Ringing, ChannelDialplan Wait, Dial RINGING
//   no answer:  ;2 HangupRequest 19, ;1 Destroyed 19, ;2 HangupRequest 16 soft, ;2 Destroyed 19
//   busy:       Busy(10), ;2 Busy, Dial BUSY, ;2 HangupRequest 0, ;1 Destroyed 0, ..., ;2 Destroyed 17
//   congestion: the same with Congestion(10), CONGESTION and 34.
// PJSIP agent (agent-*-sip.jsonl): Dial "", Ringing + Dial RINGING, Up + Dial ANSWER; busy and
// congestion give HangupRequest and Destroyed with cause 17/34 and tech_cause 486/503; a
// timeout gives only ChannelDestroyed 19 with tech_cause 480.
// `reject` (603 / Hangup(21)) was not recorded; it follows the same pattern with cause 21.
import type { World } from './world.ts';
import type { Dialer } from './dialer.ts';
import { channelJson, type SimChannel } from './model.ts';
import { DEFAULT_AFTER_ANSWER, type Phone, type PhoneBehaviour } from './phones.ts';

export type LocalTarget =
  | { kind: 'inbound'; app: string; did: string }
  | { kind: 'phone'; phone: Phone }
  | { kind: 'test'; behaviour: PhoneBehaviour }
  | { kind: 'customer' };

export interface DialState {
  appSide: SimChannel;
  device?: SimChannel;
  app?: string;
  args: string[];
  exten?: { context: string; exten: string; priority: number };
  dialstring: string;
  timeoutMs: number;
  viaCreate: boolean;
  answered: boolean;
  caller?: SimChannel;
  phone?: Phone;
  local?: { context: string; exten: string };
  pjsipEndpoint?: string;
  /** Dialplan apps the Local phone half announces after answering (phones and test extens). */
  afterAnswer?: Array<[string, string]>;
}

interface Failure {
  app?: [string, string];
  busyState?: boolean;
  dialStatus?: string;
  /** Cause of the first HangupRequest of the phone half / PJSIP channel. */
  requestCause: number;
  /** Cause in ChannelDestroyed of the app side. */
  appSideCause: number;
  /** Cause in ChannelDestroyed of the Local phone half. */
  deviceCause?: number;
  techCause?: number;
  /** PJSIP: whether a ChannelHangupRequest precedes the Destroyed (not on timeout). */
  request?: boolean;
}

const PJSIP_FAILURES: Record<string, Failure> = {
  busy: { requestCause: 17, appSideCause: 17, techCause: 486, dialStatus: 'BUSY', request: true },
  congestion: { requestCause: 34, appSideCause: 34, techCause: 503, dialStatus: 'CONGESTION', request: true },
  reject: { requestCause: 21, appSideCause: 21, techCause: 603, dialStatus: 'NOANSWER', request: true },
  timeout: { requestCause: 19, appSideCause: 19, techCause: 480, request: false },
};

const LOCAL_FAILURES: Record<string, Failure> = {
  busy: { app: ['Busy', '10'], busyState: true, dialStatus: 'BUSY', requestCause: 0, appSideCause: 0, deviceCause: 17 },
  congestion: { app: ['Congestion', '10'], busyState: true, dialStatus: 'CONGESTION', requestCause: 0, appSideCause: 0, deviceCause: 34 },
  reject: { app: ['Hangup', '21'], dialStatus: 'NOANSWER', requestCause: 21, appSideCause: 21, deviceCause: 21 },
  timeout: { requestCause: 19, appSideCause: 19, deviceCause: 19 },
};

export class DialFlows {
  private readonly states = new Map<string, DialState>();

  constructor(private readonly world: World, private readonly dialer: Dialer) {}

  track(st: DialState): DialState {
    this.states.set(st.appSide.id, st);
    return st;
  }

  stateOf(ch: SimChannel): DialState | undefined {
    return this.states.get(ch.id);
  }

  run(st: DialState): void {
    if (st.device) this.runLocal(st);
    else this.runPjsip(st);
  }

  /** NoOp + Stasis(app,inbound,<did>) of EdgeCall's inbound context. */
  enterInboundDialplan(ch: SimChannel, context: string, did: string): void {
    const w = this.world;
    const app = this.dialer.inboundAppFor(context) ?? w.config.inboundApp;
    ch.pbx = true;
    ch.dialplan = { ...ch.dialplan, context, exten: did };
    w.lifecycle.dialplanStep(ch, 'NoOp', `edgecall inbound call to ${did}`, 1);
    w.lifecycle.dialplanStep(ch, 'Stasis', `${app},inbound,${did}`, 2);
    if (!w.lifecycle.enterStasis(ch, app, ['inbound', did], true)) {
      w.inbound.stasisFailed(ch);
      w.lifecycle.hangup(ch, { requestCause: 16, soft: true, pbxEnd: true });
    }
  }

  onAnswered(ch: SimChannel): void {
    this.world.inbound.channelAnswered(ch);
    const owner = ch.half === 2 && ch.peer ? ch.peer : ch;
    const st = this.states.get(owner.id);
    if (st && !st.answered && (st.device === ch || st.appSide === ch)) this.complete(st);
  }

  onDestroyed(ch: SimChannel, cause: number): void {
    this.world.inbound.channelDestroyed(ch, cause);
    const phone = this.world.phones.byChannel(ch);
    if (phone?.call && (phone.call.appSide === ch || phone.call.device === ch)) {
      phone.call = undefined;
      phone.emit('ended', { cause, channelId: ch.id });
    }
    this.states.delete(ch.id);
  }

  phoneAnswers(phone: Phone): boolean {
    const st = phone.call ? this.states.get(phone.call.appSide.id) : undefined;
    if (!st || st.answered) return false;
    if (st.device) this.answerDevice(st);
    else this.world.lifecycle.answer(st.appSide);
    return true;
  }

  phoneRejects(phone: Phone): boolean {
    const st = phone.call ? this.states.get(phone.call.appSide.id) : undefined;
    if (!st || st.answered) return false;
    this.fail(st, 'reject');
    return true;
  }

  phoneHangsUp(phone: Phone): boolean {
    const call = phone.call;
    if (!call) return false;
    const w = this.world;
    if (call.device) w.lifecycle.hangup(call.device, { requestCause: 32, soft: true });
    else w.lifecycle.hangup(call.appSide, { requestCause: 16 });
    w.activity('phone-hangup', { number: phone.number, channelId: call.appSide.id });
    return true;
  }

  // ---- Local ---------------------------------------------------------------------------

  private runLocal(st: DialState): void {
    const w = this.world;
    const first = st.appSide;
    const second = st.device!;
    const target = st.local ? this.dialer.resolveLocal(st.local.context, st.local.exten) : undefined;
    if (!target) {
      // No such extension: both halves go away at once with cause 0 (rest-errors.jsonl).
      w.lifecycle.destroy(second, 0);
      w.lifecycle.destroy(first, 0);
      return;
    }
    w.lifecycle.callerIdChanged(second);
    w.channelEvent(second, 'ChannelConnectedLine');
    this.emitDial(st, '');
    this.armTimeout(st);
    if (target.kind === 'inbound') return this.enterInboundDialplan(second, st.local!.context, target.did);
    if (target.kind === 'customer') return this.answerDevice(st);
    const phone = target.kind === 'phone' ? target.phone : undefined;
    st.afterAnswer = phone?.afterAnswerApps ?? DEFAULT_AFTER_ANSWER;
    const behaviour = this.startRinging(st, phone, target.kind === 'test' ? target.behaviour : undefined);
    switch (behaviour.kind) {
      case 'answer': {
        const after = Math.max(0, behaviour.afterMs ?? 0);
        if (after === 0) return this.answerDevice(st);
        this.localRinging(st, after);
        w.channelTimer(second, after, () => this.answerDevice(st));
        return;
      }
      case 'manual':
      case 'no-answer':
        return this.localRinging(st, 60_000);
      default:
        return this.fail(st, behaviour.kind);
    }
  }

  private localRinging(st: DialState, waitMs: number): void {
    const w = this.world;
    const second = st.device!;
    w.lifecycle.dialplanStep(second, 'Ringing', '', 1);
    w.lifecycle.setState(st.appSide, 'Ringing');
    w.lifecycle.dialplanStep(second, 'Wait', String(Math.round(waitMs / 1000)), 2);
    this.emitDial(st, 'RINGING');
  }

  /** The Local phone half runs Answer(); the dial of the `;1` half completes. */
  private answerDevice(st: DialState): void {
    const w = this.world;
    const second = st.device!;
    if (second.destroyed || st.answered) return;
    w.lifecycle.dialplanStep(second, 'Answer', '', second.dialplan.app_name ? second.dialplan.priority + 1 : 1);
    second.pendingAfterAnswer = st.afterAnswer;
    second.callerSynced = st.afterAnswer ? false : undefined;
    w.lifecycle.answer(second);
    w.channelTimer(second, 3000, () => w.lifecycle.afterAnswerSteps(st.appSide));
  }

  // ---- PJSIP ---------------------------------------------------------------------------

  private runPjsip(st: DialState): void {
    const w = this.world;
    const ch = st.appSide;
    this.emitDial(st, '');
    this.armTimeout(st);
    const phone = w.phones.get(st.pjsipEndpoint ?? '');
    const behaviour = this.startRinging(st, phone, phone ? undefined : { kind: 'no-answer' });
    const ring = (): void => {
      w.lifecycle.setState(ch, 'Ringing');
      this.emitDial(st, 'RINGING');
    };
    switch (behaviour.kind) {
      case 'answer': {
        const after = Math.max(0, behaviour.afterMs ?? 0);
        if (after > 0) w.channelTimer(ch, 3, ring);
        w.channelTimer(ch, Math.max(4, after), () => w.lifecycle.answer(ch));
        return;
      }
      case 'manual':
      case 'no-answer':
        w.channelTimer(ch, 3, ring);
        return;
      default:
        w.channelTimer(ch, 4, () => this.fail(st, behaviour.kind));
    }
  }

  // ---- shared --------------------------------------------------------------------------

  /** Records the ring on the phone (a phone already in a call answers busy). */
  private startRinging(st: DialState, phone: Phone | undefined, fixed: PhoneBehaviour | undefined): PhoneBehaviour {
    const w = this.world;
    if (!phone) return fixed ?? { kind: 'no-answer' };
    st.phone = phone;
    if (phone.call) return { kind: 'busy' };
    const behaviour = phone.behaviourFor({ number: phone.number, channelId: st.appSide.id, callerId: { ...st.appSide.caller }, ringIndex: phone.ringCount });
    phone.ringCount += 1;
    phone.call = { appSide: st.appSide, device: st.device, state: 'ringing', connectedTo: [] };
    st.appSide.farEnd = { kind: 'phone', number: phone.number };
    if (st.device) st.device.farEnd = { kind: 'phone', number: phone.number };
    phone.emit('ringing', { channelId: st.appSide.id, callerId: { ...st.appSide.caller } });
    w.activity('phone-ringing', { number: phone.number, channelId: st.appSide.id, behaviour: behaviour.kind });
    return behaviour;
  }

  private armTimeout(st: DialState): void {
    if (st.timeoutMs > 0) this.world.channelTimer(st.appSide, st.timeoutMs, () => this.fail(st, 'timeout'));
  }

  private complete(st: DialState): void {
    const w = this.world;
    const ch = st.appSide;
    st.answered = true;
    if (st.phone?.call?.appSide === ch) {
      st.phone.call.state = 'talking';
      st.phone.emit('answered', { channelId: ch.id });
    }
    w.lifecycle.setState(ch, 'Up');
    this.emitDial(st, 'ANSWER');
    if (st.viaCreate) return;
    if (st.app) {
      if (!w.lifecycle.enterStasis(ch, st.app, st.args, false)) w.lifecycle.hangup(ch, { requestCause: 16, soft: true });
    } else if (st.exten) {
      this.runExtension(ch, st.exten.context, st.exten.exten);
    }
  }

  /** A channel that leaves the dialer (or Stasis) and runs dialplan at context/exten. */
  runExtension(ch: SimChannel, context: string, exten: string): void {
    const w = this.world;
    ch.pbx = true;
    if (this.dialer.inboundAppFor(context)) return this.enterInboundDialplan(ch, context, exten);
    if (context === w.config.customerContext) {
      // The customer's line: Answer(), PlayTones(440), Wait(120) in the recorded setup.
      ch.dialplan = { context, exten, priority: 3, app_name: 'Wait', app_data: '120' };
      return;
    }
    // Nothing to run there: the channel falls off the end of the dialplan.
    w.lifecycle.hangup(ch, { requestCause: 16, soft: true, pbxEnd: true });
  }

  private fail(st: DialState, kind: string): void {
    if (st.answered) return;
    st.answered = true;
    if (st.device) this.failLocal(st, LOCAL_FAILURES[kind] ?? LOCAL_FAILURES.timeout);
    else this.failPjsip(st, PJSIP_FAILURES[kind] ?? PJSIP_FAILURES.timeout);
    this.world.activity('dial-failed', { channelId: st.appSide.id, reason: kind, phone: st.phone?.number });
  }

  private failLocal(st: DialState, f: Failure): void {
    const lc = this.world.lifecycle;
    const first = st.appSide;
    const second = st.device!;
    if (f.app) lc.dialplanStep(second, f.app[0], f.app[1], 1);
    if (f.busyState) lc.setState(second, 'Busy');
    if (f.dialStatus) this.emitDial(st, f.dialStatus);
    for (const ch of [first, second]) {
      lc.cancelTimers(ch);
      ch.hangingUp = true;
    }
    lc.hangupRequest(second, f.requestCause, false);
    lc.teardown(second);
    if (first.stasis) {
      lc.hangupRequest(first, f.appSideCause, false);
      lc.teardown(first);
    }
    lc.destroy(first, f.appSideCause);
    lc.hangupRequest(second, 16, true);
    lc.destroy(second, f.deviceCause ?? f.appSideCause);
  }

  private failPjsip(st: DialState, f: Failure): void {
    const lc = this.world.lifecycle;
    const ch = st.appSide;
    lc.cancelTimers(ch);
    ch.hangingUp = true;
    if (f.request) lc.hangupRequest(ch, f.requestCause, false, f.techCause);
    if (f.dialStatus) this.emitDial(st, f.dialStatus);
    lc.teardown(ch);
    lc.destroy(ch, f.appSideCause, f.techCause);
  }

  private emitDial(st: DialState, dialstatus: string): void {
    const w = this.world;
    const apps = w.appsForChannel(st.appSide);
    const payload: Record<string, unknown> = { dialstatus, forward: '', dialstring: st.dialstring, peer: channelJson(st.appSide) };
    if (st.caller && !st.caller.destroyed) {
      payload.caller = channelJson(st.caller);
      for (const a of w.appsForChannel(st.caller)) apps.add(a);
    }
    w.emitTo(apps, 'Dial', payload);
  }
}

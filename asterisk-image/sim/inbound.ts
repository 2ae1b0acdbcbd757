// Inbound calls: what EdgeCall's dialplan does with a call from the trunk, and a handle to
// act as the customer.
//
// Like the recorded test setup, an inbound call is a Local pair `Local/<did>@<inbound
// context>`: the `;2` half runs NoOp() and `Stasis(<app>,inbound,<did>)` and reaches the app
// in state Ring; the `;1` half is the customer's own line and is never in Stasis. With
// `via: 'pjsip'` the call is a single PJSIP channel from a trunk endpoint instead.
// If the app has no connected WebSocket, Stasis() fails and the call is hung up: it never
// reaches the app (reconnect.jsonl).
import { EventEmitter } from 'node:events';
import type { World } from './world.ts';
import type { SimBridge, SimChannel } from './model.ts';

export interface InboundCallOptions {
  did: string;
  callerNumber: string;
  callerName?: string;
  /** Id of the channel that enters Stasis (Local `;2`, or the PJSIP channel). */
  channelId?: string;
  /** Id of the customer's Local `;1` half. */
  customerChannelId?: string;
  /** Stasis app; defaults to the simulator's inboundApp. */
  app?: string;
  /** Inbound dialplan context; defaults to the simulator's inboundContext. */
  context?: string;
  via?: 'local' | 'pjsip';
  /** PJSIP endpoint the call comes from with via 'pjsip' (default `trunk`). */
  trunk?: string;
}

export interface CallEnd {
  cause: number;
  /** customer = the customer hung up; remote = Asterisk/the app ended it; no-app = Stasis failed. */
  reason: 'customer' | 'remote' | 'no-app';
}

export class InboundCall extends EventEmitter {
  readonly callId: string;
  readonly did: string;
  readonly callerNumber: string;
  readonly channelId: string;
  readonly customerChannelId?: string;
  state: 'ringing' | 'up' | 'ended' = 'ringing';
  connectedTo: string[] = [];
  /** Resolves when the call ends, whoever ended it. */
  readonly ended: Promise<CallEnd>;
  private resolveEnded!: (e: CallEnd) => void;
  private hungUpByCustomer = false;
  /** Set when Stasis() failed because the app had no connected WebSocket. */
  noApp = false;

  constructor(private readonly world: World, callId: string, o: InboundCallOptions, stasisSide: SimChannel, customer?: SimChannel) {
    super();
    this.setMaxListeners(0);
    this.callId = callId;
    this.did = o.did;
    this.callerNumber = o.callerNumber;
    this.channelId = stasisSide.id;
    this.customerChannelId = customer?.id;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  /** Listeners are test or traffic code; their errors must not break the simulated call. */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    try {
      return super.emit(event, ...args);
    } catch (err) {
      this.world.log('error', `listener for ${String(event)} failed: ${err instanceof Error ? err.message : String(err)}`);
      return true;
    }
  }

  /** Sends DTMF from the customer's phone; resolves after the last digit ended. */
  async sendDtmf(digits: string, o: { duration?: number; between?: number; before?: number } = {}): Promise<void> {
    const ch = this.world.channels.get(this.channelId);
    if (!ch || this.state === 'ended') return;
    await this.world.features.receiveDtmf(ch, digits, o.duration ?? 100, o.between ?? 100, o.before ?? 0);
  }

  /** The customer hangs up (like the recorded DELETE of the customer's `;1` half). */
  hangup(): boolean {
    if (this.state === 'ended') return false;
    this.hungUpByCustomer = true;
    const w = this.world;
    const customer = this.customerChannelId ? w.channels.get(this.customerChannelId) : undefined;
    const stasisSide = w.channels.get(this.channelId);
    if (customer) w.lifecycle.hangup(customer, { requestCause: 32, soft: true });
    else if (stasisSide) w.lifecycle.hangup(stasisSide, { requestCause: 16 });
    w.activity('customer-hangup', { callId: this.callId, channelId: this.channelId });
    return true;
  }

  /** Device-side hold from the customer's phone: ChannelHold on the Stasis channel. */
  hold(): boolean {
    const ch = this.world.channels.get(this.channelId);
    return ch && this.state === 'up' ? this.world.features.deviceHold(ch, true) : false;
  }

  unhold(): boolean {
    const ch = this.world.channels.get(this.channelId);
    return ch && this.state === 'up' ? this.world.features.deviceHold(ch, false) : false;
  }

  markAnswered(): void {
    if (this.state !== 'ringing') return;
    this.state = 'up';
    this.emit('answered');
  }

  markEnded(cause: number): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    const end: CallEnd = { cause, reason: this.noApp ? 'no-app' : this.hungUpByCustomer ? 'customer' : 'remote' };
    this.emit('ended', end);
    this.resolveEnded(end);
  }
}

export class InboundCalls {
  private readonly calls = new Map<string, InboundCall>();
  private seq = 0;

  constructor(private readonly world: World) {}

  start(o: InboundCallOptions): InboundCall {
    const w = this.world;
    const app = o.app ?? w.config.inboundApp;
    const context = o.context ?? w.config.inboundContext;
    w.dialer.registerInboundContext(context, app);
    const callId = `call-${this.seq + 1}`;
    const callerId = o.callerName ? `"${o.callerName}" <${o.callerNumber}>` : o.callerNumber;
    let call: InboundCall;
    if (o.via === 'pjsip') {
      const ch = w.dialer.inboundPjsip(o.trunk ?? 'trunk', context, o.did, callerId, o.channelId);
      this.seq += 1;
      ch.farEnd = { kind: 'customer', callId };
      call = new InboundCall(w, callId, o, ch);
      this.calls.set(callId, call);
    } else {
      const first = w.dialer.originate({
        endpoint: `Local/${o.did}@${context}`,
        context: w.config.customerContext,
        extension: 'stay',
        callerId,
        channelId: o.customerChannelId,
        otherChannelId: o.channelId,
        timeout: -1,
        variables: {},
      });
      call = this.byChannel(first)!;
    }
    w.activity('inbound-call', { callId: call.callId, did: o.did, callerNumber: o.callerNumber, channelId: call.channelId });
    return call;
  }

  /** Wraps a Local pair calling into an inbound context as a customer call. */
  adopt(customer: SimChannel, stasisSide: SimChannel, did: string): InboundCall {
    const callId = `call-${++this.seq}`;
    customer.farEnd = { kind: 'customer', callId };
    stasisSide.farEnd = { kind: 'customer', callId };
    const call = new InboundCall(this.world, callId, { did, callerNumber: customer.caller.number }, stasisSide, customer);
    this.calls.set(callId, call);
    return call;
  }

  get(callId: string): InboundCall | undefined {
    return this.calls.get(callId);
  }

  all(): InboundCall[] {
    return [...this.calls.values()];
  }

  byChannel(ch: SimChannel): InboundCall | undefined {
    return ch.farEnd.kind === 'customer' ? this.calls.get(ch.farEnd.callId) : undefined;
  }

  channelAnswered(ch: SimChannel): void {
    const call = this.byChannel(ch);
    if (call && call.channelId === ch.id) call.markAnswered();
  }

  channelDestroyed(ch: SimChannel, cause: number): void {
    const call = this.byChannel(ch);
    if (!call) return;
    call.markEnded(cause);
    // Keep finished calls out of memory during long traffic runs.
    if (call.state === 'ended') this.calls.delete(call.callId);
  }

  /** Emits `connected` on a call whose Stasis channel now shares a mixing bridge with others. */
  bridgeChanged(b: SimBridge): void {
    for (const m of b.members) {
      const call = this.byChannel(m);
      if (!call || call.channelId !== m.id) continue;
      const peers = b.bridgeType === 'mixing' ? b.members.filter((x) => x !== m && !x.hidden).map((x) => x.id) : [];
      if (peers.join() !== call.connectedTo.join()) {
        call.connectedTo = peers;
        call.emit('connected', { peers });
      }
    }
  }

  stasisFailed(ch: SimChannel): void {
    const call = this.byChannel(ch);
    if (!call) return;
    call.noApp = true;
    call.emit('rejected', { reason: 'no-app' });
  }
}

// Agent phones: the devices outside Asterisk that answer (or not) when the appliance
// originates a call to them. A registered phone is reachable both as `PJSIP/<number>` and
// as `Local/<number>@<context>`; its behaviour decides what the ring looks like over ARI.
import { EventEmitter } from 'node:events';
import type { World } from './world.ts';
import type { CallerId, SimBridge, SimChannel } from './model.ts';
import { endpointChanged } from './endpoints.ts';

export type PhoneBehaviour =
  /** Rings for `afterMs` (0 = answers at once, no ringing) and then answers. */
  | { kind: 'answer'; afterMs?: number }
  /** Rings until the test calls `phone.answer()`/`reject()` or the originate times out. */
  | { kind: 'manual' }
  | { kind: 'no-answer' }
  | { kind: 'busy' }
  | { kind: 'congestion' }
  /** Declines the call (SIP 603 / Hangup(21)). */
  | { kind: 'reject' };

export interface RingInfo {
  number: string;
  /** Id of the app-side channel (the PJSIP channel or the Local `;1` half). */
  channelId: string;
  callerId: CallerId;
  /** How many times this phone has rung before (0 for the first ring). */
  ringIndex: number;
}

export interface PhoneOptions {
  /** Dialplan context for Local/<number>@<context>; defaults to the first agent context. */
  context?: string;
  behaviour?: PhoneBehaviour | ((ring: RingInfo) => PhoneBehaviour);
  /** Dialplan apps the Local `;2` phone half runs after answering (ChannelDialplan events). */
  afterAnswerApps?: Array<[string, string]>;
  online?: boolean;
}

export interface PhoneCall {
  appSide: SimChannel;
  /** The Local `;2` half that represents the device, for Local dialing. */
  device?: SimChannel;
  state: 'ringing' | 'talking';
  connectedTo: string[];
}

/** Default post-answer dialplan of the recorded test phones: PlayTones(620), Wait(120). */
export const DEFAULT_AFTER_ANSWER: Array<[string, string]> = [['PlayTones', '620'], ['Wait', '120']];

export class Phone extends EventEmitter {
  readonly number: string;
  context: string;
  online: boolean;
  afterAnswerApps: Array<[string, string]>;
  call?: PhoneCall;
  ringCount = 0;
  private behaviour: PhoneOptions['behaviour'];

  constructor(private readonly world: World, number: string, o: PhoneOptions) {
    super();
    this.setMaxListeners(0);
    this.number = number;
    this.context = o.context ?? world.config.agentContexts[0] ?? 'edgecall-agent';
    this.online = o.online ?? true;
    this.afterAnswerApps = o.afterAnswerApps ?? DEFAULT_AFTER_ANSWER;
    this.behaviour = o.behaviour ?? { kind: 'answer', afterMs: 0 };
  }

  get endpoint(): string {
    return `PJSIP/${this.number}`;
  }

  get localEndpoint(): string {
    return `Local/${this.number}@${this.context}`;
  }

  get state(): 'idle' | 'ringing' | 'talking' {
    return this.call?.state ?? 'idle';
  }

  /** Id of the channel the app controls for the current call, if any. */
  get channelId(): string | undefined {
    return this.call?.appSide.id;
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

  setBehaviour(b: PhoneOptions['behaviour']): void {
    this.behaviour = b;
  }

  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.world.activity('phone-online', { number: this.number, online });
    endpointChanged(this.world, this.number);
  }

  /** Picks the behaviour for a new ring (a function can vary it call by call). */
  behaviourFor(ring: RingInfo): PhoneBehaviour {
    const b = typeof this.behaviour === 'function' ? this.behaviour(ring) : this.behaviour;
    return b ?? { kind: 'answer', afterMs: 0 };
  }

  answer(): boolean {
    return this.call?.state === 'ringing' ? this.world.dialer.phoneAnswers(this) : false;
  }

  reject(): boolean {
    return this.call?.state === 'ringing' ? this.world.dialer.phoneRejects(this) : false;
  }

  /** Hangs up from the device side (SIP BYE; for Local like the recorded DELETE of `;2`). */
  hangup(): boolean {
    if (!this.call) return false;
    if (this.call.state === 'ringing') return this.reject();
    return this.world.dialer.phoneHangsUp(this);
  }

  /** Device-side hold (a SIP re-INVITE): ChannelHold on the app-side channel. */
  hold(): boolean {
    return this.call?.state === 'talking' ? this.world.features.deviceHold(this.call.appSide, true) : false;
  }

  unhold(): boolean {
    return this.call?.state === 'talking' ? this.world.features.deviceHold(this.call.appSide, false) : false;
  }

  async sendDtmf(digits: string, o: { duration?: number; between?: number } = {}): Promise<void> {
    if (this.call?.state !== 'talking') return;
    await this.world.features.receiveDtmf(this.call.appSide, digits, o.duration ?? 100, o.between ?? 100, 0);
  }
}

export class PhoneRegistry {
  private readonly phones = new Map<string, Phone>();

  constructor(private readonly world: World) {}

  register(number: string, o: PhoneOptions = {}): Phone {
    const existing = this.phones.get(number);
    if (existing) {
      if (o.behaviour) existing.setBehaviour(o.behaviour);
      if (o.context) existing.context = o.context;
      if (o.afterAnswerApps) existing.afterAnswerApps = o.afterAnswerApps;
      if (o.online !== undefined) existing.setOnline(o.online);
      return existing;
    }
    const phone = new Phone(this.world, number, o);
    this.phones.set(number, phone);
    if (!this.world.config.agentContexts.includes(phone.context)) this.world.config.agentContexts.push(phone.context);
    this.world.activity('phone-registered', { number, context: phone.context });
    endpointChanged(this.world, number);
    return phone;
  }

  get(number: string): Phone | undefined {
    return this.phones.get(number);
  }

  all(): Phone[] {
    return [...this.phones.values()];
  }

  byLocal(context: string, exten: string): Phone | undefined {
    const p = this.phones.get(exten);
    return p && p.context === context ? p : undefined;
  }

  byChannel(ch: SimChannel): Phone | undefined {
    return ch.farEnd.kind === 'phone' ? this.phones.get(ch.farEnd.number) : undefined;
  }

  /** Tells phones which channels they are now bridged with (drives talk time in traffic). */
  bridgeChanged(b: SimBridge): void {
    for (const m of b.members) {
      const phone = this.byChannel(m);
      if (!phone?.call || phone.call.appSide !== m) continue;
      const peers = b.bridgeType === 'mixing' ? b.members.filter((x) => x !== m && !x.hidden).map((x) => x.id) : [];
      if (peers.join() !== phone.call.connectedTo.join()) {
        phone.call.connectedTo = peers;
        phone.emit('connected', { peers });
      }
    }
  }
}

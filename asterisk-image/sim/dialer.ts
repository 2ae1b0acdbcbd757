// Originate, create and dial: validation in Asterisk's order (res/ari/resource_channels.c)
// and allocation of Local pairs and PJSIP channels. The ring/answer/failure event sequences
// live in dial-flows.ts.
//
// Recorded facts reproduced here:
// - the uniqueness check of channelId/otherChannelId matches prefixes (409);
// - an unknown technology, or a PJSIP endpoint that does not exist or cannot be reached,
//   is `500 {"error":"Allocation failed"}`;
// - Local/<exten>@<unknown context> answers 200 and both halves are destroyed (cause 0);
// - a Local pair gets ids X and X;2 when only channelId is given, uniqueids when none is;
// - originating with `app` subscribes the app to both halves until they are destroyed.
import type { World } from './world.ts';
import { allocationFailed, badRequest, conflict, AriError } from './errors.ts';
import { NO_CALLER, parseCallerId, type SimChannel } from './model.ts';
import { DialFlows, type DialState, type LocalTarget } from './dial-flows.ts';

export interface OriginateArgs {
  endpoint?: string;
  extension?: string;
  context?: string;
  priority?: number;
  label?: string;
  app?: string;
  appArgs?: string;
  callerId?: string;
  /** Seconds; 0 means the default of 30, -1 means no timeout. */
  timeout: number;
  variables: Record<string, string>;
  channelId?: string;
  otherChannelId?: string;
  originator?: string;
  formats?: string;
}

const MAX_UNIQUEID = 149;
const KNOWN_FORMATS = new Set(['ulaw', 'alaw', 'gsm', 'g722', 'g729', 'g726', 'slin', 'slin16', 'slin48', 'opus', 'ilbc', 'speex', 'h264', 'vp8']);

export class Dialer {
  readonly flows: DialFlows;
  private readonly inboundContexts = new Map<string, string>();

  constructor(private readonly world: World) {
    this.flows = new DialFlows(world, this);
    this.inboundContexts.set(world.config.inboundContext, world.config.inboundApp);
  }

  registerInboundContext(context: string, app: string): void {
    this.inboundContexts.set(context, app);
  }

  originate(a: OriginateArgs): SimChannel {
    const w = this.world;
    if ((a.channelId?.length ?? 0) > MAX_UNIQUEID || (a.otherChannelId?.length ?? 0) > MAX_UNIQUEID) {
      throw badRequest(`Uniqueid length exceeds maximum of ${MAX_UNIQUEID}`);
    }
    if (!a.endpoint) throw badRequest('Endpoint must be specified');
    if (a.originator && a.formats) throw badRequest("Originator and formats can't both be specified");
    const { tech, device } = splitEndpoint(a.endpoint);
    if (!tech || !device) throw badRequest('Invalid endpoint specified');
    if (!a.app && !a.extension) throw badRequest('Application or extension must be specified');
    if (a.originator && !w.channel(a.originator)) throw badRequest('Provided originator channel was not found');
    this.checkFormats(a.formats);
    this.checkIds(a.channelId, a.otherChannelId);
    const args = a.app ? splitArgs(a.appArgs) : [];
    const exten = a.app ? undefined : { context: a.context || 'default', exten: a.extension!, priority: a.priority && a.priority > 0 ? a.priority : 1 };
    const timeoutMs = a.timeout > 0 ? a.timeout * 1000 : a.timeout === -1 ? 0 : 30_000;
    const base = { app: a.app, args, exten, timeoutMs, viaCreate: false };
    let st: DialState;
    if (tech.toLowerCase() === 'local') st = this.allocLocal(device, a, base);
    else if (tech.toLowerCase() === 'pjsip') st = this.allocPjsip(device, a, base);
    else throw allocationFailed();
    for (const [k, v] of Object.entries(a.variables)) st.appSide.vars.set(k, v);
    // A Local call into an inbound context without an app is a customer calling in (this
    // is how the recordings made calls): give it a customer handle like control.inboundCall.
    if (!a.app && st.device && st.local && this.inboundContexts.has(st.local.context)) {
      w.inbound.adopt(st.appSide, st.device, st.local.exten);
    }
    w.channelTimer(st.appSide, 0, () => this.flows.run(st));
    w.activity('originate', { channelId: st.appSide.id, endpoint: a.endpoint, app: a.app ?? '', args });
    return st.appSide;
  }

  /** POST /channels/create: the channel enters Stasis at once and waits for /dial. */
  create(a: { endpoint?: string; app?: string; appArgs?: string; channelId?: string; otherChannelId?: string; originator?: string; formats?: string; variables: Record<string, string> }): SimChannel {
    const w = this.world;
    if (a.originator && a.formats) throw badRequest("Originator and formats can't both be specified");
    this.checkFormats(a.formats);
    const { tech, device } = splitEndpoint(a.endpoint ?? '');
    if (!tech || !device) throw allocationFailed();
    this.checkIds(a.channelId, a.otherChannelId);
    const base = { app: a.app, args: splitArgs(a.appArgs), exten: undefined, timeoutMs: 0, viaCreate: true };
    let st: DialState;
    if (tech.toLowerCase() === 'local') st = this.allocLocal(device, { ...a, timeout: 0 }, base, true);
    else if (tech.toLowerCase() === 'pjsip') st = this.allocPjsip(device, a, base, true);
    else throw allocationFailed();
    for (const [k, v] of Object.entries(a.variables)) st.appSide.vars.set(k, v);
    st.appSide.pendingDial = device;
    const ch = st.appSide;
    w.channelTimer(ch, 0, () => {
      // The create thread runs Stasis(app); without an app it fails and hangs up.
      if (!a.app || !w.lifecycle.enterStasis(ch, a.app, st.args, false)) w.lifecycle.hangup(ch, { requestCause: 16, soft: true, pbxEnd: true });
    });
    return ch;
  }

  /** POST /channels/{id}/dial for a channel made by /channels/create (control checked by caller). */
  dial(ch: SimChannel, callerId: string | undefined, timeoutSec: number): void {
    if (ch.state !== 'Down' && ch.state !== 'Rsrved') throw conflict("Channel is not in the 'Down' state");
    const st = this.flows.stateOf(ch);
    if (!st || ch.pendingDial === undefined) throw conflict('Dialing a channel not created by ARI');
    const caller = callerId ? this.world.channel(callerId) : undefined;
    if (caller) ch.connected = { ...caller.caller };
    st.caller = caller;
    st.timeoutMs = timeoutSec > 0 ? timeoutSec * 1000 : 0;
    ch.pendingDial = undefined;
    if (st.device) st.device.state = 'Ring';
    this.flows.run(st);
  }

  /** An inbound call from a PJSIP trunk: one channel that enters Stasis from the dialplan. */
  inboundPjsip(trunk: string, context: string, did: string, callerId: string, channelId?: string): SimChannel {
    const w = this.world;
    if (channelId && w.idTaken(channelId)) throw new Error(`channel id '${channelId}' is already in use`);
    const ch = w.lifecycle.create({
      id: channelId ?? w.ids.uniqueId(),
      name: `PJSIP/${trunk}-${w.ids.techSuffix('PJSIP')}`,
      tech: 'PJSIP',
      state: 'Ring',
      caller: parseCallerId(callerId),
      connected: NO_CALLER,
      dialplan: { context, exten: did, priority: 1, app_name: '', app_data: '' },
      pbx: true,
      protocolId: w.ids.uuid(),
    });
    w.channelTimer(ch, 0, () => this.flows.enterInboundDialplan(ch, context, did));
    return ch;
  }

  /** What `Local/<exten>@<context>` reaches, or undefined for "no such extension". */
  resolveLocal(context: string, exten: string): LocalTarget | undefined {
    const w = this.world;
    const app = this.inboundContexts.get(context);
    if (app) return { kind: 'inbound', app, did: exten };
    if (context === w.config.customerContext) return { kind: 'customer' };
    if (!w.config.agentContexts.includes(context)) return undefined;
    const phone = w.phones.byLocal(context, exten);
    if (phone) return { kind: 'phone', phone };
    switch (exten) {
      case 'answer':
        return { kind: 'test', behaviour: { kind: 'answer', afterMs: 0 } };
      case 'noanswer':
        return { kind: 'test', behaviour: { kind: 'no-answer' } };
      case 'busy':
      case 'congestion':
      case 'reject':
        return { kind: 'test', behaviour: { kind: exten } };
      default:
        return undefined;
    }
  }

  inboundAppFor(context: string): string | undefined {
    return this.inboundContexts.get(context);
  }

  onAnswered(ch: SimChannel): void {
    this.flows.onAnswered(ch);
  }

  onDestroyed(ch: SimChannel, cause: number): void {
    this.flows.onDestroyed(ch, cause);
  }

  phoneAnswers(phone: import('./phones.ts').Phone): boolean {
    return this.flows.phoneAnswers(phone);
  }

  phoneRejects(phone: import('./phones.ts').Phone): boolean {
    return this.flows.phoneRejects(phone);
  }

  phoneHangsUp(phone: import('./phones.ts').Phone): boolean {
    return this.flows.phoneHangsUp(phone);
  }

  private allocLocal(device: string, a: { callerId?: string; channelId?: string; otherChannelId?: string; timeout: number }, base: Omit<DialState, 'appSide' | 'dialstring' | 'answered'>, created = false): DialState {
    const w = this.world;
    // Local/<exten>@<context>[/options]
    const spec = device.split('/')[0];
    const at = spec.indexOf('@');
    const exten = at < 0 ? spec : spec.slice(0, at);
    const context = at < 0 ? 'default' : spec.slice(at + 1);
    const id1 = a.channelId || w.ids.uniqueId();
    const id2 = a.otherChannelId || (a.channelId ? `${a.channelId};2` : w.ids.uniqueId());
    const cid = parseCallerId(a.callerId);
    const name = `Local/${exten}@${context}-${w.ids.unrealSuffix()}`;
    const first = w.lifecycle.create({
      id: id1,
      name: `${name};1`,
      tech: 'Local',
      state: 'Down',
      caller: cid,
      connected: cid,
      dialplan: created
        ? { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' }
        : { context, exten, priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' },
      pbx: false,
    });
    const second = w.lifecycle.create({
      id: id2,
      name: `${name};2`,
      tech: 'Local',
      state: created ? 'Down' : 'Ring',
      caller: cid,
      connected: cid,
      dialplan: { context, exten, priority: 1, app_name: '', app_data: '' },
      pbx: true,
    });
    first.peer = second;
    second.peer = first;
    first.half = 1;
    second.half = 2;
    if (base.app) {
      first.originSubs.add(base.app);
      // /channels/create subscribes only the channel it returns.
      if (!created) second.originSubs.add(base.app);
    }
    return this.flows.track({ ...base, appSide: first, device: second, dialstring: `${exten}@${context}`, local: { context, exten }, answered: false });
  }

  private allocPjsip(device: string, a: { callerId?: string; channelId?: string }, base: Omit<DialState, 'appSide' | 'dialstring' | 'answered'>, created = false): DialState {
    const w = this.world;
    const endpoint = device.split('/')[0];
    const phone = w.phones.get(endpoint);
    const configured = w.pjsip.endpoint(endpoint);
    const reachable = (phone?.online ?? false) || (!phone && !!configured && w.pjsip.hasContact(endpoint));
    if (!reachable) throw allocationFailed();
    const cid = parseCallerId(a.callerId);
    const ch = w.lifecycle.create({
      id: a.channelId || w.ids.uniqueId(),
      name: `PJSIP/${endpoint}-${w.ids.techSuffix('PJSIP')}`,
      tech: 'PJSIP',
      state: 'Down',
      caller: cid,
      connected: cid,
      dialplan: created
        ? { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' }
        : { context: configured?.get('context') ?? 'default', exten: 's', priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' },
      pbx: false,
      protocolId: w.ids.uuid(),
    });
    if (base.app) ch.originSubs.add(base.app);
    return this.flows.track({ ...base, appSide: ch, dialstring: endpoint, pjsipEndpoint: endpoint, answered: false });
  }

  private checkFormats(formats: string | undefined): void {
    if (!formats) return;
    for (const f of formats.split(',').map((s) => s.trim())) {
      if (!KNOWN_FORMATS.has(f)) throw badRequest(`Provided format (${f}) was not found`);
    }
  }

  private checkIds(id?: string, other?: string): void {
    for (const x of [id, other]) {
      if (x && this.world.idTaken(x)) throw new AriError(409, 'Channel with given unique ID already exists');
    }
  }
}

function splitEndpoint(endpoint: string): { tech: string; device: string } {
  const slash = endpoint.indexOf('/');
  if (slash < 0) return { tech: endpoint, device: '' };
  return { tech: endpoint.slice(0, slash), device: endpoint.slice(slash + 1) };
}

/** Stasis application arguments are comma separated, like the dialplan's Stasis(app,a,b). */
export function splitArgs(appArgs: string | undefined): string[] {
  return appArgs ? appArgs.split(',') : [];
}

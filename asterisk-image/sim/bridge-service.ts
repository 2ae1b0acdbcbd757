// Holding and mixing bridges.
//
// Reproduced from the recordings:
// - mixing bridges report `simple_bridge` with two members and `softmix` with three or more,
//   counting the hidden MOH announcer and bridge recorder; the snapshot inside
//   ChannelEnteredBridge/ChannelLeftBridge shows the technology *before* Asterisk
//   re-evaluates it for the new member count;
// - every membership change of a mixing bridge with two or more members re-sets BRIDGEPEER
//   on each real member; a leaving member first gets BRIDGEPEER="" ;
// - with exactly two members, each real member's connected line becomes the other party
//   (empty when the other is a hidden helper);
// - adding a channel that is in another bridge moves it (ChannelLeftBridge, then Entered);
// - holding bridges set no BRIDGEPEER and play MOH without a helper channel.
import type { World } from './world.ts';
import { bridgeJson, NO_CALLER, type SimBridge, type SimChannel } from './model.ts';

export type LeaveReason = 'removed' | 'moved' | 'hangup' | 'destroyed';

export class BridgeService {
  constructor(private readonly world: World) {}

  create(id: string, name: string, bridgeType: 'mixing' | 'holding'): SimBridge {
    const w = this.world;
    const b: SimBridge = {
      id,
      name,
      bridgeType,
      technology: bridgeType === 'holding' ? 'holding_bridge' : 'simple_bridge',
      creationtime: w.clock.timestamp(),
      members: [],
      subscribers: new Map(),
      explicitSubs: new Set(),
      vars: new Map(),
    };
    w.bridges.set(id, b);
    const all = w.hub.subscribeAllApps();
    if (all.length) w.emitTo(all, 'BridgeCreated', { bridge: bridgeJson(b) });
    w.activity('bridge-created', { bridgeId: id, bridgeType, name });
    return b;
  }

  add(b: SimBridge, ch: SimChannel, role?: string): void {
    const w = this.world;
    if (ch.bridgeId === b.id) return;
    const old = w.bridgeOf(ch);
    if (old) this.leave(old, ch, 'moved');
    b.members.push(ch);
    ch.bridgeId = b.id;
    const app = ch.stasis?.app;
    if (app) b.subscribers.set(app, (b.subscribers.get(app) ?? 0) + 1);
    w.bridgeChannelEvent(ch, b, 'ChannelEnteredBridge');
    this.membershipChanged(b);
    if (ch.half === 1) w.lifecycle.afterAnswerSteps(ch);
    w.activity('bridge-enter', { bridgeId: b.id, channelId: ch.id, role: role ?? '' });
    w.inbound.bridgeChanged(b);
    w.phones.bridgeChanged(b);
  }

  leave(b: SimBridge, ch: SimChannel, reason: LeaveReason): void {
    const w = this.world;
    const idx = b.members.indexOf(ch);
    if (idx < 0) return;
    if (ch.vars.get('BRIDGEPEER')) w.lifecycle.setVar(ch, 'BRIDGEPEER', '');
    b.members.splice(idx, 1);
    ch.bridgeId = undefined;
    const app = ch.stasis?.app;
    if (app && (reason === 'removed' || reason === 'moved')) {
      b.subscribers.set(app, Math.max(0, (b.subscribers.get(app) ?? 0) - 1));
    }
    w.bridgeChannelEvent(ch, b, 'ChannelLeftBridge');
    if (reason !== 'destroyed') this.membershipChanged(b);
    w.activity('bridge-leave', { bridgeId: b.id, channelId: ch.id, reason });
    w.inbound.bridgeChanged(b);
    w.phones.bridgeChanged(b);
    if (!b.members.some((m) => !m.hidden)) {
      // A bridge recording ends once the last real party is gone; Asterisk reports it
      // right after the hangup sequence that emptied the bridge.
      queueMicrotask(() => {
        try {
          if (w.bridges.get(b.id) === b && !b.members.some((m) => !m.hidden)) w.recordingSvc.bridgeEmptied(b);
        } catch (err) {
          w.log('error', `ending bridge recording failed: ${String(err)}`);
        }
      });
    }
  }

  destroy(b: SimBridge): void {
    const w = this.world;
    const recipients = w.appsForBridge(b);
    w.playbackSvc.bridgeGone(b);
    w.recordingSvc.bridgeGone(b);
    for (const m of [...b.members]) {
      if (m.hidden) {
        b.members.splice(b.members.indexOf(m), 1);
        w.lifecycle.destroy(m, 16);
      } else {
        this.leave(b, m, 'destroyed');
      }
    }
    w.bridges.delete(b.id);
    w.emitTo(recipients, 'BridgeDestroyed', { bridge: bridgeJson(b) });
    w.activity('bridge-destroyed', { bridgeId: b.id });
  }

  startMoh(b: SimBridge, mohClass: string): void {
    b.mohClass = mohClass;
    if (b.bridgeType === 'mixing' && !b.mohAnnouncer) {
      b.mohAnnouncer = this.addHelper(b, `Announcer/ARI_MOH-${this.world.ids.unrealSuffix()};2`);
    }
    this.world.activity('bridge-moh-start', { bridgeId: b.id, mohClass });
  }

  /** Returns false when no music is playing (409 "Bridge isn't playing music"). */
  stopMoh(b: SimBridge): boolean {
    if (b.mohClass === undefined) return false;
    b.mohClass = undefined;
    if (b.mohAnnouncer) {
      this.removeHelper(b, b.mohAnnouncer);
      b.mohAnnouncer = undefined;
    }
    this.world.activity('bridge-moh-stop', { bridgeId: b.id });
    return true;
  }

  /** Adds a hidden helper channel (announcer, recorder) as a bridge member. */
  addHelper(b: SimBridge, name: string): SimChannel {
    const w = this.world;
    const helper = w.lifecycle.create({
      id: w.ids.uniqueId(),
      name,
      tech: name.startsWith('Recorder/') ? 'Recorder' : 'Announcer',
      state: 'Up',
      dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
      pbx: false,
      hidden: true,
    });
    b.members.push(helper);
    helper.bridgeId = b.id;
    this.membershipChanged(b);
    return helper;
  }

  removeHelper(b: SimBridge, helper: SimChannel): void {
    const idx = b.members.indexOf(helper);
    if (idx >= 0) {
      b.members.splice(idx, 1);
      helper.bridgeId = undefined;
      this.membershipChanged(b);
    }
    this.world.lifecycle.destroy(helper, 16);
  }

  /** Re-sends BRIDGEPEER for every real member (Asterisk does this on snoop changes too). */
  refreshPeers(b: SimBridge): void {
    if (b.bridgeType !== 'mixing' || b.members.length < 2) return;
    for (const m of b.members) {
      if (!m.hidden) this.world.lifecycle.setVar(m, 'BRIDGEPEER', this.peerNames(b, m));
    }
  }

  private membershipChanged(b: SimBridge): void {
    if (b.bridgeType !== 'mixing') return;
    b.technology = b.members.length > 2 ? 'softmix' : 'simple_bridge';
    this.refreshPeers(b);
    if (b.members.length === 2) {
      const [x, y] = b.members;
      for (const [me, other] of [[x, y], [y, x]] as const) {
        if (me.hidden) continue;
        this.world.lifecycle.setConnected(me, other.hidden ? NO_CALLER : other.caller);
      }
    }
  }

  /** Helpers first, then the real members most recently joined first. */
  private peerNames(b: SimBridge, me: SimChannel): string {
    const others = b.members.filter((m) => m !== me);
    const helpers = others.filter((m) => m.hidden).map((m) => m.name);
    const real = others.filter((m) => !m.hidden).map((m) => m.name).reverse();
    return [...helpers, ...real].join(',');
  }
}

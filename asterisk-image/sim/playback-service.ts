// Playbacks on channels and bridges: one queue per target, real (scaled) durations.
//
// Behaviour recorded on Asterisk 22.10.1 (samples/README.md "Playback"):
// - a playback is created `queued`; PlaybackStarted (`playing`) when it reaches the head;
// - PlaybackFinished `done` at the end, or when stopped with DELETE /playbacks/{id};
// - a hangup during playback gives PlaybackFinished `failed`;
// - a missing sound gives PlaybackStarted then PlaybackFinished `failed` at once;
// - an unknown media scheme gives PlaybackStarted and never a PlaybackFinished, and the
//   next queued playback starts at once;
// - the same playbackId may be queued twice; DTMF does not stop a playback.
import type { World } from './world.ts';
import { playbackJson, type SimBridge, type SimChannel, type SimPlayback } from './model.ts';

type Target = SimPlayback['target'];

export class PlaybackService {
  /** Queue per target key (`channel:<id>` / `bridge:<id>`); the head is the current one. */
  private readonly queues = new Map<string, SimPlayback[]>();

  constructor(private readonly world: World) {}

  create(target: Target, media: string[], language: string, id: string | undefined, skipMs: number): SimPlayback {
    const w = this.world;
    const p: SimPlayback = {
      id: id || w.ids.uuid(),
      media,
      index: 0,
      language,
      targetUri: `${target.kind}:${target.id}`,
      target,
      state: 'queued',
      remainingMs: 0,
      startedAt: 0,
      paused: false,
      skipMs,
      stuck: false,
    };
    w.playbacks.set(p.id, p);
    const key = p.targetUri;
    const queue = this.queues.get(key) ?? [];
    queue.push(p);
    this.queues.set(key, queue);
    w.activity('playback-queued', { playbackId: p.id, target: p.targetUri, media });
    return p;
  }

  /** Starts the head of a target's queue if nothing is playing there. */
  kick(targetUri: string): void {
    const queue = this.queues.get(targetUri);
    const head = queue?.[0];
    if (head && head.state === 'queued') this.startItem(head, true);
  }

  stop(p: SimPlayback): void {
    const queue = this.queues.get(p.targetUri) ?? [];
    if (p.stuck || queue[0] !== p) {
      this.remove(p);
      return;
    }
    p.timer?.cancel();
    this.finish(p, 'done');
  }

  /** Returns an error message when the operation is not possible in the current state. */
  control(p: SimPlayback, op: string): string | undefined {
    const w = this.world;
    if (p.state !== 'playing' || p.stuck) return `Can only ${op} while media is playing`;
    const elapsed = p.paused ? 0 : w.clock.now() - p.startedAt;
    const remaining = Math.max(0, p.remainingMs - elapsed);
    const full = this.itemDuration(p) ?? remaining;
    p.timer?.cancel();
    switch (op) {
      case 'pause':
        p.paused = true;
        p.remainingMs = remaining;
        return undefined;
      case 'unpause':
        p.paused = false;
        p.remainingMs = remaining;
        break;
      case 'restart':
        p.remainingMs = full;
        break;
      case 'reverse':
        p.remainingMs = Math.min(full, remaining + p.skipMs);
        break;
      case 'forward':
        p.remainingMs = Math.max(0, remaining - p.skipMs);
        break;
    }
    if (!p.paused) this.arm(p);
    return undefined;
  }

  channelGone(ch: SimChannel): void {
    this.targetGone(`channel:${ch.id}`);
  }

  bridgeGone(b: SimBridge): void {
    this.targetGone(`bridge:${b.id}`);
  }

  private targetGone(key: string): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    this.queues.delete(key);
    const [head, ...rest] = queue;
    if (head && (head.state === 'playing' || head.state === 'continuing') && !head.stuck) {
      head.timer?.cancel();
      head.state = 'failed';
      this.emit(head, 'PlaybackFinished');
    }
    for (const p of rest) this.forget(p);
    if (head) this.forget(head);
    for (const p of [...this.world.playbacks.values()]) if (p.targetUri === key) this.forget(p);
  }

  private startItem(p: SimPlayback, first: boolean): void {
    const w = this.world;
    p.state = first ? 'playing' : 'continuing';
    p.startedAt = w.clock.now();
    p.paused = false;
    this.emit(p, first ? 'PlaybackStarted' : 'PlaybackContinuing');
    if (!first) p.state = 'playing';
    const duration = this.itemDuration(p);
    if (duration === null) {
      // Unknown scheme: Asterisk never finishes it but moves on to the next playback.
      p.stuck = true;
      this.dequeue(p);
      this.kick(p.targetUri);
      return;
    }
    if (duration === undefined) {
      p.state = 'failed';
      this.emit(p, 'PlaybackFinished');
      this.dequeue(p);
      this.forget(p);
      this.kick(p.targetUri);
      return;
    }
    p.remainingMs = duration;
    this.arm(p);
  }

  private arm(p: SimPlayback): void {
    if (!Number.isFinite(p.remainingMs)) return;
    p.startedAt = this.world.clock.now();
    p.timer = this.world.clock.after(p.remainingMs, () => this.itemDone(p));
  }

  private itemDone(p: SimPlayback): void {
    if (p.index + 1 < p.media.length) {
      p.index += 1;
      this.startItem(p, false);
      return;
    }
    this.finish(p, 'done');
  }

  private finish(p: SimPlayback, state: 'done' | 'failed'): void {
    p.state = state;
    this.emit(p, 'PlaybackFinished');
    this.dequeue(p);
    this.forget(p);
    this.kick(p.targetUri);
  }

  /**
   * Simulated duration of the current media item: a number of ms, `Infinity` for tones
   * (they play until stopped), `undefined` for a missing file, `null` for an unknown scheme.
   */
  private itemDuration(p: SimPlayback): number | undefined | null {
    const uri = p.media[p.index] ?? '';
    const colon = uri.indexOf(':');
    const scheme = colon < 0 ? '' : uri.slice(0, colon);
    const rest = colon < 0 ? uri : uri.slice(colon + 1);
    switch (scheme) {
      case 'sound':
        return this.world.sounds.durationMs(rest, p.language);
      case 'recording':
        return this.world.recordingSvc.storedDurationMs(rest);
      case 'number':
        return /^-?\d+$/.test(rest) ? Math.max(1, String(Math.abs(Number(rest))).length) * 600 : undefined;
      case 'digits':
      case 'characters':
        return rest.length > 0 ? rest.length * 500 : undefined;
      case 'tone':
        return rest.length > 0 ? Number.POSITIVE_INFINITY : undefined;
      default:
        return null;
    }
  }

  private emit(p: SimPlayback, type: string): void {
    const w = this.world;
    let apps: Set<string>;
    if (p.target.kind === 'channel') {
      const ch = w.channels.get(p.target.id);
      apps = ch ? w.appsForChannel(ch) : new Set();
    } else {
      const b = w.bridges.get(p.target.id);
      apps = new Set(b ? w.appsForBridge(b) : []);
      for (const m of b?.members ?? []) for (const a of w.appsForChannel(m)) apps.add(a);
    }
    w.emitTo(apps, type, { playback: playbackJson(p) });
  }

  private dequeue(p: SimPlayback): void {
    const queue = this.queues.get(p.targetUri);
    if (!queue) return;
    const idx = queue.indexOf(p);
    if (idx >= 0) queue.splice(idx, 1);
    if (queue.length === 0) this.queues.delete(p.targetUri);
  }

  private remove(p: SimPlayback): void {
    p.timer?.cancel();
    this.dequeue(p);
    this.forget(p);
  }

  private forget(p: SimPlayback): void {
    if (this.world.playbacks.get(p.id) === p) this.world.playbacks.delete(p.id);
  }
}

// Live and stored recordings. Files are real: `<dataDir>/recording/<name>.<format>`, with
// the recorded length in simulated time, so the appliance can serve and play them.
//
// Reproduced from the recordings: POST .../record answers 201 with state `queued`, then
// RecordingStarted (`recording`); stopping gives RecordingFinished (`done`) with an integer
// `duration` in seconds; a bridge recording ends on its own when the last real party leaves;
// a bridge recorder shows up as `Recorder/ARI-<n>;2` in BRIDGEPEER; name conflicts with a
// live recording, or with a stored one under ifExists=fail, are 409.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { World } from './world.ts';
import { AriError, badRequest, conflict, internal, notFound, unprocessable } from './errors.ts';
import { recordingJson, type SimBridge, type SimChannel, type SimRecording } from './model.ts';
import { AUDIO_FORMATS, audioDurationMs, writeAudio } from './wav.ts';

export interface RecordOptions {
  name: string | undefined;
  format: string | undefined;
  maxDurationSeconds: number;
  maxSilenceSeconds: number;
  ifExists: string;
  beep: boolean;
  terminateOn: string;
}

const CUSTOMER_TONE = 440;
const AGENT_TONE = 620;

export class RecordingService {
  readonly dir: string;

  constructor(private readonly world: World) {
    this.dir = join(world.config.dataDir, 'recording');
  }

  /** Validates in Asterisk's order and starts recording; returns the `queued` JSON. */
  start(target: { kind: 'channel'; ch: SimChannel } | { kind: 'bridge'; b: SimBridge }, o: RecordOptions): Record<string, unknown> {
    const w = this.world;
    if (!['none', 'any', '*', '#'].includes(o.terminateOn)) throw badRequest('terminateOn invalid');
    if (!['fail', 'overwrite', 'append'].includes(o.ifExists)) throw badRequest('ifExists invalid');
    const format = o.format ? AUDIO_FORMATS[o.format] : undefined;
    if (!format || !o.format) throw unprocessable('specified format is unknown on this system');
    const name = o.name ?? '';
    const file = this.safePath(name, format.ext);
    if (!file) throw internal('Error parsing request');
    if (w.liveRecordings.has(name)) throw conflict(`Recording '${name}' already exists and can not be overwritten`);
    if (existsSync(file) && o.ifExists === 'fail') {
      throw conflict(`Recording '${name}' already exists and can not be overwritten`);
    }
    const targetId = target.kind === 'channel' ? target.ch.id : target.b.id;
    const r: SimRecording = {
      name,
      format: o.format,
      targetUri: `${target.kind}:${targetId}`,
      target: { kind: target.kind, id: targetId },
      state: 'queued',
      startedAt: 0,
      accumulatedMs: 0,
      muted: false,
      ifExists: o.ifExists,
      terminateOn: o.terminateOn,
      tones: [],
    };
    const queuedJson = recordingJson(r);
    w.liveRecordings.set(name, r);
    if (target.kind === 'bridge') {
      r.recorder = w.bridgeSvc.addHelper(target.b, `Recorder/ARI-${w.ids.unrealSuffix()};2`);
    }
    if (o.ifExists === 'overwrite' && existsSync(file)) rmSync(file, { force: true });
    r.tones = this.tonesFor(r);
    r.state = 'recording';
    r.startedAt = w.clock.now();
    this.emit(r, 'RecordingStarted');
    if (o.maxDurationSeconds > 0) r.maxDurationTimer = w.clock.after(o.maxDurationSeconds * 1000, () => this.stop(r));
    w.activity('recording-started', { name, target: r.targetUri, format: o.format });
    return queuedJson;
  }

  stop(r: SimRecording): void {
    this.finish(r, 'done');
  }

  cancel(r: SimRecording): void {
    this.finish(r, 'canceled');
  }

  /** pause/unpause/mute/unmute; returns false when the recording is not in session. */
  control(r: SimRecording, op: 'pause' | 'unpause' | 'mute' | 'unmute'): boolean {
    if (r.state !== 'recording' && r.state !== 'paused') return false;
    const now = this.world.clock.now();
    if (op === 'pause' && r.state === 'recording') {
      r.accumulatedMs += now - r.startedAt;
      r.state = 'paused';
    } else if (op === 'unpause' && r.state === 'paused') {
      r.startedAt = now;
      r.state = 'recording';
    } else if (op === 'mute' || op === 'unmute') {
      r.muted = op === 'mute';
    }
    return true;
  }

  /** DTMF on a recorded channel ends the recording when terminateOn matches. */
  dtmf(ch: SimChannel, digit: string): void {
    for (const r of [...this.world.liveRecordings.values()]) {
      if (r.targetUri !== `channel:${ch.id}` || r.terminateOn === 'none') continue;
      if (r.terminateOn === 'any' || r.terminateOn === digit) this.stop(r);
    }
  }

  channelGone(ch: SimChannel): void {
    for (const r of [...this.world.liveRecordings.values()]) if (r.targetUri === `channel:${ch.id}`) this.stop(r);
  }

  bridgeEmptied(b: SimBridge): void {
    for (const r of [...this.world.liveRecordings.values()]) if (r.targetUri === `bridge:${b.id}`) this.stop(r);
  }

  bridgeGone(b: SimBridge): void {
    this.bridgeEmptied(b);
  }

  // ---- stored recordings ------------------------------------------------------------------

  listStored(): Array<{ name: string; format: string }> {
    const out: Array<{ name: string; format: string }> = [];
    const walk = (dir: string): void => {
      if (!existsSync(dir)) return;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else {
          const dot = e.name.lastIndexOf('.');
          const ext = e.name.slice(dot + 1);
          if (dot > 0 && AUDIO_FORMATS[ext]) {
            out.push({ name: relative(this.dir, path).slice(0, -(ext.length + 1)).split(sep).join('/'), format: ext });
          }
        }
      }
    };
    walk(this.dir);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  findStored(name: string): { name: string; format: string; path: string } | undefined {
    if (!name || name.includes('..')) return undefined;
    for (const ext of Object.keys(AUDIO_FORMATS)) {
      const path = this.safePath(name, ext);
      if (path && existsSync(path)) return { name, format: ext, path };
    }
    return undefined;
  }

  storedDurationMs(name: string): number | undefined {
    const found = this.findStored(name);
    return found ? audioDurationMs(found.path, AUDIO_FORMATS[found.format]) : undefined;
  }

  readStored(name: string): { data: Buffer; format: string } {
    const found = this.findStored(name);
    if (!found) throw notFound('Recording not found');
    try {
      return { data: readFileSync(found.path), format: found.format };
    } catch {
      throw new AriError(403, 'The recording file could not be opened');
    }
  }

  deleteStored(name: string): void {
    const found = this.findStored(name);
    if (!found) throw notFound('Recording not found');
    rmSync(found.path, { force: true });
  }

  copyStored(name: string, destination: string | undefined): { name: string; format: string } {
    const found = this.findStored(name);
    if (!found) throw notFound('Recording not found');
    if (!destination) throw badRequest('Missing parameter destinationRecordingName');
    const target = this.safePath(destination, found.format);
    if (!target) throw badRequest('Destination file path invalid');
    if (existsSync(target)) throw conflict('A recording with the same name already exists on the system');
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(found.path, target);
    return { name: destination, format: found.format };
  }

  private finish(r: SimRecording, state: 'done' | 'canceled'): void {
    const w = this.world;
    if (r.state === 'done' || r.state === 'canceled' || r.state === 'failed') return;
    r.maxDurationTimer?.cancel();
    const now = w.clock.now();
    const ms = r.accumulatedMs + (r.state === 'recording' ? now - r.startedAt : 0);
    const format = AUDIO_FORMATS[r.format];
    const file = this.safePath(r.name, format.ext)!;
    w.liveRecordings.delete(r.name);
    if (state === 'done') {
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeAudio(file, format, ms, r.muted ? [] : r.tones, r.ifExists === 'append');
      } catch (err) {
        w.log('error', `could not write recording ${file}: ${String(err)}`);
        r.state = 'failed';
        this.emit(r, 'RecordingFailed');
        this.dropRecorder(r);
        return;
      }
      r.durationSec = Math.floor(ms / 1000);
    } else {
      rmSync(file, { force: true });
    }
    r.state = state;
    this.emit(r, 'RecordingFinished');
    this.dropRecorder(r);
    w.activity('recording-finished', { name: r.name, state, durationMs: Math.round(ms), file });
  }

  private dropRecorder(r: SimRecording): void {
    const b = r.target.kind === 'bridge' ? this.world.bridges.get(r.target.id) : undefined;
    if (r.recorder && b) this.world.bridgeSvc.removeHelper(b, r.recorder);
    else if (r.recorder) this.world.lifecycle.destroy(r.recorder, 16);
    r.recorder = undefined;
  }

  private tonesFor(r: SimRecording): number[] {
    if (this.world.config.recordingAudio === 'silence') return [];
    if (r.target.kind === 'channel') return [CUSTOMER_TONE];
    const b = this.world.bridges.get(r.target.id);
    const real = b ? b.members.filter((m) => !m.hidden).length : 0;
    return real >= 2 ? [CUSTOMER_TONE, AGENT_TONE] : [CUSTOMER_TONE];
  }

  private emit(r: SimRecording, type: string): void {
    const w = this.world;
    let apps = new Set<string>();
    if (r.target.kind === 'channel') {
      const ch = w.channels.get(r.target.id);
      if (ch) apps = w.appsForChannel(ch);
    } else {
      const b = w.bridges.get(r.target.id);
      if (b) {
        apps = w.appsForBridge(b);
        for (const m of b.members) for (const a of w.appsForChannel(m)) apps.add(a);
      }
    }
    w.emitTo(apps, type, { recording: recordingJson(r) });
  }

  /** Absolute file path for a recording name, or undefined when it escapes the directory. */
  private safePath(name: string, ext: string): string | undefined {
    if (!name || name.startsWith('/') || name.split('/').includes('..')) return undefined;
    const path = resolve(this.dir, `${name}.${ext}`);
    return path.startsWith(this.dir + sep) ? path : undefined;
  }
}

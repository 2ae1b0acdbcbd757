// Sound files the simulator can "play": a built-in set plus files under <dataDir>/sounds.
//
// Durations matter because apps time IVR menus off PlaybackFinished. The built-in lengths
// follow the recordings where known (hello-world was a 2 s file, beep 0.25 s).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { wavDurationMs } from './wav.ts';

const BUILT_IN: Record<string, number> = {
  'hello-world': 2000,
  beep: 250,
  'pls-hold-while-try': 2500,
  'vm-goodbye': 1000,
  'queue-thankyou': 2000,
  'queue-holdtime': 1500,
  'conf-onlyperson': 2000,
  // EdgeCall IVR prompt names (the appliance refers to them as sound:edgecall/<name>).
  'edgecall/welcome': 3000,
  'edgecall/main-menu': 5000,
  'edgecall/invalid-option': 2000,
  'edgecall/no-input': 2000,
  'edgecall/please-hold': 2500,
  'edgecall/queue-position': 2000,
  'edgecall/all-agents-busy': 3000,
  'edgecall/callback-offer': 4000,
  'edgecall/callback-confirmed': 2000,
  'edgecall/out-of-hours': 4000,
  'edgecall/recording-notice': 3000,
  'edgecall/transfer': 1500,
  'edgecall/goodbye': 1500,
};
for (let d = 0; d <= 9; d++) BUILT_IN[`digits/${d}`] = 500;
for (let s = 1; s <= 10; s++) BUILT_IN[`silence/${s}`] = s * 1000;

/** Bytes per second of the raw formats Asterisk can play from disk. */
const RAW_RATES: Record<string, number> = { ulaw: 8000, alaw: 8000, pcm: 8000, sln: 16000, sln16: 32000, gsm: 1650, g722: 8000 };

export interface SoundInfo {
  id: string;
  text: string;
  formats: Array<{ language: string; format: string }>;
}

export class SoundCatalog {
  private readonly dir: string;

  constructor(dataDir: string, private readonly extra: Record<string, number>) {
    this.dir = join(dataDir, 'sounds');
  }

  /** Simulated ms, or undefined when the sound does not exist (the playback fails). */
  durationMs(name: string, language: string): number | undefined {
    if (!name || name.includes('..')) return undefined;
    const file = this.findFile(name, language);
    if (file) return fileDurationMs(file);
    return this.extra[name] ?? BUILT_IN[name];
  }

  list(): SoundInfo[] {
    const ids = new Set([...Object.keys(BUILT_IN), ...Object.keys(this.extra), ...this.scan()]);
    return [...ids].sort().map((id) => this.info(id)!).filter(Boolean);
  }

  info(id: string): SoundInfo | undefined {
    if (this.durationMs(id, 'en') === undefined) return undefined;
    const file = this.findFile(id, 'en');
    const format = file ? file.slice(file.lastIndexOf('.') + 1) : 'wav';
    return { id, text: '', formats: [{ language: 'en', format }] };
  }

  private findFile(name: string, language: string): string | undefined {
    for (const base of [join(this.dir, language), this.dir]) {
      for (const ext of ['wav', 'wav16', ...Object.keys(RAW_RATES)]) {
        const path = join(base, `${name}.${ext}`);
        if (existsSync(path)) return path;
      }
    }
    return undefined;
  }

  private scan(): string[] {
    const out: string[] = [];
    const walk = (dir: string, prefix: string): void => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else if (entry.name.includes('.')) out.push(`${prefix}${entry.name.slice(0, entry.name.lastIndexOf('.'))}`);
      }
    };
    walk(this.dir, '');
    return out;
  }
}

function fileDurationMs(path: string): number {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  if (ext === 'wav' || ext === 'wav16') return wavDurationMs(path) ?? 0;
  const rate = RAW_RATES[ext] ?? 8000;
  return Math.round((statSync(path).size / rate) * 1000);
}

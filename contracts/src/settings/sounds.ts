/**
 * IVR sounds (issue 6): uploads converted to 8 kHz mono 16-bit WAV and named
 * `sound:<name>` in the ACD settings, plus the names a PBX has built in.
 */
import { z } from 'zod';
import type { AcdSettings } from '../acd-settings.ts';

/** An uploaded sound's name: what `sound:<name>` refers to. No `/`: uploads never shadow a built-in folder. */
export const SOUND_NAME = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, - and _; at most 64');

/** Upload content types and the sox input type each one is read as. */
export const SOUND_UPLOAD_TYPES: Record<string, 'wav' | 'mp3' | 'ogg'> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'application/ogg': 'ogg',
};
export const SOUND_MAX_BYTES = 20 * 1024 * 1024;
export const SOUND_MAX_SECONDS = 600;

export const SoundUploadQuery = z.strictObject({
  name: SOUND_NAME,
  title: z.string().trim().max(200).optional(),
  /** Replace the audio of an existing sound of this name (else 409). */
  replace: z.enum(['true', 'false']).default('false'),
});
export const SoundPatch = z.strictObject({ title: z.string().trim().max(200) });

export interface IvrSound {
  /** The name. */
  id: string;
  name: string;
  title: string;
  durationMs: number;
  /** Bytes of the converted WAV. */
  sizeBytes: number;
  /** What was uploaded: wav, mp3 or ogg. */
  sourceType: string;
  updatedAt: string;
}

/**
 * Sounds every branch PBX has: the Asterisk core sounds an IVR commonly
 * plays (core-sounds package, English) and the prompts of the EdgeCall
 * image (`edgecall/…`). Other names are accepted when the PBX reports them.
 */
export const BUILTIN_SOUNDS: readonly string[] = [
  'beep',
  'hello-world',
  'goodbye',
  'vm-goodbye',
  'invalid',
  'option-is-invalid',
  'pbx-invalid',
  'pbx-transfer',
  'transfer',
  'pls-hold-while-try',
  'please-try-again',
  'an-error-has-occurred',
  'conf-onlyperson',
  'queue-callswaiting',
  'queue-holdtime',
  'queue-less-than',
  'queue-minutes',
  'queue-periodic-announce',
  'queue-quantity1',
  'queue-quantity2',
  'queue-reporthold',
  'queue-seconds',
  'queue-thankyou',
  'queue-thereare',
  'queue-youarenext',
  'tt-allbusy',
  'tt-somethingwrong',
  ...['welcome', 'main-menu', 'invalid-option', 'no-input', 'please-hold', 'queue-position', 'all-agents-busy', 'callback-offer', 'callback-confirmed', 'out-of-hours', 'recording-notice', 'transfer', 'goodbye'].map((n) => `edgecall/${n}`),
  ...Array.from({ length: 10 }, (_, d) => `digits/${d}`),
  ...Array.from({ length: 10 }, (_, s) => `silence/${s + 1}`),
];

/** Every `sound:<name>` the ACD settings play, with where it is (`menus.0.prompt`). */
export function soundReferences(s: AcdSettings): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  const add = (path: string, media: string | undefined) => {
    if (media?.startsWith('sound:')) out.push({ path, name: media.slice('sound:'.length) });
  };
  s.menus.forEach((m, i) => {
    add(`menus.${i}.prompt`, m.prompt);
    add(`menus.${i}.invalidPrompt`, m.invalidPrompt);
  });
  s.entries.forEach((e, i) => add(`entries.${i}.closedMessage`, e.closedMessage));
  s.queues.forEach((q, i) => {
    add(`queues.${i}.timeoutMessage`, q.timeoutMessage);
    add(`queues.${i}.noAgentsMessage`, q.noAgentsMessage);
  });
  add('welcomePrompt', s.welcomePrompt);
  return out;
}

/** A PCM WAV header's format and length, or null when the bytes are not one. */
export function readWavHeader(bytes: Uint8Array): { sampleRate: number; channels: number; bitsPerSample: number; dataBytes: number; durationMs: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let fmt: { channels: number; sampleRate: number; byteRate: number; bitsPerSample: number } | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      fmt = { channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), byteRate: view.getUint32(at + 16, true), bitsPerSample: view.getUint16(at + 22, true) };
    }
    if (id === 'data' && fmt) {
      const dataBytes = Math.min(size, bytes.length - at - 8);
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, bitsPerSample: fmt.bitsPerSample, dataBytes, durationMs: fmt.byteRate ? Math.round((dataBytes / fmt.byteRate) * 1000) : 0 };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

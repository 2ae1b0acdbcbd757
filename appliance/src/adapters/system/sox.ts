/**
 * IVR sound conversion with Debian's sox: WAV, MP3 (libsox-fmt-mp3) or OGG
 * in, 8 kHz mono 16-bit PCM WAV out — what Asterisk plays without
 * transcoding. One conversion at a time: sox is CPU-bound and the appliance
 * is small.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavHeader } from '@edgecall/contracts';

export type SoxInputType = 'wav' | 'mp3' | 'ogg';
export type SoxResult =
  | { ok: true; wav: Buffer; durationMs: number }
  | { ok: false; reason: 'unreadable' | 'too_long' | 'unsupported' | 'failed'; detail: string };

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: err && !stderr ? err.message : String(stderr) });
    });
  });
}

/** sox's complaint without the temporary path: “can't open input file: WAVE: RIFF header not found”. */
function complaint(stderr: string): string {
  const line = stderr.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? 'sox failed';
  return line.replace(/^sox (FAIL|WARN) \w+: /, '').replace(/`[^']*'/g, '').replace(/\s+/g, ' ').trim();
}

const clock = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

export function createSoxConverter(opts: { soxPath?: string; timeoutMs?: number } = {}) {
  const sox = opts.soxPath ?? 'sox';
  const timeoutMs = opts.timeoutMs ?? 120_000;
  let formats: Promise<Set<string>> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** The formats this sox reads (`sox -h`); empty when sox is missing. */
  function supported(): Promise<Set<string>> {
    formats ??= run(sox, ['-h'], 10_000).then((r) => {
      const line = r.stdout.split('\n').find((l) => l.startsWith('AUDIO FILE FORMATS:'));
      return new Set(line ? line.slice('AUDIO FILE FORMATS:'.length).trim().split(/\s+/) : []);
    });
    return formats;
  }

  async function convertNow(input: Buffer, type: SoxInputType, maxSeconds: number): Promise<SoxResult> {
    const known = await supported();
    if (known.size === 0) return { ok: false, reason: 'unsupported', detail: `sox is not installed (${sox})` };
    if (!known.has(type)) return { ok: false, reason: 'unsupported', detail: type === 'mp3' ? 'sox has no MP3 support; install the Debian package libsox-fmt-mp3' : `sox cannot read ${type}` };
    const dir = await mkdtemp(join(tmpdir(), 'ec-sound-'));
    try {
      const src = join(dir, `in.${type}`);
      const out = join(dir, 'out.wav');
      await writeFile(src, input);
      // The length first: an hour-long file is refused before it is converted.
      // soxi reads the type from the extension (its -t prints the type instead).
      const info = await run(sox, ['--i', '-D', src], timeoutMs);
      if (info.code !== 0) return { ok: false, reason: 'unreadable', detail: complaint(info.stderr) };
      const seconds = Number(info.stdout.trim());
      if (Number.isFinite(seconds) && seconds > maxSeconds + 0.5) return { ok: false, reason: 'too_long', detail: clock(seconds * 1000) };
      const conv = await run(sox, ['-V1', '-G', '-t', type, src, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'wav', out], timeoutMs);
      if (conv.code !== 0) return { ok: false, reason: conv.code === -1 ? 'failed' : 'unreadable', detail: complaint(conv.stderr) };
      const wav = await readFile(out);
      const header = readWavHeader(wav);
      if (!header || header.sampleRate !== 8000 || header.channels !== 1 || header.bitsPerSample !== 16) return { ok: false, reason: 'failed', detail: 'sox wrote an unexpected file' };
      if (header.dataBytes === 0) return { ok: false, reason: 'unreadable', detail: 'the file holds no audio' };
      if (header.durationMs > maxSeconds * 1000 + 500) return { ok: false, reason: 'too_long', detail: clock(header.durationMs) };
      return { ok: true, wav, durationMs: header.durationMs };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    supported,
    convert(input: Buffer, type: SoxInputType, maxSeconds: number): Promise<SoxResult> {
      const next = queue.then(() => convertNow(input, type, maxSeconds));
      queue = next.catch(() => undefined);
      return next.catch((err: Error) => ({ ok: false as const, reason: 'failed' as const, detail: err.message }));
    },
  };
}

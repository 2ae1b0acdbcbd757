// Minimal audio file writer/reader for recordings: RIFF/WAVE PCM 16-bit mono (8 kHz for
// `wav`, 16 kHz for `wav16`) and the raw formats `sln`, `sln16`, `ulaw`, `alaw`.
//
// Recordings contain tones rather than speech (like the recorded test setup: 440 Hz for the
// customer, 620 Hz for the agent) so a listener can hear who was in the call. Audio is
// written one second at a time from a precomputed buffer: integer tone frequencies repeat
// exactly every second, which keeps even a long recording cheap to produce.
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';

export interface AudioFormat {
  ext: string;
  rate: number;
  encoding: 'pcm16' | 'ulaw' | 'alaw';
  container: 'wav' | 'raw';
}

export const AUDIO_FORMATS: Record<string, AudioFormat> = {
  wav: { ext: 'wav', rate: 8000, encoding: 'pcm16', container: 'wav' },
  wav16: { ext: 'wav16', rate: 16000, encoding: 'pcm16', container: 'wav' },
  sln: { ext: 'sln', rate: 8000, encoding: 'pcm16', container: 'raw' },
  sln16: { ext: 'sln16', rate: 16000, encoding: 'pcm16', container: 'raw' },
  ulaw: { ext: 'ulaw', rate: 8000, encoding: 'ulaw', container: 'raw' },
  alaw: { ext: 'alaw', rate: 8000, encoding: 'alaw', container: 'raw' },
};

function bytesPerSample(f: AudioFormat): number {
  return f.encoding === 'pcm16' ? 2 : 1;
}

function wavHeader(dataBytes: number, rate: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  let s = Math.max(-32635, Math.min(32635, sample));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function linearToAlaw(sample: number): number {
  let s = Math.max(-32767, Math.min(32767, sample)) >> 3;
  const sign = s >= 0 ? 0x80 : 0;
  if (s < 0) s = -s - 1;
  let exponent = 0;
  while (s > 0x1f && exponent < 7) {
    s >>= 1;
    exponent++;
  }
  const mantissa = exponent === 0 ? s >> 1 : s & 0x0f;
  return ((sign | (exponent << 4) | (mantissa & 0x0f)) ^ 0x55) & 0xff;
}

/** One second of audio: the sum of the given tones, or silence for an empty list. */
function oneSecond(f: AudioFormat, tones: number[]): Buffer {
  const n = f.rate;
  const buf = Buffer.alloc(n * bytesPerSample(f));
  const amp = tones.length ? Math.floor(8000 / tones.length) : 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const hz of tones) v += Math.sin((2 * Math.PI * hz * i) / n);
    const sample = Math.round(v * amp);
    if (f.encoding === 'pcm16') buf.writeInt16LE(sample, i * 2);
    else buf[i] = f.encoding === 'ulaw' ? linearToUlaw(sample) : linearToAlaw(sample);
  }
  return buf;
}

/**
 * Writes `durationMs` of audio. With `append`, a WAV file keeps its samples and gets a new
 * header covering old plus new data (Asterisk's ifExists=append).
 */
export function writeAudio(path: string, format: AudioFormat, durationMs: number, tones: number[], append: boolean): void {
  const bps = bytesPerSample(format);
  const totalSamples = Math.max(0, Math.round((durationMs * format.rate) / 1000));
  const newBytes = totalSamples * bps;
  const keep = append && existsSync(path);
  let oldData = 0;
  if (keep) oldData = Math.max(0, statSync(path).size - (format.container === 'wav' ? 44 : 0));
  const fd = openSync(path, keep ? 'r+' : 'w');
  try {
    if (format.container === 'wav') writeSync(fd, wavHeader(oldData + newBytes, format.rate), 0, 44, 0);
    let pos = (format.container === 'wav' ? 44 : 0) + oldData;
    const second = oneSecond(format, tones);
    let left = newBytes;
    while (left > 0) {
      const chunk = Math.min(left, second.length);
      writeSync(fd, second, 0, chunk, pos);
      pos += chunk;
      left -= chunk;
    }
  } finally {
    closeSync(fd);
  }
}

/** Duration of a PCM WAV file from its header, or undefined if it is not one. */
export function wavDurationMs(path: string): number | undefined {
  const info = readWavInfo(path);
  return info ? Math.round((info.dataBytes / info.byteRate) * 1000) : undefined;
}

export interface WavInfo {
  format: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  bitsPerSample: number;
  dataBytes: number;
}

export function readWavInfo(path: string): WavInfo | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const h = Buffer.alloc(44);
    if (readSync(fd, h, 0, 44, 0) < 44) return undefined;
    if (h.toString('ascii', 0, 4) !== 'RIFF' || h.toString('ascii', 8, 12) !== 'WAVE') return undefined;
    if (h.toString('ascii', 12, 16) !== 'fmt ' || h.toString('ascii', 36, 40) !== 'data') return undefined;
    const byteRate = h.readUInt32LE(28);
    if (byteRate === 0) return undefined;
    return {
      format: h.readUInt16LE(20),
      channels: h.readUInt16LE(22),
      sampleRate: h.readUInt32LE(24),
      byteRate,
      bitsPerSample: h.readUInt16LE(34),
      dataBytes: h.readUInt32LE(40),
    };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Duration of any supported recording file, from header or size. */
export function audioDurationMs(path: string, format: AudioFormat): number | undefined {
  if (format.container === 'wav') return wavDurationMs(path);
  try {
    return Math.round((statSync(path).size / (format.rate * bytesPerSample(format))) * 1000);
  } catch {
    return undefined;
  }
}

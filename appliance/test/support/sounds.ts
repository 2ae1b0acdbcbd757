/** Audio fixtures made with sox at test time, and raw uploads of them. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A tone of `seconds` in the format of `file`'s extension (sox picks the encoder). */
export function tone(dir: string, file: string, seconds: number, opts: { rate?: number; channels?: number; extra?: string[] } = {}): Buffer {
  const path = join(dir, file);
  execFileSync('sox', ['-n', '-r', String(opts.rate ?? 44100), '-c', String(opts.channels ?? 2), ...(opts.extra ?? []), path, 'synth', String(seconds), 'sine', '440']);
  return readFileSync(path);
}

export async function upload(base: string, cookie: string, query: string, body: Buffer | string, contentType: string) {
  const res = await fetch(`${base}/api/v1/settings/sounds?${query}`, { method: 'POST', headers: { cookie, 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

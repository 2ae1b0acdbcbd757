/**
 * Converted IVR sounds on disk: the appliance's own copy in <data>/sounds,
 * and a copy in the directory the PBX plays sounds from (Asterisk's sound
 * directory, or the simulator's) when that is another one.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const SAFE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function createSoundFiles(dirs: { own: string; pbx: string }) {
  const targets = [...new Set([resolve(dirs.own), resolve(dirs.pbx)])];
  const fileOf = (dir: string, name: string) => {
    if (!SAFE.test(name)) throw new Error(`not a sound name: ${name}`);
    return join(dir, `${name}.wav`);
  };
  return {
    async write(name: string, wav: Buffer) {
      for (const dir of targets) {
        await mkdir(dir, { recursive: true });
        // Written aside and renamed: the PBX never plays half a file.
        const tmp = `${fileOf(dir, name)}.${process.pid}.tmp`;
        await writeFile(tmp, wav);
        await rename(tmp, fileOf(dir, name));
      }
    },
    async read(name: string) {
      const file = fileOf(targets[0], name);
      const s = await stat(file).catch(() => null);
      return s?.isFile() ? { size: s.size, body: createReadStream(file) as AsyncIterable<Uint8Array> } : null;
    },
    async remove(name: string) {
      for (const dir of targets) await rm(fileOf(dir, name), { force: true });
    },
  };
}

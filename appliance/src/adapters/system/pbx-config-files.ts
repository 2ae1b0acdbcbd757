/**
 * Writes the Asterisk files rendered from the admin's telephony settings
 * (asterisk-image's pure renderers) where the PBX image reads them. Each file
 * is written to a temporary name and renamed, so a reader never sees half.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

export function createPbxConfigFiles(dir: string) {
  const root = resolve(dir);
  const inside = (name: string) => {
    const path = resolve(root, name);
    if (path !== root && !path.startsWith(root + sep)) throw new Error(`${name} is outside ${root}`);
    return path;
  };
  async function walk(at: string): Promise<string[]> {
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    const out: string[] = [];
    for (const e of entries) {
      const path = join(at, e.name);
      if (e.isDirectory()) out.push(...(await walk(path)));
      else if (!e.name.endsWith('.tmp')) out.push(path);
    }
    return out;
  }
  return {
    async write(files: Record<string, string>) {
      for (const [name, text] of Object.entries(files)) {
        const path = inside(name);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(`${path}.tmp`, text, { mode: 0o640 });
        await rename(`${path}.tmp`, path);
      }
    },
    async remove(names: string[]) {
      for (const name of names) await rm(inside(name), { recursive: true, force: true });
    },
    async list() {
      return (await walk(root)).sort((a, b) => relative(root, a).localeCompare(relative(root, b)));
    },
  };
}

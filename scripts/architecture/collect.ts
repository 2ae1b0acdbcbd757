import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import type { Edge } from './rules.ts';

const SKIP = new Set(['node_modules', 'dist', '.tmp', 'data', 'ari-api-docs']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every import edge of the workspaces, read with TypeScript's own pre-processor. */
export function collectEdges(root: string, workspaces: string[]): Edge[] {
  const edges: Edge[] = [];
  for (const ws of workspaces) {
    const dir = join(root, ws);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of files(dir)) {
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const from = relative(root, file).split('\\').join('/');
      for (const ref of info.importedFiles) {
        const spec = ref.fileName;
        const to = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).split('\\').join('/') : null;
        edges.push({ from, spec, to });
      }
    }
  }
  return edges;
}

/**
 * Test support only (never imported by the renderers): compares generated text
 * with a checked-in golden file. `UPDATE_GOLDEN=1` rewrites the files instead,
 * so a deliberate change is one command plus a reviewable diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '__golden__');

export function assertGolden(relativePath: string, actual: string): void {
  const file = join(GOLDEN_DIR, relativePath);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    assert.unreachable(`golden file ${relativePath} is missing; run the tests with UPDATE_GOLDEN=1 to create it`);
  }
  assert.fixture(actual, readFileSync(file, 'utf8'), `output differs from golden file ${relativePath}`);
}

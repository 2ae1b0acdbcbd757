import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The central server the dev server forwards to (`EDGECALL_CENTRAL=http://localhost:8090 npx vite`). */
const central = process.env.EDGECALL_CENTRAL ?? 'http://localhost:8090';

/**
 * The HQ console: a small Lit app the central server serves from
 * console/dist (`npm run build -w @edgecall/sync`). No service worker: HQ
 * staff work online, and figures must never come from a stale cache.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/hq': { target: central }, '/healthz': { target: central } } },
});

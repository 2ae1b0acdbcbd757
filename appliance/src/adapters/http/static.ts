import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
};

/**
 * Serves the built PWA. Hashed assets are immutable; the service worker and
 * index.html are revalidated on every load so updates reach devices.
 * Unknown non-API paths fall back to index.html (client-side routes).
 */
export function serveStatic(root: string, skip: (path: string) => boolean) {
  const base = resolve(root);
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || skip(ctx.path)) return next();
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(ctx.path)).replace(/^([/\\])+/, '');
    } catch {
      return next();
    }
    let file = join(base, rel);
    if (!file.startsWith(base + sep) && file !== base) return next();
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (extname(rel)) return next();
      file = join(base, 'index.html');
      if (!existsSync(file)) return next();
    }
    const name = file.slice(base.length + 1);
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set(
      'Cache-Control',
      name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    ctx.length = statSync(file).size;
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };
}

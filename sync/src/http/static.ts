import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built HQ console (a copy of the appliance's static adapter: sync
 * never imports the appliance). Hashed assets are immutable, index.html is
 * revalidated, and a browser navigating to an unknown extension-less path gets index.html.
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
      // Only a browser navigation gets the app for an unknown path; API clients keep their JSON 404.
      if (extname(rel) || (rel !== '' && !ctx.get('accept').includes('text/html'))) return next();
      file = join(base, 'index.html');
      if (!existsSync(file)) return next();
    }
    const name = file.slice(base.length + 1);
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.length = statSync(file).size;
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };
}

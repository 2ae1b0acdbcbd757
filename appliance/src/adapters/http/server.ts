import { Readable } from 'node:stream';
import Koa, { type Context } from 'koa';
import Router from '@koa/router';
import { z } from 'zod';
import { AppError, type ApiErrorBody } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { Authenticated, RequestContext, RouteSpec } from '../../lib/http-route.ts';
import { DEFAULT_MAX_BODY, parseJson, readBody } from './body.ts';
import { serveStatic } from './static.ts';

export interface HttpOptions {
  routes: RouteSpec[];
  authenticate: (sessionToken: string) => Promise<Authenticated | null>;
  sessionCookie: string;
  logger: Logger;
  metrics: Metrics;
  staticDir?: string;
  secureCookies: boolean;
  /** Extra headers on every response (security headers). */
  headers?: Record<string, string>;
}

function errorBody(e: AppError): ApiErrorBody {
  return { error: { id: e.id, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
}

function zodDetails(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function parseInput(ctx: Context, spec: RouteSpec) {
  let body: unknown = undefined;
  const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
  if (spec.upload) {
    const type = (ctx.request.type || '').toLowerCase();
    if (!spec.upload.types.includes(type)) throw new AppError('unsupported_media_type', `Send the file as ${spec.upload.types.join(', ')}`);
    const limit = spec.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const bytes = await readBody(ctx.req, limit).catch((e: unknown) => {
      throw e instanceof AppError && e.id === 'payload_too_large' ? new AppError('payload_too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB`) : e;
    });
    body = { contentType: type, bytes };
  } else if (spec.body) {
    if (!ctx.is('application/json')) {
      throw new AppError('unsupported_media_type', 'Send the body as application/json');
    }
    const parsed = spec.body.safeParse(parseJson(await readBody(ctx.req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY)));
    if (!parsed.success) throw new AppError('validation_failed', 'The request body is not valid', zodDetails(parsed.error));
    body = parsed.data;
  } else if (BODY_METHODS.has(ctx.method) && hasBody) {
    const buf = await readBody(ctx.req, DEFAULT_MAX_BODY);
    if (buf.length > 0) throw new AppError('validation_failed', 'This endpoint takes no body');
  }
  let query: unknown = ctx.query;
  if (spec.query) {
    const parsed = spec.query.safeParse(ctx.query);
    if (!parsed.success) throw new AppError('validation_failed', 'The query parameters are not valid', zodDetails(parsed.error));
    query = parsed.data;
  }
  return { body, query };
}

export function createHttpApp(opts: HttpOptions) {
  const app = new Koa({ proxy: false });
  const log = opts.logger.child('appliance:http');
  const requests = opts.metrics.counter('edgecall_http_requests_total', 'HTTP requests by route and status');
  const router = new Router({ prefix: '' });

  app.use(async (ctx, next) => {
    for (const [k, v] of Object.entries(opts.headers ?? {})) ctx.set(k, v);
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && (ctx.path.startsWith('/api/') || !opts.staticDir)) {
        throw new AppError('not_found', `No route ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const e =
        err instanceof AppError
          ? err
          : (err as { status?: number }).status === 405
            ? new AppError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`)
            : (err as { status?: number }).status === 404
              ? new AppError('not_found', `No route ${ctx.method} ${ctx.path}`)
              : null;
      if (!e) log.error('unhandled error', { err, method: ctx.method, path: ctx.path });
      const appErr = e ?? new AppError('internal_error', 'Internal error');
      ctx.status = appErr.status;
      if (appErr.id === 'rate_limited') {
        const retry = (appErr.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) ctx.set('Retry-After', String(retry));
      }
      ctx.body = errorBody(appErr);
    }
  });

  for (const spec of opts.routes) {
    router.register(spec.path, [spec.method], async (ctx: Context) => {
      const token = ctx.cookies.get(opts.sessionCookie);
      const auth = token && token.length < 200 ? await opts.authenticate(token) : null;
      if (spec.access !== 'public') {
        if (!auth) throw new AppError('not_authenticated', 'Log in first');
        if (spec.access !== 'authenticated' && !auth.user.permissions.includes(spec.access)) {
          throw new AppError('forbidden', `Your profile lacks the permission ${spec.access}`);
        }
      }
      const { body, query } = await parseInput(ctx, spec);
      const rc: RequestContext = {
        params: ctx.params as Record<string, string>,
        query,
        body,
        auth,
        address: ctx.ip,
        userAgent: ctx.get('user-agent'),
        cookie: (name) => ctx.cookies.get(name),
        setCookie: (name, value, o) =>
          ctx.cookies.set(name, value, {
            httpOnly: true,
            sameSite: 'strict',
            secure: opts.secureCookies,
            path: '/',
            overwrite: true,
            ...(o?.maxAgeMs ? { maxAge: o.maxAgeMs } : {}),
          }),
        clearCookie: (name) => ctx.cookies.set(name, '', { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', maxAge: 0, overwrite: true }),
        setHeader: (name, value) => ctx.set(name, value),
      };
      const result = await spec.handler(rc);
      ctx.set('Cache-Control', 'no-store');
      if (result && typeof result === 'object' && 'raw' in result && result.raw === true) {
        const r = result as unknown as { status?: number; contentType: string; body: string | Buffer | AsyncIterable<Uint8Array>; headers?: Record<string, string> };
        ctx.status = r.status ?? 200;
        ctx.type = r.contentType;
        for (const [k, v] of Object.entries(r.headers ?? {})) ctx.set(k, v);
        // Koa streams a Readable; a stream from an adapter (a PBX recording) arrives as an async iterable.
        ctx.body = typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : Readable.from(r.body);
        if (r.headers?.['Content-Length']) ctx.length = Number(r.headers['Content-Length']);
      } else if (result && typeof result === 'object' && 'status' in result && 'json' in result) {
        const r = result as { status: number; json: unknown };
        ctx.status = r.status;
        ctx.body = r.status === 204 ? null : r.json;
      } else {
        ctx.status = 200;
        ctx.body = result ?? {};
      }
    });
  }

  app.use(async (ctx, next) => {
    await next();
    const matched = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
    requests.inc({ method: ctx.method, route: String(matched), status: String(ctx.status) });
  });
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  if (opts.staticDir) app.use(serveStatic(opts.staticDir, (p) => p.startsWith('/api/') || p === '/mqtt'));
  app.on('error', (err) => log.debug('connection error', { err: String(err) }));
  return app;
}

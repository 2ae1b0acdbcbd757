import Koa, { type Context } from 'koa';
import Router from '@koa/router';
import type { z } from 'zod';
import { AppError, SyncProtocolError } from '@edgecall/contracts';
import type { Logger } from '../log.ts';
import { assertNoBody, DEFAULT_MAX_BODY, readJsonBody } from './body.ts';
import type { HqSessionUser } from '../accounts/store.ts';
import type { CentralContext, CentralRoute } from './route.ts';
import { serveStatic } from './static.ts';

export interface CentralHttpOptions {
  routes: CentralRoute[];
  /** The appliance a bearer credential belongs to, or null. */
  authenticateAppliance(bearer: string): Promise<string | null>;
  /** The HQ user a session token belongs to, or null (unknown, expired, disabled). */
  sessionUser(token: string): Promise<HqSessionUser | null>;
  /** Whether a bearer token is the bootstrap token; null when none is configured. */
  isBootstrapToken: ((bearer: string) => boolean) | null;
  logger: Logger;
  /** Secure cookies (native HTTPS, or CENTRAL_SECURE_COOKIES behind a proxy). */
  secureCookies: boolean;
  /** Native HTTPS: adds HSTS. */
  https: boolean;
  /** Client address and protocol from X-Forwarded-* (CENTRAL_TRUST_PROXY). */
  trustProxy: boolean;
  /** The built HQ console; absent or missing: the API only. */
  consoleDist?: string | null;
}

export const SESSION_COOKIE = 'ec_hq_session';

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
};

function sessionTokenOf(ctx: Context): string | null {
  const header = ctx.get('cookie');
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const v = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null;
    }
  }
  return null;
}

/** A cookie written by hand: Koa's cookie helper refuses `Secure` on a plain connection, which is exactly the TLS-terminating proxy case. */
function cookieHeader(token: string | null, maxAgeSeconds: number, secure: boolean): string {
  const attrs = [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${token ? Math.floor(maxAgeSeconds) : 0}`];
  if (secure) attrs.push('Secure');
  return attrs.join('; ');
}

const ROLE_RANK = { hq_viewer: 1, hq_admin: 2 } as const;

type Refusal = AppError | SyncProtocolError;

function zodDetails(error: z.ZodError) {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
}

function bearerOf(ctx: Context): string | null {
  const h = ctx.get('authorization');
  const m = /^Bearer ([\x21-\x7e]{1,400})$/.exec(h);
  return m ? m[1] : null;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The central server's Koa app: the same edge rules as the appliance's
 * (every refusal is `{error:{id,message,details?}}` with a stable id, never a
 * 500 for bad input), HQ sessions in an httpOnly SameSite cookie, and the
 * built HQ console as static files.
 */
export function createCentralApp(opts: CentralHttpOptions) {
  const app = new Koa({ proxy: opts.trustProxy });
  const log = opts.logger.child('sync:http');
  const router = new Router();

  app.use(async (ctx, next) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) ctx.set(k, v);
    if (opts.https) ctx.set('Strict-Transport-Security', 'max-age=31536000');
    try {
      await next();
      if (ctx.respond !== false && ctx.status === 404 && ctx.body === undefined) throw new AppError('not_found', `No route ${ctx.method} ${ctx.path}`);
    } catch (err) {
      const known: Refusal | null =
        err instanceof AppError || err instanceof SyncProtocolError
          ? err
          : (err as { status?: number }).status === 405
            ? new AppError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}`)
            : (err as { status?: number }).status === 404
              ? new AppError('not_found', `No route ${ctx.method} ${ctx.path}`)
              : null;
      if (!known) log.error('unhandled error', { err, method: ctx.method, path: ctx.path });
      const e = known ?? new AppError('internal_error', 'Internal error');
      ctx.status = e.status;
      const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry && (e.id === 'rate_limited' || e.id === 'service_unavailable')) ctx.set('Retry-After', String(retry));
      ctx.body = { error: { id: e.id, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
    }
  });

  for (const spec of opts.routes) {
    router.register(spec.path, [spec.method], async (ctx: Context) => {
      let applianceId: string | null = null;
      let user: HqSessionUser | null = null;
      let sessionToken: string | null = null;
      if (spec.access === 'appliance') {
        const bearer = bearerOf(ctx);
        applianceId = bearer ? await opts.authenticateAppliance(bearer) : null;
        if (!applianceId) throw new AppError('not_authenticated', 'Send the appliance credential from enrollment as a Bearer credential');
      } else if (spec.access === 'bootstrap') {
        if (!opts.isBootstrapToken) throw new AppError('forbidden', 'No bootstrap token is configured: use `npm run central -- create-admin`');
        const bearer = bearerOf(ctx);
        if (!bearer || !opts.isBootstrapToken(bearer)) throw new AppError('not_authenticated', 'Send EDGECALL_HQ_ADMIN_TOKEN as a Bearer credential');
      } else if (spec.access !== 'public') {
        sessionToken = sessionTokenOf(ctx);
        user = sessionToken ? await opts.sessionUser(sessionToken) : null;
        if (!user) {
          const hint = bearerOf(ctx) ? ' (the bootstrap token only creates the first admin)' : '';
          throw new AppError('not_authenticated', `Sign in first: POST /hq/v1/auth/login${hint}`);
        }
        // SameSite=Strict already keeps other sites' requests cookie-less; a foreign Origin is refused as well.
        const origin = ctx.get('origin');
        if (ctx.method !== 'GET' && origin && origin !== 'null') {
          let host = '';
          try {
            host = new URL(origin).host;
          } catch {
            /* an unparsable Origin is foreign */
          }
          if (host !== ctx.host) throw new AppError('forbidden', 'Cross-origin request refused');
        }
        if (spec.access !== 'hq_session' && ROLE_RANK[user.role] < ROLE_RANK[spec.access]) {
          throw new AppError('forbidden', `${spec.method} ${spec.path} needs the ${spec.access} role`, { required: spec.access, role: user.role });
        }
      }
      spec.admit?.({ applianceId, address: ctx.ip });
      let body: unknown = undefined;
      if (spec.body) {
        if (!ctx.is('application/json')) throw new AppError('unsupported_media_type', 'Send the body as application/json');
        const parsed = spec.body.safeParse(await readJsonBody(ctx.req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY));
        if (!parsed.success) throw new AppError('validation_failed', 'The request body is not valid', zodDetails(parsed.error));
        body = parsed.data;
      } else if (BODY_METHODS.has(ctx.method)) {
        await assertNoBody(ctx.req);
      }
      let query: unknown = ctx.query;
      if (spec.query) {
        const parsed = spec.query.safeParse(ctx.query);
        if (!parsed.success) throw new AppError('validation_failed', 'The query parameters are not valid', zodDetails(parsed.error));
        query = parsed.data;
      }
      let dropped = false;
      const rc: CentralContext = {
        params: ctx.params as Record<string, string>,
        query,
        body,
        applianceId,
        user,
        sessionToken,
        actor: { userId: user?.id ?? null, name: user?.username ?? (spec.access === 'bootstrap' ? 'bootstrap-token' : 'anonymous'), address: ctx.ip },
        address: ctx.ip,
        setHeader: (name, value) => ctx.set(name, value),
        setSession: (token, maxAge = 0) => ctx.append('Set-Cookie', cookieHeader(token, maxAge, opts.secureCookies || opts.https)),
        dropConnection: () => {
          dropped = true;
        },
      };
      const result = await spec.handler(rc);
      if (dropped) {
        ctx.respond = false;
        ctx.req.socket.destroy();
        return;
      }
      ctx.set('Cache-Control', 'no-store');
      if (result && typeof result === 'object' && 'status' in result && 'json' in result) {
        const r = result as { status: number; json: unknown };
        ctx.status = r.status;
        ctx.body = r.status === 204 ? null : r.json;
      } else {
        ctx.status = 200;
        ctx.body = result ?? {};
      }
    });
  }

  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  if (opts.consoleDist) app.use(serveStatic(opts.consoleDist, (path) => /^\/(hq|sync)\/v1(\/|$)|^\/healthz$/.test(path)));
  app.on('error', (err) => log.debug('connection error', { err: String(err) }));
  return app;
}

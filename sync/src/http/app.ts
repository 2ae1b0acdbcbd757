import Koa, { type Context } from 'koa';
import Router from '@koa/router';
import type { z } from 'zod';
import { AppError, SyncProtocolError } from '@edgecall/contracts';
import type { Logger } from '../log.ts';
import { assertNoBody, DEFAULT_MAX_BODY, readJsonBody } from './body.ts';
import type { CentralContext, CentralRoute } from './route.ts';

export interface CentralHttpOptions {
  routes: CentralRoute[];
  /** The appliance a bearer credential belongs to, or null. */
  authenticateAppliance(bearer: string): Promise<string | null>;
  /** Whether a bearer token is the HQ admin token; null when the admin API is switched off. */
  isAdmin: ((bearer: string) => boolean) | null;
  logger: Logger;
}

type Refusal = AppError | SyncProtocolError;

function zodDetails(error: z.ZodError) {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
}

function bearerOf(ctx: Context): string | null {
  const h = ctx.get('authorization');
  const m = /^Bearer ([\x21-\x7e]{1,400})$/.exec(h);
  return m ? m[1] : null;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'DELETE']);

/**
 * The central server's Koa app: the same edge rules as the appliance's
 * (every refusal is `{error:{id,message,details?}}` with a stable id, never a
 * 500 for bad input), minus sessions and static files.
 */
export function createCentralApp(opts: CentralHttpOptions) {
  const app = new Koa({ proxy: false });
  const log = opts.logger.child('sync:http');
  const router = new Router();

  app.use(async (ctx, next) => {
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
      if (spec.access !== 'public') {
        const bearer = bearerOf(ctx);
        if (spec.access === 'admin') {
          if (!opts.isAdmin) throw new AppError('forbidden', 'The HQ admin API is off: set EDGECALL_HQ_ADMIN_TOKEN');
          if (!bearer || !opts.isAdmin(bearer)) throw new AppError('not_authenticated', 'Send the HQ admin token as a Bearer credential');
        } else {
          applianceId = bearer ? await opts.authenticateAppliance(bearer) : null;
          if (!applianceId) throw new AppError('not_authenticated', 'Send the appliance credential from enrollment as a Bearer credential');
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
        address: ctx.ip,
        setHeader: (name, value) => ctx.set(name, value),
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
  app.on('error', (err) => log.debug('connection error', { err: String(err) }));
  return app;
}

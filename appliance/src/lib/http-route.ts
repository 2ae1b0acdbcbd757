import type { z } from 'zod';
import type { Permission, SessionUser } from '@edgecall/contracts';

export interface Authenticated {
  user: SessionUser;
  sessionId: string;
}

/**
 * A route declares who may call it. `public` needs nothing, `authenticated`
 * any live session, otherwise the named permission. The HTTP adapter enforces
 * it before the handler runs, and the route × role test walks every route.
 */
export type Access = 'public' | 'authenticated' | Permission;

export interface CookieOptions {
  maxAgeMs?: number;
}

export interface RequestContext<B = unknown, Q = unknown> {
  params: Record<string, string>;
  query: Q;
  body: B;
  auth: Authenticated | null;
  address: string;
  userAgent: string;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options?: CookieOptions): void;
  clearCookie(name: string): void;
  setHeader(name: string, value: string): void;
}

/** The body of an `upload` route. */
export interface UploadBody {
  contentType: string;
  bytes: Buffer;
}

export interface RawResponse {
  raw: true;
  status?: number;
  contentType: string;
  /** An async iterable streams (a recording); strings and buffers are sent whole. */
  body: string | Buffer | AsyncIterable<Uint8Array>;
  headers?: Record<string, string>;
}

export type RouteResult = RawResponse | { status: number; json: unknown } | unknown;

export interface RouteSpec<B = any, Q = any> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  summary: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Larger limit for uploads; JSON routes keep the default. */
  maxBodyBytes?: number;
  /**
   * A raw file upload instead of JSON: the body must have one of these
   * content types and reaches the handler as `{ contentType, bytes }`.
   */
  upload?: { types: readonly string[] };
  handler(ctx: RequestContext<B, Q>): Promise<RouteResult> | RouteResult;
}

export const created = (json: unknown) => ({ status: 201, json });
export const noContent = () => ({ status: 204, json: undefined });
export const raw = (contentType: string, body: RawResponse['body'], headers?: Record<string, string>): RawResponse => ({
  raw: true,
  contentType,
  body,
  headers,
});

/** The authenticated user, for handlers whose access already guarantees one. */
export function requireAuth(ctx: RequestContext): Authenticated {
  if (!ctx.auth) throw new Error('route declared authenticated access but ran without a session');
  return ctx.auth;
}

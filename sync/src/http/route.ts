import type { z } from 'zod';
import type { HqSessionUser } from '../accounts/store.ts';
import type { Actor } from '../audit/store.ts';

/**
 * Who may call a route; the app checks it before the handler runs, and the
 * route matrix test (test/accounts-routes.test.ts) checks every route × role:
 *
 * - `public`: anyone (health, login, the enrollment exchange);
 * - `appliance`: an enrolled appliance with its credential;
 * - `bootstrap`: the bootstrap token (EDGECALL_HQ_ADMIN_TOKEN), which only creates the first admin;
 * - `hq_session`: any signed-in HQ user (own session and password);
 * - `hq_viewer`: read-only dashboards and branch status, for viewers and admins;
 * - `hq_admin`: everything else HQ does.
 */
export type CentralAccess = 'public' | 'appliance' | 'bootstrap' | 'hq_session' | 'hq_viewer' | 'hq_admin';

export interface CentralContext<B = unknown, Q = unknown> {
  params: Record<string, string>;
  query: Q;
  body: B;
  /** The authenticated appliance for `appliance` routes. */
  applianceId: string | null;
  /** The signed-in HQ user for `hq_*` routes. */
  user: HqSessionUser | null;
  /** The session token of the request (logout, password change). */
  sessionToken: string | null;
  /** Who the audit log names for this request. */
  actor: Actor;
  address: string;
  setHeader(name: string, value: string): void;
  /** A session cookie for login (token) or logout (null). */
  setSession(token: string | null, maxAgeSeconds?: number): void;
  /** Ends the connection without any reply (a lost response, for fault tests). */
  dropConnection(): void;
}

export interface CentralRoute<B = any, Q = any> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: CentralAccess;
  summary: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Larger limit for sync batches; admin JSON keeps the default. */
  maxBodyBytes?: number;
  /** Runs after authentication and before the body is read (rate limits), so a refused request costs little. */
  admit?(who: { applianceId: string | null; address: string }): void;
  handler(ctx: CentralContext<B, Q>): Promise<unknown> | unknown;
}

export const created = (json: unknown) => ({ status: 201, json });
export const DROPPED = Symbol('dropped');

import type { z } from 'zod';

/**
 * Who may call a route: anyone (`public`: health, enrollment exchange), an
 * enrolled appliance with its credential (`appliance`), or an HQ admin
 * (`admin`). The app checks it before the handler runs.
 */
export type CentralAccess = 'public' | 'appliance' | 'admin';

export interface CentralContext<B = unknown, Q = unknown> {
  params: Record<string, string>;
  query: Q;
  body: B;
  /** The authenticated appliance for `appliance` routes. */
  applianceId: string | null;
  address: string;
  setHeader(name: string, value: string): void;
  /** Ends the connection without any reply (a lost response, for fault tests). */
  dropConnection(): void;
}

export interface CentralRoute<B = any, Q = any> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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

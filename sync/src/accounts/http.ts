import { z } from 'zod';
import { AppError, HqBootstrapRequest, HqChangePasswordRequest, HqCreateUserRequest, HqLoginRequest, HqUpdateUserRequest } from '@edgecall/contracts';
import type { AuditLog } from '../audit/store.ts';
import { created, type CentralRoute } from '../http/route.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { Accounts } from './store.ts';

const AuditQuery = z.strictObject({
  action: z.string().regex(/^[a-z_.]{1,64}$/).optional(),
  actor: z.string().min(1).max(64).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Login, logout, the signed-in user, HQ accounts and the audit log. */
export function accountRoutes(deps: { accounts: Accounts; audit: AuditLog; limiter: LoginLimiter; sessionTtlMs: number; log: { warn(m: string, f?: object): void } }): CentralRoute[] {
  return [
    {
      method: 'POST',
      path: '/hq/v1/auth/login',
      access: 'public',
      summary: 'Sign in: an httpOnly SameSite session cookie (failed attempts are rate-limited)',
      body: HqLoginRequest,
      async handler(ctx) {
        const { username, password } = ctx.body as HqLoginRequest;
        const wait = deps.limiter.retryAfter(username, ctx.address);
        if (wait > 0) throw new AppError('rate_limited', 'Too many failed sign-ins; try again later', { retryAfterSeconds: wait });
        const done = await deps.accounts.login(username, password, ctx.address);
        if (!done) {
          deps.limiter.fail(username, ctx.address);
          deps.log.warn('HQ sign-in refused', { username, address: ctx.address });
          throw new AppError('invalid_credentials', 'Wrong username or password');
        }
        deps.limiter.succeed(username, ctx.address);
        ctx.setSession(done.token, deps.sessionTtlMs / 1000);
        return { user: done.user, expiresAt: new Date(done.expiresAt).toISOString() };
      },
    },
    {
      method: 'POST',
      path: '/hq/v1/auth/logout',
      access: 'hq_session',
      summary: 'End this session',
      async handler(ctx) {
        await deps.accounts.logout(ctx.sessionToken!, ctx.actor);
        ctx.setSession(null);
        return { loggedOut: true };
      },
    },
    {
      method: 'GET',
      path: '/hq/v1/auth/me',
      access: 'hq_session',
      summary: 'The signed-in HQ user and role',
      handler: (ctx) => ({ user: ctx.user }),
    },
    {
      method: 'POST',
      path: '/hq/v1/auth/password',
      access: 'hq_session',
      summary: 'Change your own password (other sessions end)',
      body: HqChangePasswordRequest,
      async handler(ctx) {
        const b = ctx.body as z.output<typeof HqChangePasswordRequest>;
        await deps.accounts.changeOwnPassword(ctx.user!, b.currentPassword, b.newPassword, ctx.sessionToken!, ctx.actor);
        return { changed: true };
      },
    },
    {
      method: 'POST',
      path: '/hq/v1/bootstrap',
      access: 'bootstrap',
      summary: 'Create the first HQ admin with the bootstrap token (refused once an admin exists)',
      body: HqBootstrapRequest,
      handler: async (ctx) => created({ user: await deps.accounts.bootstrap(ctx.body as z.output<typeof HqBootstrapRequest>, ctx.actor) }),
    },
    {
      method: 'GET',
      path: '/hq/v1/users',
      access: 'hq_admin',
      summary: 'HQ accounts and their roles',
      handler: async () => ({ items: await deps.accounts.list() }),
    },
    {
      method: 'POST',
      path: '/hq/v1/users',
      access: 'hq_admin',
      summary: 'Create an HQ account (hq_admin or hq_viewer)',
      body: HqCreateUserRequest,
      handler: async (ctx) => created(await deps.accounts.create(ctx.body as HqCreateUserRequest, ctx.actor)),
    },
    {
      method: 'PATCH',
      path: '/hq/v1/users/:id',
      access: 'hq_admin',
      summary: 'Rename, change role, set a password or disable an HQ account (never the last admin)',
      body: HqUpdateUserRequest,
      handler: (ctx) => deps.accounts.update(ctx.params.id, ctx.body as HqUpdateUserRequest, ctx.actor),
    },
    {
      method: 'GET',
      path: '/hq/v1/audit',
      access: 'hq_admin',
      summary: 'The audit log of HQ actions: who, when, what, before and after (newest first)',
      query: AuditQuery,
      handler: (ctx) => deps.audit.list(ctx.query as z.output<typeof AuditQuery>),
    },
  ];
}

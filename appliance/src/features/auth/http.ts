import { LoginRequest, type LoginResponse } from '@edgecall/contracts';
import { noContent, requireAuth, type RouteSpec } from '../../lib/http-route.ts';
import type { AuthService } from './service.ts';

export const SESSION_COOKIE = 'ec_session';

export function authRoutes(auth: AuthService, hooks: { onLogout(sessionId: string): void; site: string }): RouteSpec[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      access: 'public',
      summary: 'Log in: sets the session cookie and returns a short-lived MQTT token',
      body: LoginRequest,
      async handler(ctx) {
        const { username, password } = ctx.body as LoginRequest;
        const result = await auth.login(username, password, { address: ctx.address, userAgent: ctx.userAgent });
        ctx.setCookie(SESSION_COOKIE, result.sessionToken, { maxAgeMs: result.sessionExpiresAt - result.issuedAt });
        const body: LoginResponse = { user: result.user, site: hooks.site, mqttToken: result.mqttToken, mqttTokenExpiresAt: iso(result.mqttExpiresAt) };
        return body;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/logout',
      access: 'authenticated',
      summary: 'End the session and its live connections',
      async handler(ctx) {
        const { sessionId } = requireAuth(ctx);
        await auth.logout(sessionId);
        hooks.onLogout(sessionId);
        ctx.clearCookie(SESSION_COOKIE);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/api/v1/auth/me',
      access: 'authenticated',
      summary: 'The logged-in user',
      handler: (ctx) => ({ user: requireAuth(ctx).user, site: hooks.site }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/mqtt-token',
      access: 'authenticated',
      summary: 'A fresh MQTT token for (re)connecting the live channel',
      async handler(ctx) {
        const { mqttToken, mqttExpiresAt } = await auth.refreshMqttToken(requireAuth(ctx).sessionId);
        return { mqttToken, mqttTokenExpiresAt: iso(mqttExpiresAt), site: hooks.site };
      },
    },
  ];
}

import { AlertRules, type AlertRule } from '@edgecall/contracts';
import type { RouteSpec } from '../../lib/http-route.ts';
import { actorOf, type AuditRecorder } from '../../lib/audit.ts';
import type { Alerts } from './service.ts';

export function alertRoutes(d: { alerts: Alerts; rules: () => AlertRule[]; saveRules: (r: AlertRule[]) => Promise<void>; audit: AuditRecorder }): RouteSpec[] {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return [
    {
      method: 'GET',
      path: '/api/v1/alerts',
      access: 'supervisor:monitor',
      summary: 'Active alerts and the alert log',
      handler: async () => ({
        active: d.alerts.active().map((a) => ({ ...a, raisedAt: iso(a.raisedAt), clearedAt: null })),
        log: (await d.alerts.log(200)).map((a) => ({ ...a, raisedAt: iso(a.raisedAt), clearedAt: iso(a.clearedAt) })),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/settings/alerts',
      access: 'settings:manage',
      summary: 'Alert rules',
      handler: () => ({ items: d.rules() }),
    },
    {
      method: 'PUT',
      path: '/api/v1/settings/alerts',
      access: 'settings:manage',
      summary: 'Replace the alert rules',
      body: AlertRules,
      handler: async (ctx) => {
        const before = d.rules();
        await d.saveRules(ctx.body as AlertRule[]);
        await d.audit.record({ ...actorOf(ctx), action: 'settings.alerts', targetType: 'settings', targetId: 'alerts', before, after: ctx.body });
        return { items: d.rules() };
      },
    },
  ];
}

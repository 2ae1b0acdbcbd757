import { raw, type RouteSpec } from '../../lib/http-route.ts';
import type { Metrics } from '../../lib/metrics.ts';

export interface HealthProbe {
  name: string;
  check(): Promise<'ok' | string>;
}

export function healthRoutes(deps: { probes: HealthProbe[]; metrics: Metrics; version: string; startedAt: number }): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      access: 'public',
      summary: 'Liveness and the state of each dependency',
      async handler(ctx) {
        const checks: Record<string, string> = {};
        for (const probe of deps.probes) {
          try {
            checks[probe.name] = await probe.check();
          } catch (e) {
            checks[probe.name] = `error: ${(e as Error).message}`;
          }
        }
        const ok = Object.values(checks).every((v) => v === 'ok' || v.startsWith('degraded'));
        const body = { status: ok ? 'ok' : 'fail', version: deps.version, uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000), checks };
        return ok ? body : { status: 503, json: body };
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      access: 'public',
      summary: 'Prometheus metrics',
      handler: () => raw('text/plain; version=0.0.4; charset=utf-8', deps.metrics.render()),
    },
  ];
}

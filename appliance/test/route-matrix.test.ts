/**
 * Every route × every role and anonymous: 401 without a session, 403 without
 * the permission, 2xx with it. The route list comes from the running
 * appliance, so a new route without an example here fails this test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PROFILE_PERMISSIONS, type Permission } from '@edgecall/contracts';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';

type Role = 'anonymous' | 'operator' | 'supervisor' | 'admin';
/** `alsoOk`: business answers that prove the permission check passed (e.g. 409 for a state conflict). */
type Example = (ctx: { app: TestAppliance; admin: Session; role: Role }) => Promise<{ path: string; body?: unknown; alsoOk?: number[] }>;

let n = 0;
const newUser = async (app: TestAppliance, admin: Session) => {
  const res = await http(app.url, 'POST', '/api/v1/users', {
    cookie: admin.cookie,
    body: { username: `matrix${++n}`, displayName: 'Matrix', password: 'matrix-password', profile: 'operator' },
  });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};

const EXAMPLES: Record<string, Example> = {
  'GET /healthz': async () => ({ path: '/healthz' }),
  'GET /metrics': async () => ({ path: '/metrics' }),
  'POST /api/v1/auth/login': async () => ({ path: '/api/v1/auth/login', body: { username: 'operator', password: 'operator-demo' } }),
  'POST /api/v1/auth/logout': async () => ({ path: '/api/v1/auth/logout' }),
  'GET /api/v1/auth/me': async () => ({ path: '/api/v1/auth/me' }),
  'POST /api/v1/auth/mqtt-token': async () => ({ path: '/api/v1/auth/mqtt-token' }),
  'GET /api/v1/users': async () => ({ path: '/api/v1/users?limit=5' }),
  'POST /api/v1/users': async () => ({
    path: '/api/v1/users',
    body: { username: `created${++n}`, displayName: 'Created', password: 'created-password', profile: 'operator' },
  }),
  'PATCH /api/v1/users/:id': async ({ app, admin }) => ({ path: `/api/v1/users/${await newUser(app, admin)}`, body: { displayName: 'Renamed' } }),
  'DELETE /api/v1/users/:id': async ({ app, admin }) => ({ path: `/api/v1/users/${await newUser(app, admin)}` }),
  'GET /api/v1/profiles': async () => ({ path: '/api/v1/profiles' }),
  'GET /api/v1/audit': async () => ({ path: '/api/v1/audit?limit=5' }),
  'GET /api/v1/audit/verify': async () => ({ path: '/api/v1/audit/verify' }),
  'GET /api/v1/live/snapshot': async () => ({ path: '/api/v1/live/snapshot' }),
  // Agent actions: an admin has the permission but no agent number (409); state conflicts are 409 too.
  'GET /api/v1/agent/me': async () => ({ path: '/api/v1/agent/me', alsoOk: [409] }),
  'POST /api/v1/agent/login': async () => ({ path: '/api/v1/agent/login', body: {}, alsoOk: [409] }),
  'POST /api/v1/agent/logout': async () => ({ path: '/api/v1/agent/logout', alsoOk: [404, 409] }),
  'POST /api/v1/agent/ready': async () => ({ path: '/api/v1/agent/ready', alsoOk: [404, 409] }),
  'POST /api/v1/agent/pause': async () => ({ path: '/api/v1/agent/pause', body: { reason: 'lunch' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/acw/end': async () => ({ path: '/api/v1/agent/acw/end', alsoOk: [404, 409] }),
  'POST /api/v1/agent/acw/extend': async () => ({ path: '/api/v1/agent/acw/extend', body: { seconds: 30, reason: 'notes' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/hold': async () => ({ path: '/api/v1/agent/hold', alsoOk: [404, 409] }),
  'POST /api/v1/agent/unhold': async () => ({ path: '/api/v1/agent/unhold', alsoOk: [404, 409] }),
  'POST /api/v1/agent/hangup': async () => ({ path: '/api/v1/agent/hangup', alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/agents/:agent/pause': async () => ({ path: '/api/v1/supervisor/agents/103/pause', body: { reason: 'coaching' }, alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/agents/:agent/ready': async () => ({ path: '/api/v1/supervisor/agents/103/ready', alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/agents/:agent/logout': async () => ({ path: '/api/v1/supervisor/agents/103/logout', alsoOk: [404, 409] }),
  'GET /api/v1/agents': async () => ({ path: '/api/v1/agents' }),
  'POST /api/v1/agent/transfer': async () => ({ path: '/api/v1/agent/transfer', body: { queue: 'sales' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/consult': async () => ({ path: '/api/v1/agent/consult', body: { agent: '103' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/consult/complete': async () => ({ path: '/api/v1/agent/consult/complete', alsoOk: [404, 409] }),
  'POST /api/v1/agent/consult/cancel': async () => ({ path: '/api/v1/agent/consult/cancel', alsoOk: [404, 409] }),
  'POST /api/v1/agent/dial': async () => ({ path: '/api/v1/agent/dial', body: { number: '+994501234567' }, alsoOk: [404, 409] }),
  'POST /api/v1/calls/:id/callback': async () => ({ path: '/api/v1/calls/no-such-call/callback', alsoOk: [404, 409] }),
  'GET /api/v1/calls/live': async () => ({ path: '/api/v1/calls/live' }),
  'POST /api/v1/supervisor/calls/:id/monitor': async () => ({ path: '/api/v1/supervisor/calls/no-such-call/monitor', body: { mode: 'listen', phone: '301' }, alsoOk: [409] }),
  'DELETE /api/v1/supervisor/monitor/:session': async () => ({ path: '/api/v1/supervisor/monitor/nope', alsoOk: [404] }),
  'GET /api/v1/sync/status': async () => ({ path: '/api/v1/sync/status' }),
  'POST /api/v1/sync/run': async () => ({ path: '/api/v1/sync/run', alsoOk: [409, 503] }),
  'GET /api/v1/reference/:dataset': async () => ({ path: '/api/v1/reference/faq' }),
  'GET /api/v1/alerts': async () => ({ path: '/api/v1/alerts' }),
  'GET /api/v1/settings/alerts': async () => ({ path: '/api/v1/settings/alerts' }),
  'PUT /api/v1/settings/alerts': async () => ({ path: '/api/v1/settings/alerts', body: [] }),
  'GET /api/v1/kpis': async () => ({ path: '/api/v1/kpis?scope=queue:sales' }),
  'GET /api/v1/calls': async () => ({ path: '/api/v1/calls?limit=5' }),
  'GET /api/v1/calls/:id': async () => ({ path: '/api/v1/calls/no-such-call', alsoOk: [404] }),
  // ── examples: operator records (issue 5) ──
  // ── examples: callbacks and call lists (issue 5) ──
  'GET /api/v1/settings/acd': async () => ({ path: '/api/v1/settings/acd' }),
  'PUT /api/v1/settings/acd': async ({ app, admin }) => ({
    path: '/api/v1/settings/acd',
    body: (await http(app.url, 'GET', '/api/v1/settings/acd', { cookie: admin.cookie })).body,
  }),
};

function expected(access: string, role: Role): 'ok' | 401 | 403 {
  if (access === 'public') return 'ok';
  if (role === 'anonymous') return 401;
  if (access === 'authenticated') return 'ok';
  return (DEFAULT_PROFILE_PERMISSIONS[role] as readonly string[]).includes(access as Permission) ? 'ok' : 403;
}

test('every route answers 401/403/2xx by role', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const missing = app.routes.map((r) => `${r.method} ${r.path}`).filter((k) => !EXAMPLES[k]);
    assert.equal(missing, [], 'routes without an example in the matrix');
    const failures: string[] = [];
    const sessions: Partial<Record<Role, Session>> = {};
    for (const route of app.routes) {
      for (const role of ['anonymous', 'operator', 'supervisor', 'admin'] as Role[]) {
        // Logout ends its session, so it gets a fresh one; other routes share one session per role.
        const fresh = route.path === '/api/v1/auth/logout';
        const session = role === 'anonymous' ? null : fresh ? await login(app.url, DEMO[role][0], DEMO[role][1]) : (sessions[role] ??= await login(app.url, DEMO[role][0], DEMO[role][1]));
        const { path, body, alsoOk = [] } = await EXAMPLES[`${route.method} ${route.path}`]({ app, admin, role });
        const res = await http(app.url, route.method, path, { cookie: session?.cookie, body });
        const want = expected(route.access, role);
        const ok = want === 'ok' ? (res.status >= 200 && res.status < 300) || alsoOk.includes(res.status) : res.status === want;
        if (!ok) failures.push(`${route.method} ${route.path} as ${role}: got ${res.status}, want ${want} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (want !== 'ok') assert.is(res.body?.error?.id, want === 401 ? 'not_authenticated' : 'forbidden');
      }
    }
    assert.equal(failures, []);
  } finally {
    await app.close();
  }
});

test('a profile that loses a permission gets 403 on its routes at once', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const users = await http(app.url, 'GET', '/api/v1/users?search=supervisor', { cookie: admin.cookie });
    const sup = users.body.items.find((u: { username: string }) => u.username === 'supervisor');
    const supSession = await login(app.url, ...DEMO.supervisor);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: supSession.cookie })).status, 200);
    // Turning the supervisor into an operator ends the session: roles cannot be kept by an old cookie.
    const patched = await http(app.url, 'PATCH', `/api/v1/users/${sup.id}`, { cookie: admin.cookie, body: { profile: 'operator' } });
    assert.is(patched.status, 200);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: supSession.cookie })).status, 401);
    const again = await login(app.url, ...DEMO.supervisor);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: again.cookie })).status, 403);
  } finally {
    await app.close();
  }
});

test.run();

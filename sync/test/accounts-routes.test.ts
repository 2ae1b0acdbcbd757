/**
 * Every central route × every caller: anonymous, an HQ viewer, an HQ admin,
 * an appliance credential and the bootstrap token. 401 without the right
 * credential, 403 with too small a role, an answer past the check with it.
 * The route list comes from the running server, so a new route without an
 * example here fails this test.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CentralAccess, CentralRoute } from '../src/http/route.ts';
import type { CentralHandle } from '../src/server.ts';
import { ADMIN_TOKEN, admin, adminCookie, enrollAppliance, http, login, startTestCentral, type HttpReply } from './support/central.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { batch, journeyRecord } from './support/records.ts';

const t = suite('accounts: route matrix');
let db: TestDatabase;
let central: CentralHandle;
let cred: string;
let viewerCookie: string;
let adminSession: string;
let seq = 0;
let n = 0;

type Caller = 'anonymous' | 'viewer' | 'admin' | 'appliance' | 'bootstrap';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'admin', 'appliance', 'bootstrap'];

/** `alsoOk`: business answers that prove the check passed (a 409 of a rule, a 404 of a made-up id). `cookie`: a session of its own (logout, password). */
type Example = (caller: Caller) => Promise<{ path: string; body?: unknown; alsoOk?: number[]; cookie?: string }>;

async function newUser(role: 'hq_admin' | 'hq_viewer', password = 'matrix-password-1') {
  const res = await admin(central.url, 'POST', '/hq/v1/users', { username: `matrix${++n}`, displayName: 'Matrix', role, password });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id as string, username: res.body.username as string, password };
}

/** A session for the caller's role that a destructive example may spend. */
async function spareCookie(caller: Caller): Promise<string | undefined> {
  if (caller !== 'viewer' && caller !== 'admin') return undefined;
  const u = await newUser(caller === 'admin' ? 'hq_admin' : 'hq_viewer');
  return login(central.url, u.username, u.password);
}

async function newAppliance() {
  const id = `br-m${++n}`;
  assert.is((await admin(central.url, 'POST', '/hq/v1/appliances', { id, name: id })).status, 201);
  return id;
}

/** An open reject: a journey whose payload the registry refuses. */
async function newReject(): Promise<number> {
  const after = seq;
  seq += 1;
  const poison = { ...journeyRecord(seq, `poison-${seq}`, 1), payload: { callId: `poison-${seq}`, direction: 'sideways' } };
  const res = await http(central.url, 'POST', '/sync/v1/batches', { bearer: cred, body: batch('br-matrix', 'epoch-matrix', after, [poison]) });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const open = await admin(central.url, 'GET', '/hq/v1/rejects?appliance=br-matrix&status=open&limit=1');
  return open.body.items[0].id as number;
}

const now = Date.now();
const EXAMPLES: Record<string, Example> = {
  'GET /healthz': async () => ({ path: '/healthz' }),
  'POST /hq/v1/auth/login': async () => ({ path: '/hq/v1/auth/login', body: { username: 'nobody-here', password: 'wrong-password' }, alsoOk: [401] }),
  'POST /hq/v1/auth/logout': async (c) => ({ path: '/hq/v1/auth/logout', cookie: await spareCookie(c) }),
  'GET /hq/v1/auth/me': async () => ({ path: '/hq/v1/auth/me' }),
  'POST /hq/v1/auth/password': async (c) => ({ path: '/hq/v1/auth/password', body: { currentPassword: 'matrix-password-1', newPassword: 'matrix-password-2' }, cookie: await spareCookie(c) }),
  // An admin exists already: 409 is the answer of a passed check.
  'POST /hq/v1/bootstrap': async () => ({ path: '/hq/v1/bootstrap', body: { username: 'second-admin', password: 'bootstrap-password' }, alsoOk: [409] }),
  'GET /hq/v1/users': async () => ({ path: '/hq/v1/users' }),
  'POST /hq/v1/users': async () => ({ path: '/hq/v1/users', body: { username: `created${++n}`, displayName: 'Created', role: 'hq_viewer', password: 'created-password' } }),
  'PATCH /hq/v1/users/:id': async () => ({ path: `/hq/v1/users/${(await newUser('hq_viewer')).id}`, body: { displayName: 'Renamed' } }),
  'GET /hq/v1/audit': async () => ({ path: '/hq/v1/audit?limit=5' }),
  'POST /sync/v1/batches': async () => ({ path: '/sync/v1/batches', body: batch('br-matrix', 'epoch-matrix', seq, []) }),
  'GET /sync/v1/state': async () => ({ path: '/sync/v1/state' }),
  'POST /sync/v1/enroll': async () => ({ path: '/sync/v1/enroll', body: { applianceId: 'br-matrix', token: 'x'.repeat(32) }, alsoOk: [401] }),
  'GET /sync/v1/ref': async () => ({ path: '/sync/v1/ref?since=0' }),
  'GET /sync/v1/ref/snapshot': async () => ({ path: '/sync/v1/ref/snapshot' }),
  'GET /hq/v1/ref/:dataset': async () => ({ path: '/hq/v1/ref/faq' }),
  'PUT /hq/v1/ref/:dataset/:key': async () => ({ path: `/hq/v1/ref/faq/matrix-${++n}`, body: { question: 'Matrix?', answer: 'Yes' } }),
  'DELETE /hq/v1/ref/:dataset/:key': async () => {
    const key = `gone-${++n}`;
    assert.is((await admin(central.url, 'PUT', `/hq/v1/ref/faq/${key}`, { question: 'Soon gone?', answer: 'Yes' })).status, 200);
    return { path: `/hq/v1/ref/faq/${key}` };
  },
  'POST /hq/v1/ref/prune': async () => ({ path: '/hq/v1/ref/prune', body: { throughRev: 0 } }),
  'GET /hq/v1/appliances': async () => ({ path: '/hq/v1/appliances' }),
  'POST /hq/v1/appliances': async () => ({ path: '/hq/v1/appliances', body: { id: `br-new${++n}`, name: 'New' } }),
  'GET /hq/v1/appliances/:id': async () => ({ path: '/hq/v1/appliances/br-matrix' }),
  'POST /hq/v1/appliances/:id/enrollment-tokens': async () => ({ path: `/hq/v1/appliances/${await newAppliance()}/enrollment-tokens`, body: {} }),
  'POST /hq/v1/appliances/:id/revoke': async () => ({ path: `/hq/v1/appliances/${await newAppliance()}/revoke` }),
  'GET /hq/v1/rejects': async () => ({ path: '/hq/v1/rejects?status=all' }),
  // The poison record is still refused on retry: 409 after the role check.
  'POST /hq/v1/rejects/:id/retry': async () => ({ path: `/hq/v1/rejects/${await newReject()}/retry`, alsoOk: [409] }),
  'POST /hq/v1/rejects/:id/dismiss': async () => ({ path: `/hq/v1/rejects/${await newReject()}/dismiss` }),
  'GET /hq/v1/records': async () => ({ path: '/hq/v1/records?limit=5' }),
  'GET /hq/v1/kpis': async () => ({ path: `/hq/v1/kpis?from=${now - 86_400_000}&to=${now}` }),
  'GET /hq/v1/kpis/overview': async () => ({ path: `/hq/v1/kpis/overview?from=${now - 86_400_000}&to=${now}` }),
};

/** Who passes each access level. */
const ALLOWED: Record<CentralAccess, Caller[]> = {
  public: CALLERS,
  appliance: ['appliance'],
  bootstrap: ['bootstrap'],
  hq_session: ['viewer', 'admin'],
  hq_viewer: ['viewer', 'admin'],
  hq_admin: ['admin'],
};

function credentials(caller: Caller, cookieOverride?: string): { bearer?: string; cookie?: string } {
  if (caller === 'appliance') return { bearer: cred };
  if (caller === 'bootstrap') return { bearer: ADMIN_TOKEN };
  if (caller === 'viewer') return { cookie: cookieOverride ?? viewerCookie };
  if (caller === 'admin') return { cookie: cookieOverride ?? adminSession };
  return {};
}

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
  cred = await enrollAppliance(central.url, 'br-matrix');
  adminSession = await adminCookie(central.url);
  const viewer = await newUser('hq_viewer', 'viewer-password-1');
  viewerCookie = await login(central.url, viewer.username, 'viewer-password-1');
});
t.after(async () => {
  await central?.stop();
  await db?.drop();
});

t('every route has an example (a new route must be added here)', () => {
  const keys = central.routes.map((r) => `${r.method} ${r.path}`);
  assert.equal(keys.filter((k) => !EXAMPLES[k]), [], 'routes without an example');
  assert.equal(Object.keys(EXAMPLES).filter((k) => !keys.includes(k)), [], 'examples of routes that no longer exist');
});

t('every route × every caller: 401, 403 or through', async () => {
  const failures: string[] = [];
  const expect = (route: CentralRoute, caller: Caller, res: HttpReply, alsoOk: number[]) => {
    const key = `${route.method} ${route.path} as ${caller}`;
    const allowed = ALLOWED[route.access].includes(caller);
    if (allowed) {
      const ok = (res.status >= 200 && res.status < 300) || alsoOk.includes(res.status);
      if (!ok) failures.push(`${key}: expected through, got ${res.status} ${JSON.stringify(res.body)}`);
      return;
    }
    // A signed-in user whose role is too small is forbidden; everyone else is not authenticated for it.
    const expected = route.access === 'hq_admin' && caller === 'viewer' ? 403 : 401;
    if (res.status !== expected) failures.push(`${key}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    else if (res.body?.error?.id !== (expected === 403 ? 'forbidden' : 'not_authenticated')) failures.push(`${key}: error id ${res.body?.error?.id}`);
  };
  for (const route of central.routes) {
    for (const caller of CALLERS) {
      const ex = await EXAMPLES[`${route.method} ${route.path}`](caller);
      const res = await http(central.url, route.method, ex.path, { body: ex.body, ...credentials(caller, ex.cookie) });
      expect(route, caller, res, ex.alsoOk ?? []);
    }
  }
  assert.equal(failures, []);
});

t('read-only dashboards and branch status are the only HQ data a viewer reads', () => {
  const viewerRoutes = central.routes.filter((r) => r.access === 'hq_viewer').map((r) => `${r.method} ${r.path}`);
  assert.equal(viewerRoutes.sort(), ['GET /hq/v1/appliances', 'GET /hq/v1/appliances/:id', 'GET /hq/v1/kpis', 'GET /hq/v1/kpis/overview']);
  const hqWrites = central.routes.filter((r) => r.path.startsWith('/hq/') && r.method !== 'GET' && !['hq_admin', 'hq_session', 'public', 'bootstrap'].includes(r.access));
  assert.equal(hqWrites, [], 'every HQ write needs the admin role');
});

t.run();

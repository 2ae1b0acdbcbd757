/** Bad input at the HTTP edge: a 4xx with a stable id, never a 500, nothing half-written. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';

const t = suite<{ app: TestAppliance; admin: Session }>('bad input');

t.before(async (ctx) => {
  ctx.app = await startTestAppliance();
  ctx.admin = await login(ctx.app.url, ...DEMO.admin);
});
t.after(async (ctx) => ctx.app.close());

const cases: [string, { method?: string; path?: string; rawBody?: string; body?: unknown; contentType?: string }, number, string][] = [
  ['malformed JSON', { rawBody: '{"username": "a",' }, 400, 'bad_json'],
  ['wrong types', { body: { username: 12, password: true } }, 400, 'validation_failed'],
  ['unknown fields', { body: { username: 'a', password: 'b', admin: true } }, 400, 'validation_failed'],
  ['missing fields', { body: {} }, 400, 'validation_failed'],
  ['a JSON array', { rawBody: '[1,2]' }, 400, 'validation_failed'],
  ['wrong content type', { rawBody: 'username=a&password=b', contentType: 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
  ['oversized body', { rawBody: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }) }, 413, 'payload_too_large'],
  ['unknown route', { method: 'GET', path: '/api/v1/nope' }, 404, 'not_found'],
  ['wrong method', { method: 'PUT', path: '/api/v1/auth/login' }, 405, 'method_not_allowed'],
];

for (const [name, req, status, id] of cases) {
  t(`login with ${name} → ${status} ${id}`, async ({ app }) => {
    const res = await http(app.url, req.method ?? 'POST', req.path ?? '/api/v1/auth/login', req);
    assert.is(res.status, status, JSON.stringify(res.body));
    assert.is(res.body.error.id, id);
    assert.type(res.body.error.message, 'string');
  });
}

t('bad cookies are unauthenticated, not errors', async ({ app }) => {
  for (const cookie of ['ec_session=garbage', 'ec_session=' + 'x'.repeat(5000), 'ec_session=%E0%A4%A', 'ec_session="quoted"; other=1']) {
    const res = await http(app.url, 'GET', '/api/v1/auth/me', { cookie });
    assert.is(res.status, 401, cookie.slice(0, 40));
    assert.is(res.body.error.id, 'not_authenticated');
  }
});

t('a body on a route that takes none is refused', async ({ app, admin }) => {
  const res = await http(app.url, 'POST', '/api/v1/auth/mqtt-token', { cookie: admin.cookie, body: { extra: 1 } });
  assert.is(res.status, 400);
  assert.is(res.body.error.id, 'validation_failed');
});

t('bad query parameters are refused with details', async ({ app, admin }) => {
  const res = await http(app.url, 'GET', '/api/v1/users?limit=abc&bogus=1', { cookie: admin.cookie });
  assert.is(res.status, 400);
  assert.is(res.body.error.id, 'validation_failed');
  assert.ok(Array.isArray(res.body.error.details));
});

t('a refused create writes nothing and audits nothing', async ({ app, admin }) => {
  const before = await http(app.url, 'GET', '/api/v1/audit?limit=1', { cookie: admin.cookie });
  const bad = [
    { username: 'x y', displayName: 'Bad', password: 'long-enough-1', profile: 'operator' },
    { username: 'short', displayName: 'Bad', password: 'short', profile: 'operator' },
    { username: 'noprof', displayName: 'Bad', password: 'long-enough-1', profile: 'nonexistent' },
    { username: 'operator', displayName: 'Dup', password: 'long-enough-1', profile: 'operator' },
    { username: 'dupagent', displayName: 'Dup', password: 'long-enough-1', profile: 'operator', agentNumber: '101' },
  ];
  const statuses = [];
  for (const body of bad) statuses.push((await http(app.url, 'POST', '/api/v1/users', { cookie: admin.cookie, body })).status);
  assert.equal(statuses, [400, 400, 400, 409, 409]);
  const after = await http(app.url, 'GET', '/api/v1/audit?limit=1', { cookie: admin.cookie });
  assert.is(after.body.total, before.body.total);
  const list = await http(app.url, 'GET', '/api/v1/users?limit=200', { cookie: admin.cookie });
  assert.not.ok(list.body.items.some((u: { username: string }) => ['noprof', 'dupagent', 'short'].includes(u.username)));
});

t('the last admin cannot be disabled or demoted', async ({ app, admin }) => {
  const list = await http(app.url, 'GET', '/api/v1/users?search=admin', { cookie: admin.cookie });
  const self = list.body.items.find((u: { username: string }) => u.username === 'admin');
  const res = await http(app.url, 'DELETE', `/api/v1/users/${self.id}`, { cookie: admin.cookie });
  assert.is(res.status, 409);
  assert.is(res.body.error.id, 'conflict');
  const other = await http(app.url, 'POST', '/api/v1/users', {
    cookie: admin.cookie,
    body: { username: 'admin2', displayName: 'Second', password: 'second-admin-pw', profile: 'admin' },
  });
  assert.is(other.status, 201);
  const admin2 = await login(app.url, 'admin2', 'second-admin-pw');
  await http(app.url, 'DELETE', `/api/v1/users/${other.body.id}`, { cookie: admin.cookie });
  const demote = await http(app.url, 'PATCH', `/api/v1/users/${self.id}`, { cookie: admin2.cookie, body: { profile: 'operator' } });
  assert.is(demote.status, 401, 'the deleted admin2 session is gone');
  const selfDemote = await http(app.url, 'PATCH', `/api/v1/users/${self.id}`, { cookie: admin.cookie, body: { profile: 'operator' } });
  assert.is(selfDemote.status, 409);
  assert.is(selfDemote.body.error.id, 'in_use');
});

t.run();

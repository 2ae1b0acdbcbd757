/**
 * HQ accounts: scrypt password hashes, the session cookie, logout, the
 * bootstrap token's single use, the login rate limit, role changes taking
 * effect at once, the last admin, the create-admin CLI, and the append-only
 * audit log of every admin action with its before and after.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { verifyPassword } from '../src/accounts/passwords.ts';
import type { CentralHandle } from '../src/server.ts';
import { ADMIN_PASSWORD, ADMIN_TOKEN, ADMIN_USER, ROOT, admin, adminCookie, enrollAppliance, http, login, startTestCentral } from './support/central.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { batch, journeyRecord } from './support/records.ts';

const t = suite('accounts');
let db: TestDatabase;
let central: CentralHandle;

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
});
t.after(async () => {
  await central?.stop();
  await db?.drop();
});

const expectError = (res: { status: number; body: any }, status: number, id: string, what: string) => {
  assert.is(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
  assert.is(res.body?.error?.id, id, what);
};

async function newUser(role: 'hq_admin' | 'hq_viewer', username: string, password = 'a-long-password') {
  const res = await admin(central.url, 'POST', '/hq/v1/users', { username, displayName: username, role, password });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; username: string };
}

function runCentralCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync/src/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

t('the bootstrap token creates the first admin once, and is no credential for anything else', async () => {
  expectError(await http(central.url, 'GET', '/hq/v1/appliances', { bearer: ADMIN_TOKEN }), 401, 'not_authenticated', 'bootstrap token on an admin route');
  expectError(await http(central.url, 'POST', '/hq/v1/bootstrap', { bearer: `${ADMIN_TOKEN}x`, body: { username: 'boss', password: 'boss-password-1' } }), 401, 'not_authenticated', 'wrong token');
  const first = await http(central.url, 'POST', '/hq/v1/bootstrap', { bearer: ADMIN_TOKEN, body: { username: ADMIN_USER, password: ADMIN_PASSWORD } });
  assert.is(first.status, 201, JSON.stringify(first.body));
  assert.is(first.body.user.role, 'hq_admin');
  expectError(await http(central.url, 'POST', '/hq/v1/bootstrap', { bearer: ADMIN_TOKEN, body: { username: 'second', password: 'second-password' } }), 409, 'conflict', 'second bootstrap');
  expectError(await http(central.url, 'POST', '/hq/v1/bootstrap', { bearer: ADMIN_TOKEN, body: { username: 'x', password: 'short' } }), 400, 'validation_failed', 'bad body');
  // Without a configured token the route refuses, and says how else to make an admin.
  const db2 = await freshDatabase();
  const tokenless = await startTestCentral(db2.url, { adminToken: undefined });
  try {
    const res = await http(tokenless.url, 'POST', '/hq/v1/bootstrap', { bearer: ADMIN_TOKEN, body: { username: 'boss', password: 'boss-password-1' } });
    expectError(res, 403, 'forbidden', 'no bootstrap token configured');
    assert.match(res.body.error.message, /create-admin/);
  } finally {
    await tokenless.stop();
    await db2.drop();
  }
});

t('passwords are stored as scrypt hashes; login sets an httpOnly SameSite cookie; logout ends the session', async () => {
  const [row] = await db.query<{ password_hash: string }>(`select password_hash from hq_user where username = ?`, [ADMIN_USER]);
  assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.not.ok(row.password_hash.includes(ADMIN_PASSWORD));
  assert.ok(await verifyPassword(ADMIN_PASSWORD, row.password_hash));
  assert.not.ok(await verifyPassword(`${ADMIN_PASSWORD}x`, row.password_hash));

  const res = await http(central.url, 'POST', '/hq/v1/auth/login', { body: { username: ADMIN_USER.toUpperCase(), password: ADMIN_PASSWORD } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('ec_hq_session='))!;
  assert.match(setCookie, /; HttpOnly/);
  assert.match(setCookie, /; SameSite=Strict/);
  assert.match(setCookie, /; Path=\//);
  assert.not.match(setCookie, /Secure/, 'plain HTTP without CENTRAL_SECURE_COOKIES');
  const cookie = setCookie.split(';')[0];
  const token = cookie.split('=')[1];
  const sessions = await db.query<{ digest: string }>(`select digest from hq_session`);
  assert.not.ok(sessions.some((s) => s.digest === token), 'only a digest of the token is stored');
  const me = await http(central.url, 'GET', '/hq/v1/auth/me', { cookie });
  assert.is(me.status, 200);
  assert.is(me.body.user.username, ADMIN_USER);
  assert.is(me.body.user.role, 'hq_admin');

  expectError(await http(central.url, 'POST', '/hq/v1/auth/login', { body: { username: ADMIN_USER, password: 'not-the-password' } }), 401, 'invalid_credentials', 'wrong password');
  expectError(await http(central.url, 'POST', '/hq/v1/auth/login', { body: { username: 'nobody', password: 'not-the-password' } }), 401, 'invalid_credentials', 'unknown user');

  const out = await http(central.url, 'POST', '/hq/v1/auth/logout', { cookie });
  assert.is(out.status, 200);
  assert.match(out.headers.getSetCookie().join(), /ec_hq_session=; .*Max-Age=0/);
  expectError(await http(central.url, 'GET', '/hq/v1/auth/me', { cookie }), 401, 'not_authenticated', 'after logout');
  expectError(await http(central.url, 'GET', '/hq/v1/auth/me', { cookie: 'ec_hq_session=forged-forged-forged-forged' }), 401, 'not_authenticated', 'forged cookie');
});

t('a session expires after its lifetime', async () => {
  const db2 = await freshDatabase();
  let now = Date.now();
  const short = await startTestCentral(db2.url, { sessionTtlHours: 1 }, { clock: { now: () => now } });
  try {
    const cookie = await adminCookie(short.url);
    assert.is((await http(short.url, 'GET', '/hq/v1/auth/me', { cookie })).status, 200);
    now += 3_600_000 + 1000;
    expectError(await http(short.url, 'GET', '/hq/v1/auth/me', { cookie }), 401, 'not_authenticated', 'expired session');
  } finally {
    await short.stop();
    await db2.drop();
  }
});

t('failed logins are rate-limited per username and address, with Retry-After; the window passes', async () => {
  const db2 = await freshDatabase();
  let now = Date.now();
  const limited = await startTestCentral(db2.url, { loginMaxFailures: 3, loginWindowMinutes: 10 }, { clock: { now: () => now } });
  try {
    await adminCookie(limited.url);
    const attempt = (username: string, password: string) => http(limited.url, 'POST', '/hq/v1/auth/login', { body: { username, password } });
    for (let i = 0; i < 3; i++) expectError(await attempt(ADMIN_USER, 'guess-guess-guess'), 401, 'invalid_credentials', `guess ${i + 1}`);
    const blocked = await attempt(ADMIN_USER, ADMIN_PASSWORD);
    expectError(blocked, 429, 'rate_limited', 'even the right password waits');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0, 'Retry-After');
    assert.ok(Number(blocked.headers.get('retry-after')) <= 600);
    // Another account from the same address is not locked by these failures (its address budget is larger).
    assert.is((await attempt('nobody-else', 'guess-guess-guess')).status, 401);
    now += 10 * 60_000 + 1000;
    assert.is((await attempt(ADMIN_USER, ADMIN_PASSWORD)).status, 200, 'after the window');
    // Spraying many usernames from one address hits the address limit (4 × 3).
    for (let i = 0; i < 12; i++) await attempt(`spray${i}`, 'guess-guess-guess');
    expectError(await attempt('spray-last', 'guess-guess-guess'), 429, 'rate_limited', 'per-address limit');
  } finally {
    await limited.stop();
    await db2.drop();
  }
});

t('role changes, disabling and new passwords apply at once; the last admin stays', async () => {
  const viewer = await newUser('hq_viewer', 'viewer-one');
  const cookie = await login(central.url, 'viewer-one', 'a-long-password');
  assert.is((await http(central.url, 'GET', '/hq/v1/appliances', { cookie })).status, 200, 'a viewer sees branch status');
  expectError(await http(central.url, 'GET', '/hq/v1/users', { cookie }), 403, 'forbidden', 'a viewer manages no users');
  expectError(await http(central.url, 'PUT', '/hq/v1/ref/faq/v1', { cookie, body: { question: 'q', answer: 'a' } }), 403, 'forbidden', 'a viewer edits no reference data');

  assert.is((await admin(central.url, 'PATCH', `/hq/v1/users/${viewer.id}`, { role: 'hq_admin' })).status, 200);
  expectError(await http(central.url, 'GET', '/hq/v1/users', { cookie }), 401, 'not_authenticated', 'a role change ends the old sessions');
  const promoted = await login(central.url, 'viewer-one', 'a-long-password');
  assert.is((await http(central.url, 'GET', '/hq/v1/users', { cookie: promoted })).status, 200);
  assert.is((await admin(central.url, 'PATCH', `/hq/v1/users/${viewer.id}`, { disabled: true })).status, 200);
  expectError(await http(central.url, 'GET', '/hq/v1/auth/me', { cookie: promoted }), 401, 'not_authenticated', 'disabled');
  expectError(await http(central.url, 'POST', '/hq/v1/auth/login', { body: { username: 'viewer-one', password: 'a-long-password' } }), 401, 'invalid_credentials', 'a disabled user cannot sign in');

  const users = (await admin(central.url, 'GET', '/hq/v1/users')).body.items as { id: string; username: string; role: string; disabled: boolean }[];
  const me = users.find((u) => u.username === ADMIN_USER)!;
  assert.ok(users.every((u) => !('passwordHash' in u) && !('password_hash' in u)), 'no hash leaves the server');
  expectError(await admin(central.url, 'PATCH', `/hq/v1/users/${me.id}`, { role: 'hq_viewer' }), 409, 'conflict', 'the last admin cannot be demoted');
  expectError(await admin(central.url, 'PATCH', `/hq/v1/users/${me.id}`, { disabled: true }), 409, 'conflict', 'the last admin cannot be disabled');
  expectError(await admin(central.url, 'PATCH', '/hq/v1/users/not-a-uuid', { disabled: true }), 404, 'not_found', 'unknown user');
  expectError(await admin(central.url, 'POST', '/hq/v1/users', { username: 'viewer-one', displayName: 'again', role: 'hq_viewer', password: 'a-long-password' }), 409, 'conflict', 'duplicate');
  expectError(await admin(central.url, 'POST', '/hq/v1/users', { username: 'weak', displayName: 'Weak', role: 'hq_viewer', password: 'short' }), 400, 'validation_failed', 'weak password');
  expectError(await admin(central.url, 'POST', '/hq/v1/users', { username: 'boss', displayName: 'Boss', role: 'root', password: 'a-long-password' }), 400, 'validation_failed', 'unknown role');

  // Own password: the current one is needed, and other sessions end.
  await newUser('hq_viewer', 'viewer-two');
  const a = await login(central.url, 'viewer-two', 'a-long-password');
  const b = await login(central.url, 'viewer-two', 'a-long-password');
  expectError(await http(central.url, 'POST', '/hq/v1/auth/password', { cookie: a, body: { currentPassword: 'wrong-password', newPassword: 'another-long-one' } }), 401, 'invalid_credentials', 'wrong current password');
  assert.is((await http(central.url, 'POST', '/hq/v1/auth/password', { cookie: a, body: { currentPassword: 'a-long-password', newPassword: 'another-long-one' } })).status, 200);
  assert.is((await http(central.url, 'GET', '/hq/v1/auth/me', { cookie: a })).status, 200, 'this session stays');
  assert.is((await http(central.url, 'GET', '/hq/v1/auth/me', { cookie: b })).status, 401, 'the other one ends');
  await login(central.url, 'viewer-two', 'another-long-one');
});

t('a foreign Origin cannot use the session cookie for a write', async () => {
  const cookie = await adminCookie(central.url);
  const res = await http(central.url, 'PUT', '/hq/v1/ref/faq/csrf', { cookie, headers: { origin: 'https://evil.example' }, body: { question: 'q', answer: 'a' } });
  expectError(res, 403, 'forbidden', 'cross-origin write');
  const same = await http(central.url, 'PUT', '/hq/v1/ref/faq/csrf', { cookie, headers: { origin: central.url.replace('localhost', '127.0.0.1') }, body: { question: 'q', answer: 'a' } });
  assert.is(same.status, 200, JSON.stringify(same.body));
});

t('every admin action is audited with who, when, what, before and after; the log is append-only', async () => {
  const cred = await enrollAppliance(central.url, 'br-audit');
  assert.is((await admin(central.url, 'PUT', '/hq/v1/ref/faq/hours', { question: 'Hours?', answer: '9 to 18' })).status, 200);
  assert.is((await admin(central.url, 'PUT', '/hq/v1/ref/faq/hours', { question: 'Hours?', answer: '9 to 19' })).status, 200);
  assert.is((await admin(central.url, 'DELETE', '/hq/v1/ref/faq/hours')).status, 200);
  assert.is((await admin(central.url, 'POST', '/hq/v1/ref/prune', { throughRev: 1 })).status, 200);
  const poison = { ...journeyRecord(1, 'bad-1', 1), payload: { callId: 'bad-1' } };
  assert.is((await http(central.url, 'POST', '/sync/v1/batches', { bearer: cred, body: batch('br-audit', 'epoch-audit', 0, [poison]) })).status, 200);
  const reject = (await admin(central.url, 'GET', '/hq/v1/rejects?appliance=br-audit')).body.items[0];
  assert.is((await admin(central.url, 'POST', `/hq/v1/rejects/${reject.id}/dismiss`)).status, 200);
  assert.is((await admin(central.url, 'POST', '/hq/v1/appliances/br-audit/enrollment-tokens', {})).status, 201);
  assert.is((await admin(central.url, 'POST', '/hq/v1/appliances/br-audit/revoke')).status, 200);
  const u = await newUser('hq_viewer', 'audited');
  assert.is((await admin(central.url, 'PATCH', `/hq/v1/users/${u.id}`, { role: 'hq_admin', password: 'changed-password' })).status, 200);

  const log = (await admin(central.url, 'GET', '/hq/v1/audit?limit=100')).body.items as { at: string; actorName: string; actorId: string | null; action: string; target: string; before: any; after: any; address: string }[];
  const find = (action: string, target: string) => log.filter((e) => e.action === action && e.target === target);
  const upserts = find('ref.upsert', 'faq:hours');
  assert.is(upserts.length, 2);
  assert.is(upserts[1].before, null, 'created');
  assert.is(upserts[1].after.answer, '9 to 18');
  assert.is(upserts[0].before.answer, '9 to 18', 'the edit shows what it replaced');
  assert.is(upserts[0].after.answer, '9 to 19');
  assert.is(find('ref.delete', 'faq:hours')[0].before.answer, '9 to 19');
  assert.is(find('ref.prune', 'ref_change')[0].before.throughRev, 1);
  const dismissed = find('reject.dismiss', `reject:${reject.id}`)[0];
  assert.is(dismissed.before.resolution, null);
  assert.is(dismissed.after.resolution, 'dismissed');
  assert.is(find('appliance.create', 'appliance:br-audit').length, 1);
  assert.not.ok(JSON.stringify(find('appliance.token', 'appliance:br-audit')).includes('enrollmentToken'), 'the token itself is not logged');
  assert.is(find('appliance.revoke', 'appliance:br-audit')[0].after.enrolled, false);
  const roleChange = find('user.update', 'user:audited')[0];
  assert.is(roleChange.before.role, 'hq_viewer');
  assert.is(roleChange.after.role, 'hq_admin');
  assert.is(roleChange.after.passwordChanged, true);
  assert.not.ok(JSON.stringify(log).includes('changed-password'), 'no password in the log');
  assert.not.ok(JSON.stringify(log).includes('scrypt$'), 'no hash in the log');
  for (const e of [...upserts, dismissed, roleChange]) {
    assert.is(e.actorName, ADMIN_USER);
    assert.ok(e.actorId);
    assert.is(e.address, '127.0.0.1');
    assert.ok(Date.now() - Date.parse(e.at) < 600_000);
  }
  assert.ok(log.some((e) => e.action === 'auth.login'), 'sign-ins are logged');
  assert.is((await admin(central.url, 'GET', '/hq/v1/audit?action=ref.&limit=100')).body.items.every((e: { action: string }) => e.action.startsWith('ref.')), true);

  for (const sql of [`update hq_audit set actor_name = 'someone else'`, `delete from hq_audit`, `truncate hq_audit`]) {
    let refused = false;
    try {
      await db.query(sql);
    } catch (e) {
      refused = /append-only/.test(String(e));
    }
    assert.ok(refused, `${sql} is refused`);
  }
});

t('npm run central -- create-admin: a first admin without the bootstrap token, and a password reset', async () => {
  const weak = await runCentralCli(['create-admin', '--username', 'cli-boss'], { EDGECALL_HQ_ADMIN_PASSWORD: 'short' });
  assert.is(weak.code, 2, weak.out);
  assert.match(weak.out, /password/);
  const bad = await runCentralCli(['create-admin'], { EDGECALL_HQ_ADMIN_PASSWORD: 'cli-boss-password' });
  assert.is(bad.code, 2, bad.out);
  const made = await runCentralCli(['create-admin', '--username', 'cli-boss', '--display-name', 'CLI Boss'], { EDGECALL_HQ_ADMIN_PASSWORD: 'cli-boss-password' });
  assert.is(made.code, 0, made.out);
  const cookie = await login(central.url, 'cli-boss', 'cli-boss-password');
  const me = await http(central.url, 'GET', '/hq/v1/auth/me', { cookie });
  assert.is(me.body.user.role, 'hq_admin');
  assert.is(me.body.user.displayName, 'CLI Boss');
  const again = await runCentralCli(['create-admin', '--username', 'cli-boss'], { EDGECALL_HQ_ADMIN_PASSWORD: 'cli-boss-password' });
  assert.is(again.code, 2, 'an existing user is not overwritten by accident');
  const reset = await runCentralCli(['create-admin', '--username', 'cli-boss', '--reset-password'], { EDGECALL_HQ_ADMIN_PASSWORD: 'cli-new-password' });
  assert.is(reset.code, 0, reset.out);
  assert.is((await http(central.url, 'GET', '/hq/v1/auth/me', { cookie })).status, 401, 'the reset ends old sessions');
  await login(central.url, 'cli-boss', 'cli-new-password');
  const log = (await admin(central.url, 'GET', '/hq/v1/audit?limit=200')).body.items as { actorName: string; action: string; target: string }[];
  assert.ok(log.some((e) => e.actorName === 'cli:create-admin' && e.action === 'user.create' && e.target === 'user:cli-boss'));
});

t.run();

/**
 * Native HTTPS (CENTRAL_TLS_CERT / CENTRAL_TLS_KEY): HSTS and Secure cookies;
 * Secure cookies behind a TLS proxy (CENTRAL_SECURE_COOKIES); bad certificate
 * settings stop the start with exit code 2.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralConfigError, loadCentralConfig } from '../src/config.ts';
import type { CentralHandle } from '../src/server.ts';
import { ADMIN_PASSWORD, ADMIN_TOKEN, ADMIN_USER, ROOT, adminCookie, http, startTestCentral } from './support/central.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';

const t = suite('tls');
let db: TestDatabase;
let dir: string;
let cert: string;
let key: string;
let otherKey: string;

t.before(async () => {
  db = await freshDatabase();
  dir = mkdtempSync(join(tmpdir(), 'ec-central-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  otherKey = join(dir, 'other-key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', otherKey], { stdio: 'ignore' });
});
t.after(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** HTTPS trusting only the test certificate. */
function httpsCall(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url + path, { method, ca: readFileSync(cert), headers: data ? { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` } : {} }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

t('native HTTPS: HSTS on every answer and Secure session cookies', async () => {
  const central: CentralHandle = await startTestCentral(db.url, { tlsCert: cert, tlsKey: key });
  try {
    assert.ok(central.https);
    assert.match(central.url, /^https:\/\//);
    const health = await httpsCall(central.url, 'GET', '/healthz');
    assert.is(health.status, 200);
    assert.match(String(health.headers['strict-transport-security']), /max-age=\d+/);
    assert.is((await httpsCall(central.url, 'POST', '/hq/v1/bootstrap', { username: ADMIN_USER, password: ADMIN_PASSWORD })).status, 201);
    const login = await httpsCall(central.url, 'POST', '/hq/v1/auth/login', { username: ADMIN_USER, password: ADMIN_PASSWORD });
    assert.is(login.status, 200);
    const cookie = (login.headers['set-cookie'] as string[]).find((c) => c.startsWith('ec_hq_session='))!;
    assert.match(cookie, /; Secure/);
    assert.match(cookie, /; HttpOnly/);
  } finally {
    await central.stop();
  }
});

t('behind a TLS proxy: CENTRAL_SECURE_COOKIES marks the cookie Secure; no HSTS from plain HTTP', async () => {
  const db2 = await freshDatabase();
  const central = await startTestCentral(db2.url, { secureCookies: true });
  try {
    await adminCookie(central.url);
    const res = await http(central.url, 'POST', '/hq/v1/auth/login', { body: { username: ADMIN_USER, password: ADMIN_PASSWORD } });
    assert.match(res.headers.getSetCookie().join(), /; Secure/);
    assert.is(res.headers.get('strict-transport-security'), null);
  } finally {
    await central.stop();
    await db2.drop();
  }
  assert.is(loadCentralConfig({ DATABASE_URL: 'postgres://x/y', CENTRAL_SECURE_COOKIES: '1' }).secureCookies, true);
});

t('bad TLS settings stop the start with exit code 2 and name the variables', async () => {
  assert.throws(() => loadCentralConfig({ DATABASE_URL: 'postgres://x/y', CENTRAL_TLS_CERT: cert }), (e: unknown) => e instanceof CentralConfigError && /CENTRAL_TLS_KEY/.test(String(e)));
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync/src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('exit', (code) => resolve({ code, out }));
    });
  const mismatch = await run({ CENTRAL_TLS_CERT: cert, CENTRAL_TLS_KEY: otherKey });
  assert.is(mismatch.code, 2, mismatch.out);
  assert.match(mismatch.out, /CENTRAL_TLS_CERT/);
  const missing = await run({ CENTRAL_TLS_CERT: join(dir, 'nope.pem'), CENTRAL_TLS_KEY: key });
  assert.is(missing.code, 2, missing.out);
  assert.match(missing.out, /nope\.pem/);
});

t.run();

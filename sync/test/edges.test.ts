/**
 * Every edge of the central server answers bad input with a 4xx and a stable
 * error id, never a 500; enrollment tokens are one-time; the per-appliance
 * rate limit and the global concurrency limit answer with Retry-After.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import type { CentralHandle } from '../src/server.ts';
import { ADMIN_TOKEN, admin, enrollAppliance, http, startTestCentral } from './support/central.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { batch, journeyRecord } from './support/records.ts';

const t = suite('edges');
let db: TestDatabase;
let central: CentralHandle;
let cred: string;

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
  cred = await enrollAppliance(central.url, 'br-edge');
});
t.after(async () => {
  await central?.stop();
  await db?.drop();
});

const expectError = (res: { status: number; body: any }, status: number, id: string, what: string) => {
  assert.is(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
  assert.is(res.body?.error?.id, id, what);
  assert.type(res.body.error.message, 'string');
};

t('enrollment tokens are one-time and bound to their appliance', async () => {
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'br-new', name: 'New branch' });
  assert.is(made.status, 201);
  const token = made.body.enrollmentToken;
  expectError(await http(central.url, 'POST', '/sync/v1/enroll', { body: { applianceId: 'br-edge', token } }), 401, 'invalid_credentials', 'token of another appliance');
  const ok = await http(central.url, 'POST', '/sync/v1/enroll', { body: { applianceId: 'br-new', token } });
  assert.is(ok.status, 200);
  assert.match(ok.body.credential, /^br-new\./);
  expectError(await http(central.url, 'POST', '/sync/v1/enroll', { body: { applianceId: 'br-new', token } }), 401, 'invalid_credentials', 'token used twice');
  const stored = await db.query<{ credential_digest: string }>(`select credential_digest from appliance where id = 'br-new'`);
  assert.not.ok(ok.body.credential.includes(stored[0].credential_digest), 'HQ stores a digest, not the secret');
  expectError(await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'br-new', name: 'again' }), 409, 'conflict', 'duplicate appliance');
  // A re-issued token replaces the credential; the old one stops working.
  const again = await admin(central.url, 'POST', '/hq/v1/appliances/br-new/enrollment-tokens', {});
  assert.is(again.status, 201);
  const second = await http(central.url, 'POST', '/sync/v1/enroll', { body: { applianceId: 'br-new', token: again.body.enrollmentToken } });
  assert.is(second.status, 200);
  expectError(await http(central.url, 'GET', '/sync/v1/state', { bearer: ok.body.credential }), 401, 'not_authenticated', 'replaced credential');
  assert.is((await http(central.url, 'GET', '/sync/v1/state', { bearer: second.body.credential })).status, 200);
  assert.is((await admin(central.url, 'POST', '/hq/v1/appliances/br-new/revoke')).status, 200);
  expectError(await http(central.url, 'GET', '/sync/v1/state', { bearer: second.body.credential }), 401, 'not_authenticated', 'revoked credential');
});

t('bad input at every edge gets a 4xx with a stable id', async () => {
  const u = central.url;
  const good = batch('br-edge', 'epoch-edge', 0, [journeyRecord(1, 'x1', 1)]);
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: good }), 401, 'not_authenticated', 'no credential');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: good, bearer: 'br-edge.wrong-secret-wrong-secret' }), 401, 'not_authenticated', 'wrong secret');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: good, bearer: 'garbage' }), 401, 'not_authenticated', 'malformed credential');
  expectError(await http(u, 'POST', '/sync/v1/batches', { rawBody: '{"applianceId":', bearer: cred, headers: { 'content-type': 'application/json' } }), 400, 'bad_json', 'truncated JSON');
  expectError(await http(u, 'POST', '/sync/v1/batches', { rawBody: 'x', bearer: cred, headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type', 'text body');
  expectError(
    await http(u, 'POST', '/sync/v1/batches', { rawBody: 'not gzip', bearer: cred, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }),
    400,
    'bad_json',
    'broken gzip',
  );
  expectError(
    await http(u, 'POST', '/sync/v1/batches', { rawBody: 'x', bearer: cred, headers: { 'content-type': 'application/json', 'content-encoding': 'br' } }),
    415,
    'unsupported_media_type',
    'unknown encoding',
  );
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  expectError(
    await http(u, 'POST', '/sync/v1/batches', { rawBody: bomb, bearer: cred, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }),
    413,
    'payload_too_large',
    'gzip bomb',
  );
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: { ...good, applianceId: 'br-other' }, bearer: cred }), 403, 'forbidden', 'batch for another appliance');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: { ...good, records: [journeyRecord(2, 'a', 1), journeyRecord(1, 'b', 1)] }, bearer: cred }), 400, 'validation_failed', 'descending seq');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: { ...good, afterSeq: -1 }, bearer: cred }), 400, 'validation_failed', 'negative afterSeq');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: { ...good, surprise: 1 }, bearer: cred }), 400, 'validation_failed', 'unknown field');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: [], bearer: cred }), 400, 'validation_failed', 'array body');
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: { ...good, epoch: 'x' }, bearer: cred }), 400, 'validation_failed', 'short epoch');
  expectError(await http(u, 'GET', '/sync/v1/ref?since=-4', { bearer: cred }), 400, 'validation_failed', 'negative cursor');
  expectError(await http(u, 'GET', '/sync/v1/ref?limit=many', { bearer: cred }), 400, 'validation_failed', 'non-numeric limit');
  expectError(await http(u, 'POST', '/sync/v1/enroll', { body: { applianceId: 'Bad Id', token: 'x'.repeat(30) } }), 400, 'validation_failed', 'bad appliance id');
  expectError(await http(u, 'GET', '/hq/v1/appliances'), 401, 'not_authenticated', 'console without token');
  expectError(await http(u, 'GET', '/hq/v1/appliances', { bearer: `${ADMIN_TOKEN}x` }), 401, 'not_authenticated', 'wrong admin token');
  expectError(await http(u, 'GET', '/hq/v1/appliances', { bearer: cred }), 401, 'not_authenticated', 'appliance credential is no admin token');
  expectError(await admin(u, 'GET', '/hq/v1/appliances/nope'), 404, 'not_found', 'unknown appliance');
  expectError(await admin(u, 'GET', '/hq/v1/appliances/NOT_AN_ID'), 404, 'not_found', 'malformed appliance id');
  expectError(await admin(u, 'POST', '/hq/v1/rejects/abc/retry'), 404, 'not_found', 'malformed reject id');
  expectError(await admin(u, 'POST', '/hq/v1/rejects/999999/dismiss'), 404, 'not_found', 'unknown reject');
  expectError(await admin(u, 'GET', '/hq/v1/rejects?status=weird'), 400, 'validation_failed', 'bad status filter');
  expectError(await admin(u, 'PUT', '/hq/v1/ref/faq/q1', { question: '' }), 400, 'validation_failed', 'invalid FAQ');
  expectError(await admin(u, 'PUT', '/hq/v1/ref/recipes/r1', { name: 'x' }), 404, 'not_found', 'unknown dataset');
  expectError(await admin(u, 'PUT', '/hq/v1/ref/faq/bad%20key', { question: 'q', answer: 'a' }), 400, 'validation_failed', 'bad key');
  expectError(await admin(u, 'DELETE', '/hq/v1/ref/faq/never-was'), 404, 'not_found', 'delete of a missing item');
  expectError(await admin(u, 'POST', '/hq/v1/ref/prune', {}), 400, 'validation_failed', 'prune without a bound');
  expectError(await http(u, 'GET', '/nowhere'), 404, 'not_found', 'unknown route');
  expectError(await http(u, 'DELETE', '/sync/v1/batches', { bearer: cred }), 405, 'method_not_allowed', 'wrong method');
  const huge = { ...good, records: [{ ...journeyRecord(1, 'big', 1), payload: 'x'.repeat(9 * 1024 * 1024) }] };
  expectError(await http(u, 'POST', '/sync/v1/batches', { body: huge, bearer: cred }), 413, 'payload_too_large', 'oversized batch');
  // After all of that the appliance still syncs normally.
  const res = await http(u, 'POST', '/sync/v1/batches', { body: good, bearer: cred });
  assert.is(res.status, 200, JSON.stringify(res.body));
});

t('per-appliance rate limit: 429 with Retry-After', async () => {
  const db2 = await freshDatabase();
  const limited = await startTestCentral(db2.url, { ratePerSecond: 0.01, rateBurst: 2 });
  try {
    const c = await enrollAppliance(limited.url, 'br-chatty');
    const other = await enrollAppliance(limited.url, 'br-quiet');
    const hb = (after: number) => batch('br-chatty', 'epoch-rate', after, []);
    assert.is((await http(limited.url, 'POST', '/sync/v1/batches', { body: hb(0), bearer: c })).status, 200);
    assert.is((await http(limited.url, 'POST', '/sync/v1/batches', { body: hb(0), bearer: c })).status, 200);
    const third = await http(limited.url, 'POST', '/sync/v1/batches', { body: hb(0), bearer: c });
    expectError(third, 429, 'rate_limited', 'over the burst');
    assert.ok(Number(third.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    const quiet = await http(limited.url, 'POST', '/sync/v1/batches', { body: batch('br-quiet', 'epoch-rate', 0, []), bearer: other });
    assert.is(quiet.status, 200, 'other appliances are not affected');
  } finally {
    await limited.stop();
    await db2.drop();
  }
});

t('global concurrency limit: 503 with Retry-After while the gate is full', async () => {
  const db3 = await freshDatabase();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  const gated = await startTestCentral(db3.url, { maxConcurrentBatches: 1 }, {
    hooks: { ingest: { beforeCommit: async ({ applianceId }) => (applianceId === 'br-slow' ? (entered(), held) : undefined) } },
  });
  try {
    const slow = await enrollAppliance(gated.url, 'br-slow');
    const fast = await enrollAppliance(gated.url, 'br-fast');
    const pending = http(gated.url, 'POST', '/sync/v1/batches', { body: batch('br-slow', 'epoch-gate', 0, [journeyRecord(1, 's1', 1)]), bearer: slow });
    await inside;
    const refused = await http(gated.url, 'POST', '/sync/v1/batches', { body: batch('br-fast', 'epoch-gate', 0, [journeyRecord(1, 'f1', 1)]), bearer: fast });
    expectError(refused, 503, 'service_unavailable', 'gate full');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    release();
    assert.is((await pending).status, 200);
    assert.is((await http(gated.url, 'POST', '/sync/v1/batches', { body: batch('br-fast', 'epoch-gate', 0, [journeyRecord(1, 'f1', 1)]), bearer: fast })).status, 200);
  } finally {
    release();
    await gated.stop();
    await db3.drop();
  }
});

t.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError } from '@edgecall/contracts';
import { createAuthService, type AuthStore, type StoredSession, type StoredUser } from './service.ts';
import { createLogger } from '../../adapters/system/logger.ts';

function fixture() {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const users: StoredUser[] = [
    { id: 'u1', username: 'Aysel', displayName: 'A', passwordHash: 'pw:right-password', profileId: 'operator', agentNumber: '101', groups: ['sales'], locale: 'az', disabled: false },
  ];
  const sessions = new Map<string, StoredSession & { tokenDigest: string; mqttTokenDigest: string }>();
  const store: AuthStore = {
    userByUsername: async (n) => users.find((u) => u.username.toLowerCase() === n.toLowerCase()) ?? null,
    userById: async (id) => users.find((u) => u.id === id) ?? null,
    profile: async (id) => (id === 'operator' ? { id, name: 'operator', kind: 'operator', permissions: ['self:read', 'agent:operate', 'not-a-permission'] } : null),
    createSession: async (row) => void sessions.set(row.id, row),
    sessionByToken: async (d) => [...sessions.values()].find((s) => s.tokenDigest === d) ?? null,
    sessionByMqttToken: async (d) => [...sessions.values()].find((s) => s.mqttTokenDigest === d) ?? null,
    sessionById: async (id) => sessions.get(id) ?? null,
    updateSession: async (id, patch) => void Object.assign(sessions.get(id)!, patch),
    endSessionsOfUser: async () => [],
  };
  let n = 0;
  const auth = createAuthService({
    store,
    hasher: { hash: async (p) => `pw:${p}`, verify: async (p, h) => h === `pw:${p}` },
    random: { token: () => `tok${++n}`, id: () => `id${++n}`, digest: (t) => `d(${t})` },
    clock,
    logger: createLogger('silent'),
    options: { sessionTtlMs: 3_600_000, mqttTokenTtlMs: 60_000, queuesOfGroups: (g) => g.map((x) => `q-${x}`), site: 's' },
  });
  return { auth, clock, users, sessions };
}

const meta = { address: '10.0.0.5', userAgent: 'test' };

test('login is case-insensitive on the username and drops unknown permissions', async () => {
  const { auth } = fixture();
  const r = await auth.login('aysel', 'right-password', meta);
  assert.equal(r.user.permissions, ['self:read', 'agent:operate']);
  assert.is(r.user.kind, 'operator');
  assert.ok((await auth.authenticate(r.sessionToken))?.user.username === 'Aysel');
});

test('five failures per user and address pause that pair, not others', async () => {
  const { auth, clock } = fixture();
  for (let i = 0; i < 5; i++) {
    await auth.login('aysel', 'wrong', meta).then(
      () => assert.unreachable(),
      (e: AppError) => assert.is(e.id, 'invalid_credentials'),
    );
  }
  const blocked = await auth.login('aysel', 'right-password', meta).catch((e: AppError) => e);
  assert.instance(blocked, AppError);
  assert.is((blocked as AppError).id, 'rate_limited');
  assert.ok(((blocked as AppError).details as { retryAfterSeconds: number }).retryAfterSeconds > 0);
  // Another address is not punished for this one's failures.
  assert.ok(await auth.login('aysel', 'right-password', { ...meta, address: '10.0.0.6' }));
  clock.advance(15 * 60_000 + 1);
  assert.ok(await auth.login('aysel', 'right-password', meta));
});

test('one address cannot walk through many usernames', async () => {
  const { auth } = fixture();
  for (let i = 0; i < 30; i++) await auth.login(`nobody${i}`, 'x', meta).catch(() => undefined);
  const e = await auth.login('aysel', 'right-password', meta).catch((err: AppError) => err);
  assert.is((e as AppError).id, 'rate_limited');
});

test('disabled users cannot log in and lose their sessions', async () => {
  const { auth, users } = fixture();
  const r = await auth.login('aysel', 'right-password', meta);
  users[0].disabled = true;
  assert.is(await auth.authenticate(r.sessionToken), null);
  const e = await auth.login('aysel', 'right-password', meta).catch((err: AppError) => err);
  assert.is((e as AppError).id, 'invalid_credentials');
});

test('sessions expire; logout ends them', async () => {
  const { auth, clock } = fixture();
  const a = await auth.login('aysel', 'right-password', meta);
  const b = await auth.login('aysel', 'right-password', meta);
  await auth.logout(a.sessionId);
  assert.is(await auth.authenticate(a.sessionToken), null);
  assert.ok(await auth.authenticate(b.sessionToken));
  clock.advance(3_600_001);
  assert.is(await auth.authenticate(b.sessionToken), null);
});

test('the live subject carries agent, groups and their queues', async () => {
  const { auth } = fixture();
  const r = await auth.login('aysel', 'right-password', meta);
  const live = await auth.authenticateLive('AYSEL', r.mqttToken);
  assert.equal(live?.subject, { site: 's', kind: 'operator', agent: '101', groups: ['sales'], queues: ['q-sales'], canReadKpis: false, canMonitor: false });
  assert.is(await auth.authenticateLive('someone', r.mqttToken), null);
});

test.run();

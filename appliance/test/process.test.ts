/** The appliance as an operator runs it: config errors, first admin, graceful stop. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, login } from './support/appliance.ts';
import { runCli, spawnAppliance } from './support/process.ts';
import { connectLive, nextMessage } from './support/mqtt.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'ec-proc-'));

test('bad configuration stops the start with a message naming the setting', async () => {
  const dir = tmp();
  try {
    const bad = await runCli('appliance/src/cli/serve.ts', [], { EDGECALL_DATA: dir, PORT: 'eighty' });
    assert.is(bad.code, 2);
    assert.match(bad.out, /PORT/);
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ site: 'Bad Site!', sessionTtlHours: -1, surprise: true }));
    const badFile = await runCli('appliance/src/cli/serve.ts', [], { EDGECALL_DATA: dir, EDGECALL_CONFIG: file });
    assert.is(badFile.code, 2);
    assert.match(badFile.out, /site/);
    assert.match(badFile.out, /sessionTtlHours/);
    assert.match(badFile.out, /surprise/);
    writeFileSync(file, '{not json');
    const notJson = await runCli('appliance/src/cli/serve.ts', [], { EDGECALL_DATA: dir, EDGECALL_CONFIG: file });
    assert.is(notJson.code, 2);
    assert.match(notJson.out, /cannot read config file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('outside demo mode there is no account until create-admin makes one', async () => {
  const dir = tmp();
  const env = { EDGECALL_DATA: dir, EDGECALL_DEMO: '0' };
  try {
    const weak = await runCli('appliance/src/cli/create-admin.ts', ['--username', 'boss'], { ...env, EDGECALL_ADMIN_PASSWORD: 'short' });
    assert.is(weak.code, 2);
    assert.match(weak.out, /password/);
    const made = await runCli('appliance/src/cli/create-admin.ts', ['--username', 'boss', '--display-name', 'Branch Boss'], {
      ...env,
      EDGECALL_ADMIN_PASSWORD: 'a-strong-password',
    });
    assert.is(made.code, 0, made.out);
    const app = await spawnAppliance(env);
    try {
      for (const [u, p] of [['admin', 'admin-demo'], ['operator', 'operator-demo']]) {
        const res = await http(app.url, 'POST', '/api/v1/auth/login', { body: { username: u, password: p } });
        assert.is(res.status, 401, `demo account ${u} must not exist outside demo mode`);
      }
      const boss = await login(app.url, 'boss', 'a-strong-password');
      assert.ok(boss.user.permissions.includes('users:manage'));
      const audit = await http(app.url, 'GET', '/api/v1/audit', { cookie: boss.cookie });
      assert.ok(audit.body.items.some((e: { actorName: string; action: string }) => e.actorName === 'cli:create-admin' && e.action === 'user.create'));
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM stops cleanly: live clients learn the appliance went offline', async () => {
  const dir = tmp();
  try {
    const app = await spawnAppliance({ EDGECALL_DATA: dir, EDGECALL_DEMO: '1', EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });
    const admin = await login(app.url, 'admin', 'admin-demo');
    const client = await connectLive(app.url, 'admin', admin.mqttToken);
    const topic = `ec/v1/${admin.site}/sys/online`;
    const first = nextMessage(client, topic);
    await client.subscribeAsync(topic);
    assert.is((await first)!.data.online, true);
    const offline = nextMessage(client, topic, 10_000);
    app.child.kill('SIGTERM');
    assert.is((await offline)?.data.online, false);
    const exit = await app.exited;
    assert.is(exit.code, 0);
    client.end(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

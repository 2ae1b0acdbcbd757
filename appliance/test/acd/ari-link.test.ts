/** The ARI adapter's guards: bad credentials do not crash the appliance, and it connects once they are right. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAriSimulator } from '@edgecall/asterisk-image/sim';
import { http } from '../support/appliance.ts';
import { spawnAppliance } from '../support/process.ts';
import { waitFor } from '../support/acd-harness.ts';

test('a wrong ARI password is reported, not a crash (NOTES.md §2.5 #2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-ari-'));
  const sim = await startAriSimulator({ dataDir: join(dir, 'pbx'), username: 'edgecall', password: 'right' });
  try {
    const app = await spawnAppliance({ EDGECALL_DATA: join(dir, 'data'), EDGECALL_DEMO: '0', ASTERISK_ARI_URL: sim.url, ASTERISK_ARI_USER: 'edgecall', ASTERISK_ARI_PASSWORD: 'wrong', LOG_LEVEL: 'error' });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const health = await http(app.url, 'GET', '/healthz');
      assert.is(health.status, 200);
      assert.match(health.body.checks.pbx, /degraded: ARI/);
      assert.match(app.output(), /refused the credentials/);
      assert.is(app.child.exitCode, null, 'still running');
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreachable PBX: the appliance starts, keeps retrying, connects when it appears', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-ari-'));
  // Reserve a port by starting and stopping a simulator on it.
  const probe = await startAriSimulator({ dataDir: join(dir, 'probe') });
  const port = probe.port;
  await probe.stop();
  const app = await spawnAppliance({ EDGECALL_DATA: join(dir, 'data'), EDGECALL_DEMO: '0', ASTERISK_ARI_URL: `http://127.0.0.1:${port}`, ASTERISK_ARI_USER: 'edgecall', ASTERISK_ARI_PASSWORD: 'pw', LOG_LEVEL: 'error' });
  let sim: Awaited<ReturnType<typeof startAriSimulator>> | null = null;
  try {
    assert.match((await http(app.url, 'GET', '/healthz')).body.checks.pbx, /degraded/);
    sim = await startAriSimulator({ dataDir: join(dir, 'pbx'), port, username: 'edgecall', password: 'pw' });
    await waitFor(async () => (await http(app.url, 'GET', '/healthz')).body.checks.pbx === 'ok', 20_000, 'connected');
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

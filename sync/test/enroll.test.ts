/** Enrollment as an installer runs it: the provisioning CLI against the central server, and `npm run central`'s config errors. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CentralHandle } from '../src/server.ts';
import { admin, http, ROOT, startTestCentral } from './support/central.ts';
import { tmpData } from './support/appliance.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';

const t = suite('enroll');
let db: TestDatabase;
let central: CentralHandle;
const dir = tmpData();

t.before(async () => {
  db = await freshDatabase();
  central = await startTestCentral(db.url);
});
t.after(async () => {
  await central?.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

t('the enroll CLI writes the credential file, once, and the credential works', async () => {
  const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'br-cli', name: 'CLI branch' });
  const args = ['--central', central.url, '--appliance', 'br-cli', '--data', dir];
  const ok = await run('provisioning/src/enroll.ts', args, { EDGECALL_ENROLL_TOKEN: made.body.enrollmentToken });
  assert.is(ok.code, 0, ok.out);
  const file = join(dir, 'sync-credential.json');
  assert.is(statSync(file).mode & 0o777, 0o600, 'only the appliance user can read the credential');
  const cred = JSON.parse(readFileSync(file, 'utf8'));
  assert.is(cred.applianceId, 'br-cli');
  assert.is((await http(central.url, 'GET', '/sync/v1/state', { bearer: cred.credential })).status, 200);

  const again = await run('provisioning/src/enroll.ts', args, { EDGECALL_ENROLL_TOKEN: made.body.enrollmentToken });
  assert.is(again.code, 2, 'an enrolled appliance is not silently re-enrolled');
  assert.match(again.out, /--force/);
  const reused = await run('provisioning/src/enroll.ts', [...args, '--force'], { EDGECALL_ENROLL_TOKEN: made.body.enrollmentToken });
  assert.is(reused.code, 1, 'a spent token is refused by HQ');
  assert.match(reused.out, /invalid_credentials/);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')), cred, 'a refused enrollment leaves the old credential intact');
  const usage = await run('provisioning/src/enroll.ts', ['--central', 'not a url', '--appliance', 'br-cli', '--token', 'x'.repeat(30), '--data', dir]);
  assert.is(usage.code, 2);
  const unknown = await run('provisioning/src/enroll.ts', ['--bogus']);
  assert.is(unknown.code, 2);
});

t('the central server refuses bad configuration with exit 2, naming the setting', async () => {
  const bad = await run('sync/src/main.ts', [], { DATABASE_URL: 'mysql://nope', PORT: 'eighty', EDGECALL_HQ_ADMIN_TOKEN: 'short' });
  assert.is(bad.code, 2);
  assert.match(bad.out, /DATABASE_URL/);
  assert.match(bad.out, /PORT/);
  assert.match(bad.out, /EDGECALL_HQ_ADMIN_TOKEN/);
});

t.run();

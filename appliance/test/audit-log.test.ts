/** The stored audit log: the database refuses edits; tampering behind its back is detected. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO, http, login, startTestAppliance } from './support/appliance.ts';

test('admin actions are audited with before and after; tampering is detected', async () => {
  const app = await startTestAppliance({}, { keepData: true });
  let dataDir = app.dataDir;
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const made = await http(app.url, 'POST', '/api/v1/users', {
      cookie: admin.cookie,
      body: { username: 'audited', displayName: 'Before', password: 'audited-password', profile: 'operator' },
    });
    await http(app.url, 'PATCH', `/api/v1/users/${made.body.id}`, { cookie: admin.cookie, body: { displayName: 'After', password: 'another-password' } });
    const log = await http(app.url, 'GET', '/api/v1/audit?action=user.update', { cookie: admin.cookie });
    const entry = log.body.items[0];
    assert.is(entry.actorName, 'admin');
    assert.is(entry.before.displayName, 'Before');
    assert.is(entry.after.displayName, 'After');
    assert.not.match(JSON.stringify(log.body), /another-password|audited-password|scrypt\$/);
    const csv = await http(app.url, 'GET', '/api/v1/audit?format=csv', { cookie: admin.cookie });
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.body, /user\.update/);
    assert.equal((await http(app.url, 'GET', '/api/v1/audit/verify', { cookie: admin.cookie })).body.ok, true);
    await app.stop();

    const db = join(dataDir, 'edgecall.sqlite');
    const sql = (q: string) => execFileSync('node', ['-e', `
      const sqlite3 = require('sqlite3');
      const db = new sqlite3.Database(${JSON.stringify(db)});
      db.exec(${JSON.stringify(q)}, (e) => { if (e) { console.log('ERR ' + e.message); } db.close(); });
    `], { cwd: join(dataDir, '..'), env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') } }).toString();
    assert.match(sql(`update audit_log set actor_name = 'someone' where seq = 2`), /append-only/);
    assert.match(sql(`delete from audit_log where seq = 2`), /append-only/);
    // Someone with file access drops the guard and edits history: the chain shows it.
    sql(`drop trigger audit_log_no_update; update audit_log set actor_name = 'someone' where seq = 2`);
    const again = await startTestAppliance({ dataDir }, { keepData: false });
    dataDir = '';
    try {
      const admin2 = await login(again.url, ...DEMO.admin);
      const verify = await http(again.url, 'GET', '/api/v1/audit/verify', { cookie: admin2.cookie });
      assert.equal(verify.body.ok, false);
      assert.is(verify.body.brokenAt, 2);
    } finally {
      await again.close();
    }
  } finally {
    if (dataDir) await app.close().catch(() => undefined);
  }
});

test.run();

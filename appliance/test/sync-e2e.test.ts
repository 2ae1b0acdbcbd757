/**
 * End to end: a call handled by the appliance reaches HQ's PostgreSQL through
 * the outbox written in the same transaction as its journey, and the agent's
 * state history follows.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '../../sync/test/support/pg.ts';
import { admin, startTestCentral } from '../../sync/test/support/central.ts';
import { enrollInto } from '../../sync/test/support/appliance.ts';
import { http } from './support/appliance.ts';
import { startAcdHarness, types, waitFor } from './support/acd-harness.ts';

test('a call journey and agent transitions arrive at HQ exactly once, at their latest version', async () => {
  const db = await freshDatabase();
  const central = await startTestCentral(db.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-e2e-'));
  try {
    const made = await admin(central.url, 'POST', '/hq/v1/appliances', { id: 'baku-1', name: 'Bakı 1' });
    assert.is(made.status, 201, JSON.stringify(made.body));
    await enrollInto(dataDir, central.url, 'baku-1', made.body.enrollmentToken);
    const h = await startAcdHarness({ dataDir, config: { syncIdlePollMs: 200, syncBackoffBaseMs: 50, syncBackoffMaxMs: 500 } as never });
    try {
      await h.ready('201');
      const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '5550099' });
      await h.waitCall(call.channelId, (c) => c.stage === 'talking');
      call.hangup();
      const local = await h.waitCall(call.channelId, (c) => c.events.some((e: { type: string }) => e.type === 'acw_ended'));
      const row = await waitFor(async () => {
        const rows = await db.query<{ payload: any; entity_version: string }>(
          `select payload, entity_version from sync_record where appliance_id = 'baku-1' and entity = 'call_journey' and entity_id = ?`,
          [call.channelId],
        );
        return rows[0]?.payload?.events?.length === local.events.length ? rows[0] : null;
      }, 20_000, 'journey at HQ');
      assert.equal(row.payload.events.map((e: { type: string }) => e.type), types(local));
      const count = await db.query<{ n: string }>(`select count(*)::text as n from sync_record where entity = 'call_journey' and entity_id = ?`, [call.channelId]);
      assert.is(count[0].n, '1');
      const states = await db.query<{ n: string }>(`select count(*)::text as n from sync_record where appliance_id = 'baku-1' and entity = 'agent_state'`);
      assert.ok(Number(states[0].n) >= 4, `agent transitions at HQ: ${states[0].n}`);
      const status = await http(h.url, 'GET', '/api/v1/sync/status', { cookie: h.admin.cookie });
      assert.is(status.status, 200);
      await waitFor(async () => (await http(h.url, 'GET', '/api/v1/sync/status', { cookie: h.admin.cookie })).body.backlog.records === 0, 10_000, 'backlog drained');
    } finally {
      await h.close();
    }
  } finally {
    await central.stop();
    await db.drop();
  }
});

test.run();

/** Alert rules: raised to the supervisors of the group when a figure crosses its threshold, cleared when it ends. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { http, login } from '../support/appliance.ts';
import { connectLive, nextMessage } from '../support/mqtt.ts';
import { startAcdHarness, waitFor } from '../support/acd-harness.ts';

test('a queued call raises the alert on MQTT and in the log; it clears when the call leaves', async () => {
  const h = await startAcdHarness();
  try {
    const bad = await http(h.url, 'PUT', '/api/v1/settings/alerts', { cookie: h.admin.cookie, body: [{ id: 'q', name: 'x', figure: 'nope', comparator: 'above', threshold: 0, scope: 'branch' }] });
    assert.is(bad.status, 400);
    const rules = [{ id: 'support-waiting', name: 'Callers waiting in support', figure: 'queuedCalls', comparator: 'above', threshold: 0, scope: 'queue:support', forSeconds: 0, severity: 'critical' }];
    assert.is((await http(h.url, 'PUT', '/api/v1/settings/alerts', { cookie: h.admin.cookie, body: rules })).status, 200);
    const chief = await login(h.url, 'chief', 'chief-password');
    const live = await connectLive(h.url, 'chief', chief.mqttToken);
    const topic = `ec/v1/${chief.site}/alert/g/support/support-waiting`;
    await live.subscribeAsync(topic);
    const raised = nextMessage(live, topic, 15_000);
    const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501110070' });
    const msg = await raised;
    assert.ok(msg, 'alert published');
    assert.is(msg!.data.value, 1);
    assert.is(msg!.data.severity, 'critical');
    const active = await http(h.url, 'GET', '/api/v1/alerts', { cookie: chief.cookie });
    assert.is(active.body.active[0].ruleId, 'support-waiting');
    const cleared = new Promise<number>((resolve) => live.on('message', (t, payload) => t === topic && resolve(payload.length)));
    call.hangup();
    assert.is(await cleared, 0, 'an empty retained publish clears it');
    const log = await waitFor(async () => {
      const r = await http(h.url, 'GET', '/api/v1/alerts', { cookie: chief.cookie });
      return r.body.log[0]?.clearedAt ? r.body : null;
    });
    assert.is(log.active.length, 0);
    live.end(true);
  } finally {
    await h.close();
  }
});

test.run();

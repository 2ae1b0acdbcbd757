/**
 * A queue whose maximum wait ends in the callback list (issue 3's last
 * destination): the caller hears the message, the call ends `deflected`
 * (not lost, KPIS.md) and the number is waiting in the callback list.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { http } from '../support/appliance.ts';
import { FAST_SETTINGS, startAcdHarness, types, waitFor } from '../support/acd-harness.ts';

const settings = {
  ...FAST_SETTINGS,
  queues: FAST_SETTINGS.queues.map((q) => (q.id === 'support' ? { ...q, timeoutAction: 'callback' as const, timeoutMessage: 'sound:closed-message' } : q)),
};

test('the maximum wait runs out into the callback list', async () => {
  const h = await startAcdHarness({ settings });
  try {
    const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994505550011' });
    const done = await h.waitCall(call.channelId, (c) => c.stage === 'ended', 15_000);
    assert.equal(types(done), ['arrived', 'ivr_left', 'queued', 'ended']);
    assert.is(done.cause, 'deflected');
    // The caller heard the message before the line closed.
    assert.ok(h.sim.control.history('rest').some((e: any) => e.path === `/ari/channels/${call.channelId}/play` && String(e.query.media).includes('closed-message')));
    const entry = await waitFor(async () => {
      const r = await http(h.url, 'GET', '/api/v1/callbacks?status=open&number=0505550011', { cookie: h.admin.cookie });
      return r.body.items?.[0];
    }, 5000, 'callback entry');
    assert.is(entry.kind, 'requested');
    assert.is(entry.queue, 'support');
    assert.equal(entry.callIds, [call.channelId]);
    // Deflected is neither missed nor lost in the KPIs.
    const kpis = await http(h.url, 'GET', '/api/v1/kpis?scope=queue:support', { cookie: h.admin.cookie });
    assert.is(kpis.body.figures?.missedCalls ?? kpis.body.missedCalls, 0, JSON.stringify(kpis.body).slice(0, 300));

    // An anonymous caller cannot be called back: an ordinary timeout.
    const anonymous = h.sim.control.inboundCall({ did: '2000', callerNumber: 'anonymous' });
    const ended = await h.waitCall(anonymous.channelId, (c) => c.stage === 'ended', 15_000);
    assert.is(ended.cause, 'timeout');
  } finally {
    await h.close();
  }
});

test.run();

/**
 * A request raised from a real (simulated) call: the ARI simulator rings
 * agent 201 through the ACD, the agent opens a request from the
 * call-handling window, and the request carries the call — its number, the
 * agent, the contact, the template filled with the call's data — with the
 * journey and its recording linked; the caller's next call pops the open
 * request up.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { http, type Session } from '../support/appliance.ts';
import { startAcdHarness, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness; agent: Session; ref: { type: string; cls: string }; contact: string; callId: string }>('requests from calls');

t.before(async (ctx) => {
  ctx.h = await startAcdHarness();
  const post = async (path: string, body: unknown) => {
    const r = await http(ctx.h.url, 'POST', path, { cookie: ctx.h.admin.cookie, body });
    assert.is(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const template = await post('/api/v1/settings/templates', { name: 'Zəngdən', channel: 'request', body: '{{contact.name}} {{call.number}} saat {{call.time}} növbə {{call.queue}}; operator {{agent.name}} ({{agent.number}})' });
  const type = await post('/api/v1/settings/request-types', { name: 'Şikayət', fields: [{ key: 'order', label: 'Sifariş', type: 'text' }], ticket: { resolutionHours: 24, group: 'support', templateId: template } });
  const cls = await post('/api/v1/settings/classifications', { requestTypeId: type, name: 'Çatdırılma' });
  ctx.ref = { type, cls };
  ctx.contact = await post('/api/v1/contacts', { name: 'Səbinə Quliyeva', phones: ['+994 50 777 66 55'] });
  ctx.agent = await ctx.h.ready('201');
  const call = ctx.h.sim.control.inboundCall({ did: '2000', callerNumber: '+994 50 777 66 55' });
  await ctx.h.waitCall(call.channelId, (c) => c.stage === 'talking');
  ctx.callId = call.channelId;
});
t.after(async (ctx) => ctx.h.close());

t('a request created from the call carries the call’s data, with its journey and recording linked', async ({ h, agent, ref, contact, callId }) => {
  // What the call-handling window sends: the call, the contact, type, classification and note; the number comes from the call.
  const r = await http(h.url, 'POST', '/api/v1/tickets', {
    cookie: agent.cookie,
    body: { callId, contactId: contact, requestTypeId: ref.type, classificationId: ref.cls, fields: { order: 'S-77' } },
  });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const ticket = r.body;
  assert.is(ticket.channel, 'call', 'raised from a call');
  assert.is(ticket.callId, callId);
  assert.is(ticket.number, '+994507776655', "the caller's number from the call");
  assert.is(ticket.agent, '201');
  assert.is(ticket.contactId, contact);
  assert.is(ticket.customerName, 'Səbinə Quliyeva');
  assert.is(ticket.group, 'support', "the type's executing group");
  assert.match(ticket.description, /^Səbinə Quliyeva \+994507776655 saat \d\d:\d\d növbə support; operator Agent 201 \(201\)$/, 'the template, filled from the call');
  assert.is(ticket.subject, 'Şikayət — Çatdırılma');

  // An unknown call is refused, naming the field.
  const bad = await http(h.url, 'POST', '/api/v1/tickets', { cookie: agent.cookie, body: { callId: 'no-such-call', requestTypeId: ref.type, classificationId: ref.cls } });
  assert.is(bad.status, 400);
  assert.match(JSON.stringify(bad.body.error.details), /callId/);

  // The call ends; its journey and recording are reachable from the request.
  await http(h.url, 'POST', '/api/v1/agent/hangup', { cookie: agent.cookie });
  const page = await waitFor(async () => {
    const p = (await http(h.url, 'GET', `/api/v1/tickets/${ticket.id}`, { cookie: agent.cookie })).body;
    return p.call?.endedAt && p.call.hasRecording ? p : null;
  }, 15_000, 'the ended, recorded call on the request');
  assert.is(page.call.callId, callId);
  assert.is(page.call.queue, 'support');
  assert.is(page.call.agent, '201');
  const journey = await http(h.url, 'GET', `/api/v1/calls/${callId}`, { cookie: agent.cookie });
  assert.ok(journey.body.events.some((e: { type: string }) => e.type === 'answered'), 'the journey');
  const recording = await fetch(`${h.url}/api/v1/calls/${callId}/recording`, { headers: { cookie: h.admin.cookie } });
  assert.is(recording.status, 200, 'the recording');
  assert.match(recording.headers.get('content-type') ?? '', /^audio\//);
  await recording.arrayBuffer();
  assert.equal((await http(h.url, 'GET', `/api/v1/tickets?callId=${callId}`, { cookie: agent.cookie })).body.items.map((i: { id: string }) => i.id), [ticket.id]);
});

t('the caller’s next call pops the open request up in the screen pop', async ({ h, agent, ref }) => {
  const pop = await http(h.url, 'GET', '/api/v1/screen-pop?number=0507776655', { cookie: agent.cookie });
  assert.is(pop.body.contacts[0].name, 'Səbinə Quliyeva');
  assert.is(pop.body.tickets.length, 1);
  assert.is(pop.body.tickets[0].requestTypeId, ref.type);
  assert.match(pop.body.tickets[0].ref, /^R-\d{4}-000001$/);
});

t.run();

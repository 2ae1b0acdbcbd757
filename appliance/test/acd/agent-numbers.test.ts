/**
 * Agent numbers and the trunk (issue 6) against the ARI simulator through the
 * real ari-client: what the admin API creates exists on the PBX as PJSIP
 * objects, a user linked to a new number works as that agent and gets a
 * call, a number made while the PBX is away is pushed when it comes back,
 * and the trunk's objects, rendered files and outbound template follow its
 * setting.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, login } from '../support/appliance.ts';
import { startAcdHarness, waitFor, type AcdHarness } from '../support/acd-harness.ts';

const t = suite<{ h: AcdHarness }>('agent numbers and trunk');
t.before.each(async (ctx) => {
  ctx.h = await startAcdHarness();
});
t.after.each(async (ctx) => ctx.h.close());

/** The PBX's own answer for a dynamic config object, as field → value (null when it has none). */
async function pbxObject(h: AcdHarness, type: string, id: string): Promise<Record<string, string> | null> {
  const res = await fetch(`${h.sim.url}/ari/asterisk/config/dynamic/res_pjsip/${type}/${encodeURIComponent(id)}`, {
    headers: { authorization: `Basic ${Buffer.from('edgecall:sim-secret').toString('base64')}` },
  });
  if (res.status === 404) return null;
  assert.is(res.status, 200);
  return Object.fromEntries(((await res.json()) as { attribute: string; value: string }[]).map((f) => [f.attribute, f.value]));
}

t('a new agent number is a PJSIP endpoint on the PBX; its user logs in as that agent and takes a call', async ({ h }) => {
  const user = await http(h.url, 'POST', '/api/v1/users', { cookie: h.admin.cookie, body: { username: 'nigar', displayName: 'Nigar', password: 'nigar-password', profile: 'operator', groups: ['support'] } });
  assert.is(user.status, 201);
  assert.is(await pbxObject(h, 'endpoint', '205'), null, 'the PBX does not know 205 yet');

  const made = await http(h.url, 'POST', '/api/v1/settings/agent-numbers', {
    cookie: h.admin.cookie,
    body: { number: '205', displayName: 'Nigar Quliyeva', codecs: ['alaw', 'g722'], userId: user.body.id },
  });
  assert.is(made.status, 201, JSON.stringify(made.body));
  assert.is(made.body.pbx.state, 'pushed');
  assert.is(made.body.user.username, 'nigar');
  const password = made.body.sipPassword as string;
  assert.ok(password.length >= 10, 'a password was generated and shown once');

  const endpoint = (await pbxObject(h, 'endpoint', '205'))!;
  assert.ok(endpoint, 'endpoint exists on the PBX');
  assert.is(endpoint.auth, '205');
  assert.is(endpoint.aors, '205');
  assert.is(endpoint.callerid, '"Nigar Quliyeva" <205>');
  assert.is(endpoint.context, 'edgecall-agent');
  assert.match(endpoint.allow, /alaw/);
  assert.match(endpoint.allow, /g722/);
  assert.is((await pbxObject(h, 'auth', '205'))!.password, password);
  assert.is((await pbxObject(h, 'aor', '205'))!.max_contacts, '1');

  // The password is never shown again, nor stored in clear.
  const listed = await http(h.url, 'GET', '/api/v1/settings/agent-numbers', { cookie: h.admin.cookie });
  const row = listed.body.items.find((a: { number: string }) => a.number === '205');
  assert.is(row.sipPassword, undefined);
  assert.not.ok(JSON.stringify(listed.body).includes(password));
  const db = ['edgecall.sqlite', 'edgecall.sqlite-wal'].filter((f) => existsSync(join(h.dataDir, f))).map((f) => readFileSync(join(h.dataDir, f)).toString('latin1')).join('');
  assert.ok(db.includes('Nigar Quliyeva'), 'the row is in the files read');
  assert.not.ok(db.includes(password), 'the database holds the password sealed');

  // The linked user now works as agent 205: register its phone, log in, take a call on the support queue.
  h.sim.control.registerPhone('205', { behaviour: { kind: 'answer', afterMs: 200 }, afterAnswerApps: [['Wait', '36000']] });
  const agent = await login(h.url, 'nigar', 'nigar-password');
  assert.is(agent.user.agentNumber, '205');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/login', { cookie: agent.cookie, body: {} })).status, 200);
  assert.is((await http(h.url, 'POST', '/api/v1/agent/ready', { cookie: agent.cookie })).status, 200);
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501112205' });
  const talking = await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  assert.is(talking.agent, '205');
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');

  // Deleting waits for the user to be unlinked, then removes the endpoint from the PBX.
  assert.is((await http(h.url, 'POST', '/api/v1/agent/logout', { cookie: agent.cookie })).status, 200);
  const refused = await http(h.url, 'DELETE', '/api/v1/settings/agent-numbers/205', { cookie: h.admin.cookie });
  assert.is(refused.status, 409);
  assert.is(refused.body.error.id, 'in_use');
  assert.is((await http(h.url, 'PATCH', '/api/v1/settings/agent-numbers/205', { cookie: h.admin.cookie, body: { userId: null } })).status, 200);
  const gone = await http(h.url, 'DELETE', '/api/v1/settings/agent-numbers/205', { cookie: h.admin.cookie });
  assert.is(gone.status, 200);
  assert.is(gone.body.pbx, 'deleted');
  assert.is(await pbxObject(h, 'endpoint', '205'), null);
  assert.is(await pbxObject(h, 'auth', '205'), null);
});

t('bad input is refused at its field; the per-agent dial string reaches the ACD', async ({ h }) => {
  const bad = await http(h.url, 'POST', '/api/v1/settings/agent-numbers', { cookie: h.admin.cookie, body: { number: '206', displayName: 'X', password: 'has-206-inside' } });
  assert.is(bad.status, 400);
  assert.is(bad.body.error.details[0].field, 'password');
  const injected = await http(h.url, 'POST', '/api/v1/settings/agent-numbers', { cookie: h.admin.cookie, body: { number: '206', displayName: 'Evil"\n[x]' } });
  assert.is(injected.status, 400);
  assert.is(injected.body.error.details[0].path, 'displayName');
  const remote = await http(h.url, 'POST', '/api/v1/settings/agent-numbers', { cookie: h.admin.cookie, body: { number: '206', displayName: 'Remote', dialString: 'Local/0501234567@edgecall-outbound/n' } });
  assert.is(remote.status, 201, JSON.stringify(remote.body));
  const acd = await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie });
  assert.is(acd.body.agentDialStrings['206'], 'Local/0501234567@edgecall-outbound/n');
  assert.is((await http(h.url, 'POST', '/api/v1/settings/agent-numbers', { cookie: h.admin.cookie, body: { number: '206', displayName: 'Again' } })).status, 409);
  const tpl = await http(h.url, 'PUT', '/api/v1/settings/agent-dialing', { cookie: h.admin.cookie, body: { dialTemplate: 'PJSIP/agent' } });
  assert.is(tpl.status, 400);
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/agent-dialing', { cookie: h.admin.cookie, body: { dialTemplate: 'PJSIP/{number}' } })).status, 200);
});

t('a number created while the PBX is unreachable is saved as pending and pushed when it returns', async ({ h }) => {
  const down = h.sim.control.refuseConnections(4000);
  await waitFor(async () => (await http(h.url, 'GET', '/healthz')).body.checks.pbx !== 'ok', 5000, 'ARI down');
  const made = await http(h.url, 'POST', '/api/v1/settings/agent-numbers', { cookie: h.admin.cookie, body: { number: '207', displayName: 'Later' } });
  assert.is(made.status, 201);
  assert.is(made.body.pbx.state, 'pending', 'saved, waiting for the PBX');
  await down;
  await waitFor(async () => {
    const list = await http(h.url, 'GET', '/api/v1/settings/agent-numbers?search=207', { cookie: h.admin.cookie });
    return list.body.items[0]?.pbx.state === 'pushed';
  }, 30_000, 'pushed after the reconnect');
  const auth = await pbxObject(h, 'auth', '207');
  assert.is(auth?.password, made.body.sipPassword);
});

t('a SIP trunk: objects on the PBX, rendered pjsip.conf with its registration, outbound template and caller id', async ({ h }) => {
  const put = await http(h.url, 'PUT', '/api/v1/settings/trunk', {
    cookie: h.admin.cookie,
    body: { kind: 'sip', id: 'provider', host: '192.0.2.40', register: true, username: '124405000', secret: 'trunk-secret-1', codecs: ['alaw'], dids: ['1000', '124405099'], outboundCallerId: { number: '124405000', name: 'EdgeCall' } },
  });
  assert.is(put.status, 200, JSON.stringify(put.body));
  assert.is(put.body.reloadRequired, true);
  assert.is(put.body.pbx.state, 'pushed');
  assert.is(put.body.trunk.hasSecret, true);
  assert.is(put.body.trunk.secret, undefined);
  assert.equal(put.body.unroutedDids, ['124405099'], 'DID 1000 has an entry, the other none');
  const endpoint = (await pbxObject(h, 'endpoint', 'provider'))!;
  assert.is(endpoint.aors, 'provider');
  assert.is(endpoint.outbound_auth, 'provider-auth');
  assert.is(endpoint.context, 'edgecall-trunk');
  assert.is((await pbxObject(h, 'aor', 'provider'))!.contact, 'sip:192.0.2.40:5060');
  assert.is((await pbxObject(h, 'auth', 'provider-auth'))!.password, 'trunk-secret-1');
  const pjsip = readFileSync(join(h.dataDir, 'asterisk', 'pjsip.conf'), 'utf8');
  assert.match(pjsip, /type\s*=\s*registration/);
  assert.match(pjsip, /server_uri\s*=\s*sip:192\.0\.2\.40:5060/);
  const acd = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie: h.admin.cookie })).body;
  assert.is(acd.outboundTemplate, 'PJSIP/{number}@provider');
  assert.equal(acd.outboundCallerId, { number: '124405000', name: 'EdgeCall' });
  // A click-to-call now dials the customer through the trunk with the trunk's caller id
  // (the simulator does not model a provider behind it, so that leg fails there).
  const s = await h.ready('201');
  const dial = await http(h.url, 'POST', '/api/v1/agent/dial', { cookie: s.cookie, body: { number: '0501234567' } });
  assert.is(dial.status, 200, JSON.stringify(dial.body));
  const customerLeg = await waitFor(async () =>
    h.sim.control.history('rest').find((e: any) => e.method === 'POST' && e.path === '/ari/channels' && e.query.endpoint === 'PJSIP/0501234567@provider'),
  );
  assert.is((customerLeg as any).query.callerId, '"EdgeCall" <124405000>');

  // A change without a secret keeps the stored one; a bad host is refused at its field.
  const kept = await http(h.url, 'PUT', '/api/v1/settings/trunk', { cookie: h.admin.cookie, body: { kind: 'sip', id: 'provider', host: '192.0.2.41', register: true, username: '124405000' } });
  assert.is(kept.status, 200, JSON.stringify(kept.body));
  assert.is((await pbxObject(h, 'auth', 'provider-auth'))!.password, 'trunk-secret-1');
  const bad = await http(h.url, 'PUT', '/api/v1/settings/trunk', { cookie: h.admin.cookie, body: { kind: 'sip', host: 'not a host;' } });
  assert.is(bad.status, 400);
  assert.is(bad.body.error.details[0].field, 'host');
});

t('E1 spans are checked against the card profile and rendered for DAHDI; the outbound template follows', async ({ h }) => {
  const hw = await http(h.url, 'GET', '/api/v1/settings/trunk/hardware', { cookie: h.admin.cookie });
  assert.ok(hw.body.items.some((p: { id: string }) => p.id === 'digium-te122'));
  const wrongSpan = await http(h.url, 'PUT', '/api/v1/settings/trunk', { cookie: h.admin.cookie, body: { kind: 'dahdi', cards: [{ profile: 'digium-te122', spans: [{ span: 2, e1: {} }] }] } });
  assert.is(wrongSpan.status, 400);
  assert.is(wrongSpan.body.error.details[0].field, 'cards.0.spans.0.span');
  assert.match(wrongSpan.body.error.details[0].message, /span 2 does not exist/);
  const fxoOnE1 = await http(h.url, 'PUT', '/api/v1/settings/trunk', { cookie: h.admin.cookie, body: { kind: 'dahdi', cards: [{ profile: 'digium-te122', spans: [{ span: 1, fxo: {} }] }] } });
  assert.is(fxoOnE1.status, 400);

  const ok = await http(h.url, 'PUT', '/api/v1/settings/trunk', { cookie: h.admin.cookie, body: { kind: 'dahdi', cards: [{ profile: 'digium-te122', spans: [{ span: 1, e1: { dids: ['1000'] } }] }], outboundCallerId: { number: '124405000' } } });
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  assert.is(ok.body.reloadRequired, true);
  assert.is(ok.body.outboundTemplate, 'DAHDI/g1/{number}');
  assert.ok(existsSync(join(h.dataDir, 'asterisk', 'chan_dahdi.conf')));
  assert.ok(existsSync(join(h.dataDir, 'asterisk', 'host', 'etc', 'dahdi', 'system.conf')));
  assert.match(readFileSync(join(h.dataDir, 'asterisk', 'chan_dahdi.conf'), 'utf8'), /switchtype\s*=\s*euroisdn/);

  const removed = await http(h.url, 'DELETE', '/api/v1/settings/trunk', { cookie: h.admin.cookie });
  assert.is(removed.status, 200);
  assert.is(removed.body.trunk, null);
  assert.not.ok(existsSync(join(h.dataDir, 'asterisk', 'chan_dahdi.conf')));
});

t.run();

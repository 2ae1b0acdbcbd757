/**
 * Every route × every role and anonymous: 401 without a session, 403 without
 * the permission, 2xx with it. The route list comes from the running
 * appliance, so a new route without an example here fails this test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PROFILE_PERMISSIONS, type Permission } from '@edgecall/contracts';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';

type Role = 'anonymous' | 'operator' | 'supervisor' | 'admin';
/** `alsoOk`: business answers that prove the permission check passed (e.g. 409 for a state conflict). */
type Example = (ctx: { app: TestAppliance; admin: Session; role: Role }) => Promise<{ path: string; body?: unknown; alsoOk?: number[] }>;

let n = 0;
const newUser = async (app: TestAppliance, admin: Session) => {
  const res = await http(app.url, 'POST', '/api/v1/users', {
    cookie: admin.cookie,
    body: { username: `matrix${++n}`, displayName: 'Matrix', password: 'matrix-password', profile: 'operator' },
  });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};

const newRef = async (app: TestAppliance, admin: Session, list: string, body: unknown) => {
  const res = await http(app.url, 'POST', `/api/v1/settings/${list}`, { cookie: admin.cookie, body });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};
const newType = (app: TestAppliance, admin: Session) => newRef(app, admin, 'request-types', { name: `Matrix type ${++n}` });
const newContact = async (app: TestAppliance, admin: Session) => {
  const res = await http(app.url, 'POST', '/api/v1/contacts', { cookie: admin.cookie, body: { name: `Matrix ${++n}`, phones: [`0505551${String(n).padStart(3, '0')}`] } });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};

/** A request (issue 7) of a fresh type, as an admin raises one. */
const newTicket = async (app: TestAppliance, admin: Session) => {
  const requestTypeId = await newType(app, admin);
  const classificationId = await newRef(app, admin, 'classifications', { requestTypeId, name: 'Matrix' });
  const res = await http(app.url, 'POST', '/api/v1/tickets', { cookie: admin.cookie, body: { requestTypeId, classificationId, channel: 'walk_in' } });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};

/** A custom profile (issue 6) nobody uses. */
const newProfile = async (app: TestAppliance, admin: Session) => {
  const res = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: `Matrix profile ${++n}`, kind: 'operator', permissions: ['self:read'] } });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};
/** An agent number (issue 6) without a user. */
const newAgentNumber = async (app: TestAppliance, admin: Session) => {
  const number = String(5000 + ++n);
  const res = await http(app.url, 'POST', '/api/v1/settings/agent-numbers', { cookie: admin.cookie, body: { number, displayName: `Matrix ${n}` } });
  assert.is(res.status, 201, JSON.stringify(res.body));
  return number;
};

const EXAMPLES: Record<string, Example> = {
  'GET /healthz': async () => ({ path: '/healthz' }),
  'GET /metrics': async () => ({ path: '/metrics' }),
  'POST /api/v1/auth/login': async () => ({ path: '/api/v1/auth/login', body: { username: 'operator', password: 'operator-demo' } }),
  'POST /api/v1/auth/logout': async () => ({ path: '/api/v1/auth/logout' }),
  'GET /api/v1/auth/me': async () => ({ path: '/api/v1/auth/me' }),
  'POST /api/v1/auth/mqtt-token': async () => ({ path: '/api/v1/auth/mqtt-token' }),
  'GET /api/v1/users': async () => ({ path: '/api/v1/users?limit=5' }),
  'POST /api/v1/users': async () => ({
    path: '/api/v1/users',
    body: { username: `created${++n}`, displayName: 'Created', password: 'created-password', profile: 'operator' },
  }),
  'PATCH /api/v1/users/:id': async ({ app, admin }) => ({ path: `/api/v1/users/${await newUser(app, admin)}`, body: { displayName: 'Renamed' } }),
  'DELETE /api/v1/users/:id': async ({ app, admin }) => ({ path: `/api/v1/users/${await newUser(app, admin)}` }),
  'GET /api/v1/profiles': async () => ({ path: '/api/v1/profiles' }),
  // ── examples: profiles, agent numbers, trunk, approvals (issue 6) ──
  'POST /api/v1/profiles': async () => ({ path: '/api/v1/profiles', body: { name: `Matrix created ${++n}`, kind: 'supervisor', permissions: ['self:read', 'kpis:read'] } }),
  'PATCH /api/v1/profiles/:id': async ({ app, admin }) => ({ path: `/api/v1/profiles/${await newProfile(app, admin)}`, body: { permissions: ['self:read', 'contacts:read'] } }),
  'DELETE /api/v1/profiles/:id': async ({ app, admin }) => ({ path: `/api/v1/profiles/${await newProfile(app, admin)}` }),
  'GET /api/v1/settings/agent-numbers': async () => ({ path: '/api/v1/settings/agent-numbers?search=5&limit=5' }),
  'POST /api/v1/settings/agent-numbers': async () => ({ path: '/api/v1/settings/agent-numbers', body: { number: String(6000 + ++n), displayName: 'Matrix', codecs: ['alaw'] } }),
  'PATCH /api/v1/settings/agent-numbers/:number': async ({ app, admin }) => ({ path: `/api/v1/settings/agent-numbers/${await newAgentNumber(app, admin)}`, body: { displayName: 'Renamed' } }),
  'DELETE /api/v1/settings/agent-numbers/:number': async ({ app, admin }) => ({ path: `/api/v1/settings/agent-numbers/${await newAgentNumber(app, admin)}` }),
  'GET /api/v1/settings/agent-dialing': async () => ({ path: '/api/v1/settings/agent-dialing' }),
  'PUT /api/v1/settings/agent-dialing': async () => ({ path: '/api/v1/settings/agent-dialing', body: { dialTemplate: 'PJSIP/{number}' } }),
  'GET /api/v1/settings/trunk': async () => ({ path: '/api/v1/settings/trunk' }),
  'PUT /api/v1/settings/trunk': async () => ({ path: '/api/v1/settings/trunk', body: { kind: 'sip', id: 'matrix', host: '192.0.2.10', codecs: ['alaw'] } }),
  'DELETE /api/v1/settings/trunk': async () => ({ path: '/api/v1/settings/trunk' }),
  'GET /api/v1/settings/trunk/hardware': async () => ({ path: '/api/v1/settings/trunk/hardware' }),
  'GET /api/v1/settings/approval-policies': async () => ({ path: '/api/v1/settings/approval-policies' }),
  'PUT /api/v1/settings/approval-policies/:kind': async () => ({ path: '/api/v1/settings/approval-policies/campaign', body: { required: false } }),
  'GET /api/v1/approvals': async () => ({ path: '/api/v1/approvals?status=all' }),
  // The template policy is off: submitting is refused as a conflict after the permission check.
  'POST /api/v1/approvals': async () => ({ path: '/api/v1/approvals', body: { kind: 'template', targetId: 'nope' }, alsoOk: [409] }),
  'POST /api/v1/approvals/:id/approve': async () => ({ path: '/api/v1/approvals/nope/approve', body: {}, alsoOk: [404] }),
  'POST /api/v1/approvals/:id/reject': async () => ({ path: '/api/v1/approvals/nope/reject', body: { reason: 'matrix' }, alsoOk: [404] }),
  'POST /api/v1/approvals/:id/withdraw': async () => ({ path: '/api/v1/approvals/nope/withdraw', alsoOk: [404] }),
  'GET /api/v1/audit': async () => ({ path: '/api/v1/audit?limit=5' }),
  'GET /api/v1/audit/verify': async () => ({ path: '/api/v1/audit/verify' }),
  'GET /api/v1/live/snapshot': async () => ({ path: '/api/v1/live/snapshot' }),
  // Agent actions: an admin has the permission but no agent number (409); state conflicts are 409 too.
  'GET /api/v1/agent/me': async () => ({ path: '/api/v1/agent/me', alsoOk: [409] }),
  'POST /api/v1/agent/login': async () => ({ path: '/api/v1/agent/login', body: {}, alsoOk: [409] }),
  'POST /api/v1/agent/logout': async () => ({ path: '/api/v1/agent/logout', alsoOk: [404, 409] }),
  'POST /api/v1/agent/ready': async () => ({ path: '/api/v1/agent/ready', alsoOk: [404, 409] }),
  'POST /api/v1/agent/pause': async () => ({ path: '/api/v1/agent/pause', body: { reason: 'lunch' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/acw/end': async () => ({ path: '/api/v1/agent/acw/end', alsoOk: [404, 409] }),
  'POST /api/v1/agent/acw/extend': async () => ({ path: '/api/v1/agent/acw/extend', body: { seconds: 30, reason: 'notes' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/hold': async () => ({ path: '/api/v1/agent/hold', alsoOk: [404, 409] }),
  'POST /api/v1/agent/unhold': async () => ({ path: '/api/v1/agent/unhold', alsoOk: [404, 409] }),
  'POST /api/v1/agent/hangup': async () => ({ path: '/api/v1/agent/hangup', alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/agents/:agent/pause': async () => ({ path: '/api/v1/supervisor/agents/103/pause', body: { reason: 'training' }, alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/agents/:agent/ready': async () => ({ path: '/api/v1/supervisor/agents/103/ready', alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/agents/:agent/logout': async () => ({ path: '/api/v1/supervisor/agents/103/logout', alsoOk: [404, 409] }),
  'GET /api/v1/agents': async () => ({ path: '/api/v1/agents' }),
  'POST /api/v1/agent/transfer': async () => ({ path: '/api/v1/agent/transfer', body: { queue: 'sales' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/consult': async () => ({ path: '/api/v1/agent/consult', body: { agent: '103' }, alsoOk: [404, 409] }),
  'POST /api/v1/agent/consult/complete': async () => ({ path: '/api/v1/agent/consult/complete', alsoOk: [404, 409] }),
  'POST /api/v1/agent/consult/cancel': async () => ({ path: '/api/v1/agent/consult/cancel', alsoOk: [404, 409] }),
  'POST /api/v1/agent/dial': async () => ({ path: '/api/v1/agent/dial', body: { number: '+994501234567' }, alsoOk: [404, 409] }),
  'POST /api/v1/calls/:id/callback': async () => ({ path: '/api/v1/calls/no-such-call/callback', alsoOk: [404, 409] }),
  'GET /api/v1/calls/live': async () => ({ path: '/api/v1/calls/live' }),
  'POST /api/v1/supervisor/calls/:id/monitor': async () => ({ path: '/api/v1/supervisor/calls/no-such-call/monitor', body: { mode: 'listen', phone: '301' }, alsoOk: [409] }),
  'POST /api/v1/supervisor/calls/:id/give': async () => ({ path: '/api/v1/supervisor/calls/no-such-call/give', body: { agent: '103' }, alsoOk: [404, 409] }),
  'POST /api/v1/supervisor/calls/:id/hangup': async () => ({ path: '/api/v1/supervisor/calls/no-such-call/hangup', alsoOk: [404] }),
  'DELETE /api/v1/supervisor/monitor/:session': async () => ({ path: '/api/v1/supervisor/monitor/nope', alsoOk: [404] }),
  'GET /api/v1/sync/status': async () => ({ path: '/api/v1/sync/status' }),
  'POST /api/v1/sync/run': async () => ({ path: '/api/v1/sync/run', alsoOk: [409, 503] }),
  'GET /api/v1/reference/:dataset': async () => ({ path: '/api/v1/reference/faq' }),
  'GET /api/v1/alerts': async () => ({ path: '/api/v1/alerts' }),
  'GET /api/v1/settings/alerts': async () => ({ path: '/api/v1/settings/alerts' }),
  'PUT /api/v1/settings/alerts': async () => ({ path: '/api/v1/settings/alerts', body: [] }),
  'GET /api/v1/settings/targets': async () => ({ path: '/api/v1/settings/targets' }),
  'PUT /api/v1/settings/targets': async () => ({ path: '/api/v1/settings/targets', body: { queues: [{ queue: 'sales', serviceLevel: 80 }], agents: [{ agent: '*', period: 'day', incomingCalls: 40 }] } }),
  'GET /api/v1/targets/progress': async () => ({ path: '/api/v1/targets/progress?period=week' }),
  'GET /api/v1/kpis': async () => ({ path: '/api/v1/kpis?scope=queue:sales' }),
  'GET /api/v1/calls': async () => ({ path: '/api/v1/calls?limit=5' }),
  'GET /api/v1/calls/:id': async () => ({ path: '/api/v1/calls/no-such-call', alsoOk: [404] }),
  // ── examples: operator records (issue 5) ──
  'GET /api/v1/settings/request-types': async () => ({ path: '/api/v1/settings/request-types?search=matrix&limit=5' }),
  'POST /api/v1/settings/request-types': async () => ({ path: '/api/v1/settings/request-types', body: { name: `Matrix type ${++n}` } }),
  'PATCH /api/v1/settings/request-types/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/request-types/${await newType(app, admin)}`, body: { active: false } }),
  'DELETE /api/v1/settings/request-types/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/request-types/${await newType(app, admin)}` }),
  'GET /api/v1/settings/classifications': async () => ({ path: '/api/v1/settings/classifications?parentId=none&format=csv' }),
  'POST /api/v1/settings/classifications': async ({ app, admin }) => ({ path: '/api/v1/settings/classifications', body: { requestTypeId: await newType(app, admin), name: 'Matrix' } }),
  'PATCH /api/v1/settings/classifications/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/classifications/${await newRef(app, admin, 'classifications', { requestTypeId: await newType(app, admin), name: 'Matrix' })}`,
    body: { name: 'Renamed' },
  }),
  'DELETE /api/v1/settings/classifications/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/classifications/${await newRef(app, admin, 'classifications', { requestTypeId: await newType(app, admin), name: 'Matrix' })}`,
  }),
  'POST /api/v1/settings/classifications/import': async ({ app, admin }) => ({
    path: '/api/v1/settings/classifications/import',
    body: { csv: `requestTypeId,name\r\n${await newType(app, admin)},Imported\r\n` },
  }),
  'GET /api/v1/settings/locations': async () => ({ path: '/api/v1/settings/locations?cityId=none' }),
  'POST /api/v1/settings/locations': async () => ({ path: '/api/v1/settings/locations', body: { name: `Matrix city ${++n}` } }),
  'PATCH /api/v1/settings/locations/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/locations/${await newRef(app, admin, 'locations', { name: `Matrix city ${++n}` })}`, body: { active: false } }),
  'DELETE /api/v1/settings/locations/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/locations/${await newRef(app, admin, 'locations', { name: `Matrix city ${++n}` })}` }),
  'POST /api/v1/settings/locations/import': async () => ({ path: '/api/v1/settings/locations/import', body: { csv: `name\r\nImported city ${++n}\r\n` } }),
  'GET /api/v1/settings/faq': async () => ({ path: '/api/v1/settings/faq?search=matrix' }),
  'POST /api/v1/settings/faq': async () => ({ path: '/api/v1/settings/faq', body: { title: `Matrix question ${++n}`, body: 'Answer' } }),
  'PATCH /api/v1/settings/faq/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/faq/${await newRef(app, admin, 'faq', { title: `Matrix question ${++n}`, body: 'A' })}`, body: { tags: ['x'] } }),
  'DELETE /api/v1/settings/faq/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/faq/${await newRef(app, admin, 'faq', { title: `Matrix question ${++n}`, body: 'A' })}` }),
  'POST /api/v1/settings/faq/import': async () => ({ path: '/api/v1/settings/faq/import', body: { csv: `title,body,tags\r\nImported question ${++n},Answer,a;b\r\n` } }),
  'GET /api/v1/reference-bundle': async () => ({ path: '/api/v1/reference-bundle' }),
  'GET /api/v1/faq': async () => ({ path: '/api/v1/faq?search=question&limit=5' }),
  'GET /api/v1/contacts': async () => ({ path: '/api/v1/contacts?search=matrix&limit=5' }),
  'GET /api/v1/contacts/:id': async ({ app, admin }) => ({ path: `/api/v1/contacts/${await newContact(app, admin)}` }),
  'POST /api/v1/contacts': async () => ({ path: '/api/v1/contacts', body: { name: 'Matrix Contact', phones: ['+994 50 555 00 01'] } }),
  'PATCH /api/v1/contacts/:id': async ({ app, admin }) => ({ path: `/api/v1/contacts/${await newContact(app, admin)}`, body: { note: 'patched' } }),
  'DELETE /api/v1/contacts/:id': async ({ app, admin }) => ({ path: `/api/v1/contacts/${await newContact(app, admin)}` }),
  'POST /api/v1/contacts/merge': async ({ app, admin }) => ({ path: '/api/v1/contacts/merge', body: { keepId: await newContact(app, admin), mergeIds: [await newContact(app, admin)] } }),
  'POST /api/v1/contacts/import': async () => ({ path: '/api/v1/contacts/import', body: { csv: `name,phones\r\nImported ${++n},0505550${String(n).padStart(3, '0')}\r\n` } }),
  'GET /api/v1/screen-pop': async () => ({ path: '/api/v1/screen-pop?number=0505550001' }),
  'POST /api/v1/call-records': async () => ({ path: '/api/v1/call-records', body: { requestTypeId: 'nope', classificationId: 'nope' }, alsoOk: [400] }),
  'GET /api/v1/call-records': async () => ({ path: '/api/v1/call-records?limit=5' }),
  // ── examples: electronic requests (issue 7) ──
  'GET /api/v1/tickets': async () => ({ path: '/api/v1/tickets?view=overdue&format=csv' }),
  'POST /api/v1/tickets': async () => ({ path: '/api/v1/tickets', body: { requestTypeId: 'nope', classificationId: 'nope' }, alsoOk: [400] }),
  'GET /api/v1/tickets/prefill': async () => ({ path: '/api/v1/tickets/prefill?requestTypeId=nope', alsoOk: [404] }),
  'GET /api/v1/tickets/meta': async () => ({ path: '/api/v1/tickets/meta' }),
  'GET /api/v1/tickets/assignees': async () => ({ path: '/api/v1/tickets/assignees?group=sales' }),
  'GET /api/v1/tickets/filters': async () => ({ path: '/api/v1/tickets/filters' }),
  'POST /api/v1/tickets/filters': async () => ({ path: '/api/v1/tickets/filters', body: { name: `Matrix ${++n}`, query: { view: 'mine' } } }),
  'DELETE /api/v1/tickets/filters/:id': async () => ({ path: '/api/v1/tickets/filters/nope', alsoOk: [404] }),
  'GET /api/v1/tickets/:id': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}` }),
  'PATCH /api/v1/tickets/:id': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}`, body: { subject: 'Matrix' } }),
  'GET /api/v1/tickets/:id/history': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}/history` }),
  'POST /api/v1/tickets/:id/status': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}/status`, body: { status: 'in_progress' } }),
  'POST /api/v1/tickets/:id/assign': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}/assign`, body: { group: 'sales' } }),
  'POST /api/v1/tickets/:id/comments': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}/comments`, body: { body: 'Matrix' } }),
  'POST /api/v1/tickets/:id/escalate': async ({ app, admin }) => ({ path: `/api/v1/tickets/${await newTicket(app, admin)}/escalate`, body: {} }),
  // JSON is not a file type attachments take: 415 comes after the permission check.
  'POST /api/v1/tickets/:id/attachments': async () => ({ path: '/api/v1/tickets/nope/attachments?name=a.pdf', body: {}, alsoOk: [415] }),
  'GET /api/v1/tickets/:id/attachments/:attachmentId': async () => ({ path: '/api/v1/tickets/nope/attachments/nope', alsoOk: [404] }),
  'DELETE /api/v1/tickets/:id/attachments/:attachmentId': async () => ({ path: '/api/v1/tickets/nope/attachments/nope', alsoOk: [404] }),
  // ── examples: callbacks and call lists (issue 5) ──
  'GET /api/v1/callbacks': async () => ({ path: '/api/v1/callbacks?status=all&assigned=any' }),
  'GET /api/v1/callbacks/stats': async () => ({ path: '/api/v1/callbacks/stats' }),
  'GET /api/v1/callbacks/:id': async () => ({ path: '/api/v1/callbacks/no-such-entry', alsoOk: [404] }),
  // Accounts without an agent number cannot own a callback (409).
  'POST /api/v1/callbacks': async () => ({ path: '/api/v1/callbacks', body: { number: '0501234567', scheduledFor: new Date(Date.now() + 3_600_000).toISOString() }, alsoOk: [409] }),
  'POST /api/v1/callbacks/:id/call': async () => ({ path: '/api/v1/callbacks/no-such-entry/call', alsoOk: [404, 409] }),
  'POST /api/v1/callbacks/:id/outcome': async () => ({ path: '/api/v1/callbacks/no-such-entry/outcome', body: { outcome: 'no_answer' }, alsoOk: [404] }),
  'POST /api/v1/callbacks/:id/close': async () => ({ path: '/api/v1/callbacks/no-such-entry/close', body: {}, alsoOk: [404] }),
  'POST /api/v1/callbacks/:id/assign': async () => ({ path: '/api/v1/callbacks/no-such-entry/assign', body: { agent: null }, alsoOk: [404] }),
  'POST /api/v1/callbacks/:id/take': async () => ({ path: '/api/v1/callbacks/no-such-entry/take', alsoOk: [404, 409] }),
  'GET /api/v1/call-lists/:kind': async () => ({ path: '/api/v1/call-lists/missed' }),
  'GET /api/v1/calls/:id/recording': async () => ({ path: '/api/v1/calls/no-such-call/recording', alsoOk: [404] }),
  'POST /api/v1/demo/calls': async () => ({ path: '/api/v1/demo/calls', body: { number: '5550199', hangupAfterSeconds: 1 } }),
  'GET /api/v1/demo/pbx': async () => ({ path: '/api/v1/demo/pbx' }),
  // ── examples: admin settings and agent time (issue 6) ──
  'GET /api/v1/settings/pause-reasons': async () => ({ path: '/api/v1/settings/pause-reasons?search=a&active=true&format=csv' }),
  'POST /api/v1/settings/pause-reasons': async () => ({ path: '/api/v1/settings/pause-reasons', body: { code: `matrix_${++n}`, name: { az: 'Matris' } } }),
  'PATCH /api/v1/settings/pause-reasons/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/pause-reasons/${await newRef(app, admin, 'pause-reasons', { code: `matrix_${++n}`, name: { az: 'Matris' } })}`,
    body: { billable: true },
  }),
  'DELETE /api/v1/settings/pause-reasons/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/pause-reasons/${await newRef(app, admin, 'pause-reasons', { code: `matrix_${++n}`, name: { az: 'Matris' } })}` }),
  'POST /api/v1/settings/pause-reasons/import': async () => ({ path: '/api/v1/settings/pause-reasons/import', body: { csv: `code,nameAz,billable\r\nmatrix_${++n},Matris,yes\r\n` } }),
  'GET /api/v1/pause-reasons': async () => ({ path: '/api/v1/pause-reasons' }),
  'GET /api/v1/settings/operator-modes': async () => ({ path: '/api/v1/settings/operator-modes?mode=blended&limit=5' }),
  'PUT /api/v1/settings/operator-modes/:agent': async () => ({ path: '/api/v1/settings/operator-modes/199', body: { mode: 'inbound' } }),
  'DELETE /api/v1/settings/operator-modes/:agent': async () => ({ path: '/api/v1/settings/operator-modes/199' }),
  'GET /api/v1/settings/sounds': async () => ({ path: '/api/v1/settings/sounds?search=matrix' }),
  // JSON is not audio: 415 comes after the permission check.
  'POST /api/v1/settings/sounds': async () => ({ path: '/api/v1/settings/sounds?name=matrix', body: {}, alsoOk: [415] }),
  'PATCH /api/v1/settings/sounds/:id': async () => ({ path: '/api/v1/settings/sounds/no-such-sound', body: { title: 'x' }, alsoOk: [404] }),
  'DELETE /api/v1/settings/sounds/:id': async () => ({ path: '/api/v1/settings/sounds/no-such-sound', alsoOk: [404] }),
  'GET /api/v1/settings/sounds/:id/audio': async () => ({ path: '/api/v1/settings/sounds/no-such-sound/audio', alsoOk: [404] }),
  'GET /api/v1/settings/hours': async () => ({ path: '/api/v1/settings/hours' }),
  'PUT /api/v1/settings/hours': async ({ app, admin }) => ({ path: '/api/v1/settings/hours', body: (await http(app.url, 'GET', '/api/v1/settings/hours', { cookie: admin.cookie })).body }),
  'GET /api/v1/settings/hours/holidays/preset': async () => ({ path: '/api/v1/settings/hours/holidays/preset?year=2027' }),
  'POST /api/v1/settings/hours/holidays/preset': async () => ({ path: '/api/v1/settings/hours/holidays/preset?year=2026' }),
  'GET /api/v1/settings/templates': async () => ({ path: '/api/v1/settings/templates?channel=sms&format=csv' }),
  'POST /api/v1/settings/templates': async () => ({ path: '/api/v1/settings/templates', body: { name: `Matrix ${++n}`, channel: 'sms', body: 'Salam {{contact.name}}' } }),
  'PATCH /api/v1/settings/templates/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/templates/${await newRef(app, admin, 'templates', { name: `Matrix ${++n}`, channel: 'sms', body: 'x' })}`,
    body: { body: 'Zəng {{call.number}}' },
  }),
  'DELETE /api/v1/settings/templates/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/templates/${await newRef(app, admin, 'templates', { name: `Matrix ${++n}`, channel: 'sms', body: 'x' })}` }),
  'POST /api/v1/settings/templates/import': async () => ({ path: '/api/v1/settings/templates/import', body: { csv: `channel,name,body\r\nsms,Matrix ${++n},Salam {{contact.name}}\r\n` } }),
  'POST /api/v1/settings/templates/preview': async () => ({ path: '/api/v1/settings/templates/preview', body: { channel: 'sms', body: 'Salam {{contact.name}}' } }),
  'POST /api/v1/settings/templates/:id/preview': async ({ app, admin }) => ({
    path: `/api/v1/settings/templates/${await newRef(app, admin, 'templates', { name: `Matrix ${++n}`, channel: 'sms', body: '{{request.id}}' })}/preview`,
    body: {},
  }),
  'GET /api/v1/settings/evaluation-criteria': async () => ({ path: '/api/v1/settings/evaluation-criteria?format=csv' }),
  'POST /api/v1/settings/evaluation-criteria': async () => ({ path: '/api/v1/settings/evaluation-criteria', body: { name: `Matrix criterion ${++n}`, weight: 2 } }),
  'PATCH /api/v1/settings/evaluation-criteria/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/evaluation-criteria/${await newRef(app, admin, 'evaluation-criteria', { name: `Matrix criterion ${++n}` })}`,
    body: { maxScore: 10 },
  }),
  'DELETE /api/v1/settings/evaluation-criteria/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/evaluation-criteria/${await newRef(app, admin, 'evaluation-criteria', { name: `Matrix criterion ${++n}` })}` }),
  'POST /api/v1/settings/evaluation-criteria/import': async () => ({ path: '/api/v1/settings/evaluation-criteria/import', body: { csv: `name,weight,maxScore\r\nMatrix imported ${++n},3,5\r\n` } }),
  'GET /api/v1/settings/evaluation-forms': async () => ({ path: '/api/v1/settings/evaluation-forms?active=true' }),
  'POST /api/v1/settings/evaluation-forms': async ({ app, admin }) => ({
    path: '/api/v1/settings/evaluation-forms',
    body: { name: `Matrix form ${++n}`, criteria: [await newRef(app, admin, 'evaluation-criteria', { name: `Matrix criterion ${++n}` })] },
  }),
  'PATCH /api/v1/settings/evaluation-forms/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/evaluation-forms/${await newRef(app, admin, 'evaluation-forms', { name: `Matrix form ${++n}`, active: false })}`,
    body: { description: 'patched' },
  }),
  'DELETE /api/v1/settings/evaluation-forms/:id': async ({ app, admin }) => ({ path: `/api/v1/settings/evaluation-forms/${await newRef(app, admin, 'evaluation-forms', { name: `Matrix form ${++n}`, active: false })}` }),
  'GET /api/v1/settings/ticket-statuses': async () => ({ path: '/api/v1/settings/ticket-statuses?kind=open' }),
  'POST /api/v1/settings/ticket-statuses': async () => ({ path: '/api/v1/settings/ticket-statuses', body: { code: `matrix_${++n}`, name: { az: 'Matris' }, kind: 'open', from: ['new'] } }),
  'PATCH /api/v1/settings/ticket-statuses/:id': async () => ({ path: '/api/v1/settings/ticket-statuses/in_progress', body: { sort: 20 } }),
  'DELETE /api/v1/settings/ticket-statuses/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/ticket-statuses/${await newRef(app, admin, 'ticket-statuses', { code: `matrix_${++n}`, name: { az: 'Matris' }, kind: 'open', active: false })}`,
  }),
  'GET /api/v1/settings/ticket-transitions': async () => ({ path: '/api/v1/settings/ticket-transitions?from=new' }),
  'POST /api/v1/settings/ticket-transitions': async ({ app, admin }) => ({
    path: '/api/v1/settings/ticket-transitions',
    body: { from: 'in_progress', to: await newRef(app, admin, 'ticket-statuses', { code: `matrix_${++n}`, name: { az: 'Matris' }, kind: 'open', from: ['new'] }) },
  }),
  'DELETE /api/v1/settings/ticket-transitions/:id': async ({ app, admin }) => ({
    path: `/api/v1/settings/ticket-transitions/${encodeURIComponent(`in_progress>${await newRef(app, admin, 'ticket-statuses', { code: `matrix_${++n}`, name: { az: 'Matris' }, kind: 'open', from: ['new', 'in_progress'] })}`)}`,
  }),
  'GET /api/v1/settings/ticket-workflow': async () => ({ path: '/api/v1/settings/ticket-workflow' }),
  'PUT /api/v1/settings/ticket-workflow': async ({ app, admin }) => {
    const w = (await http(app.url, 'GET', '/api/v1/settings/ticket-workflow', { cookie: admin.cookie })).body;
    return {
      path: '/api/v1/settings/ticket-workflow',
      body: { statuses: w.statuses.map(({ id: _id, updatedAt: _u, ...s }: Record<string, unknown>) => s), transitions: w.transitions.map((t: { from: string; to: string }) => ({ from: t.from, to: t.to })) },
    };
  },
  'GET /api/v1/reports/agent-time': async () => ({ path: '/api/v1/reports/agent-time' }),
  'GET /api/v1/settings/acd': async () => ({ path: '/api/v1/settings/acd' }),
  'PUT /api/v1/settings/acd': async ({ app, admin }) => ({
    path: '/api/v1/settings/acd',
    body: (await http(app.url, 'GET', '/api/v1/settings/acd', { cookie: admin.cookie })).body,
  }),
};

function expected(access: string, role: Role): 'ok' | 401 | 403 {
  if (access === 'public') return 'ok';
  if (role === 'anonymous') return 401;
  if (access === 'authenticated') return 'ok';
  return (DEFAULT_PROFILE_PERMISSIONS[role] as readonly string[]).includes(access as Permission) ? 'ok' : 403;
}

test('every route answers 401/403/2xx by role', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const missing = app.routes.map((r) => `${r.method} ${r.path}`).filter((k) => !EXAMPLES[k]);
    assert.equal(missing, [], 'routes without an example in the matrix');
    const failures: string[] = [];
    const sessions: Partial<Record<Role, Session>> = {};
    for (const route of app.routes) {
      for (const role of ['anonymous', 'operator', 'supervisor', 'admin'] as Role[]) {
        // Logout ends its session, so it gets a fresh one; other routes share one session per role.
        const fresh = route.path === '/api/v1/auth/logout';
        const session = role === 'anonymous' ? null : fresh ? await login(app.url, DEMO[role][0], DEMO[role][1]) : (sessions[role] ??= await login(app.url, DEMO[role][0], DEMO[role][1]));
        const { path, body, alsoOk = [] } = await EXAMPLES[`${route.method} ${route.path}`]({ app, admin, role });
        const res = await http(app.url, route.method, path, { cookie: session?.cookie, body });
        const want = expected(route.access, role);
        const ok = want === 'ok' ? (res.status >= 200 && res.status < 300) || alsoOk.includes(res.status) : res.status === want;
        if (!ok) failures.push(`${route.method} ${route.path} as ${role}: got ${res.status}, want ${want} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (want !== 'ok') assert.is(res.body?.error?.id, want === 401 ? 'not_authenticated' : 'forbidden');
      }
    }
    assert.equal(failures, []);
  } finally {
    await app.close();
  }
});

test('a profile that loses a permission gets 403 on its routes at once', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const users = await http(app.url, 'GET', '/api/v1/users?search=supervisor', { cookie: admin.cookie });
    const sup = users.body.items.find((u: { username: string }) => u.username === 'supervisor');
    const supSession = await login(app.url, ...DEMO.supervisor);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: supSession.cookie })).status, 200);
    // Turning the supervisor into an operator ends the session: roles cannot be kept by an old cookie.
    const patched = await http(app.url, 'PATCH', `/api/v1/users/${sup.id}`, { cookie: admin.cookie, body: { profile: 'operator' } });
    assert.is(patched.status, 200);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: supSession.cookie })).status, 401);
    const again = await login(app.url, ...DEMO.supervisor);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: again.cookie })).status, 403);
  } finally {
    await app.close();
  }
});

test('a custom profile that loses a permission gets 403 on its routes at once, in the same session', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const made = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: 'Auditor', kind: 'supervisor', permissions: ['self:read', 'audit:read', 'contacts:read'] } });
    assert.is(made.status, 201, JSON.stringify(made.body));
    const user = await http(app.url, 'POST', '/api/v1/users', { cookie: admin.cookie, body: { username: 'auditor', displayName: 'Auditor', password: 'auditor-password', profile: 'Auditor' } });
    assert.is(user.status, 201, JSON.stringify(user.body));
    const auditor = await login(app.url, 'auditor', 'auditor-password');
    assert.equal(auditor.user.permissions, ['self:read', 'contacts:read', 'audit:read']);
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: auditor.cookie })).status, 200);
    assert.is((await http(app.url, 'GET', '/api/v1/contacts', { cookie: auditor.cookie })).status, 200);
    assert.is((await http(app.url, 'GET', '/api/v1/users', { cookie: auditor.cookie })).status, 403, 'never had users:manage');

    const patched = await http(app.url, 'PATCH', `/api/v1/profiles/${made.body.id}`, { cookie: admin.cookie, body: { permissions: ['self:read', 'contacts:read'] } });
    assert.is(patched.status, 200, JSON.stringify(patched.body));
    // The session stays (the user did not change); the permission is gone from the next request on.
    const denied = await http(app.url, 'GET', '/api/v1/audit', { cookie: auditor.cookie });
    assert.is(denied.status, 403);
    assert.is(denied.body.error.id, 'forbidden');
    assert.is((await http(app.url, 'GET', '/api/v1/contacts', { cookie: auditor.cookie })).status, 200, 'what it kept still works');
    const me = await http(app.url, 'GET', '/api/v1/auth/me', { cookie: auditor.cookie });
    assert.equal(me.body.user.permissions, ['self:read', 'contacts:read']);

    // Given back, it works again at once; the change is audited with before and after.
    await http(app.url, 'PATCH', `/api/v1/profiles/${made.body.id}`, { cookie: admin.cookie, body: { permissions: ['self:read', 'contacts:read', 'audit:read'] } });
    assert.is((await http(app.url, 'GET', '/api/v1/audit', { cookie: auditor.cookie })).status, 200);
    const log = await http(app.url, 'GET', '/api/v1/audit?action=profile.update&limit=5', { cookie: admin.cookie });
    assert.ok(log.body.items.some((e: { action: string; targetId: string }) => e.action === 'profile.update' && e.targetId === made.body.id), JSON.stringify(log.body).slice(0, 300));
  } finally {
    await app.close();
  }
});

test('profiles in use, built-ins and the last managers are protected', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const list = (await http(app.url, 'GET', '/api/v1/profiles', { cookie: admin.cookie })).body.items as { id: string; name: string; users: number; builtin: boolean }[];
    const adminProfile = list.find((p) => p.name === 'admin')!;
    assert.ok(adminProfile.builtin && adminProfile.users >= 1);
    // The only managers are on "admin": taking users:manage from it would lock everybody out.
    const lockout = await http(app.url, 'PATCH', `/api/v1/profiles/${adminProfile.id}`, { cookie: admin.cookie, body: { permissions: ['self:read', 'settings:manage'] } });
    assert.is(lockout.status, 400);
    assert.is(lockout.body.error.details[0].field, 'permissions');
    assert.match(lockout.body.error.message, /users:manage and settings:manage/);
    assert.is((await http(app.url, 'PATCH', `/api/v1/profiles/${adminProfile.id}`, { cookie: admin.cookie, body: { name: 'root' } })).body.error.details[0].field, 'name');
    assert.is((await http(app.url, 'DELETE', `/api/v1/profiles/${adminProfile.id}`, { cookie: admin.cookie })).status, 409);

    // A second profile of managers with a user on it: now the built-in admin may lose the permission.
    const managers = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: 'Managers', kind: 'admin', permissions: ['self:read', 'users:manage', 'settings:manage'] } });
    assert.is(managers.status, 201);
    assert.is((await http(app.url, 'DELETE', `/api/v1/profiles/${managers.body.id}`, { cookie: admin.cookie })).status, 204, 'unused: deleted');
    const again = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: 'Managers', kind: 'admin', permissions: ['self:read', 'users:manage', 'settings:manage'] } });
    await http(app.url, 'POST', '/api/v1/users', { cookie: admin.cookie, body: { username: 'manager', displayName: 'M', password: 'manager-password', profile: 'Managers' } });
    const inUse = await http(app.url, 'DELETE', `/api/v1/profiles/${again.body.id}`, { cookie: admin.cookie });
    assert.is(inUse.status, 409);
    assert.is(inUse.body.error.id, 'in_use');
    const dup = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: 'managers', kind: 'operator', permissions: ['self:read'] } });
    assert.is(dup.status, 409, 'names are unique regardless of case');
    const noSelf = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: 'Nobody', kind: 'operator', permissions: ['calls:read'] } });
    assert.is(noSelf.status, 400);
    assert.is(noSelf.body.error.details[0].field, 'permissions');
    assert.is((await http(app.url, 'PATCH', `/api/v1/profiles/${adminProfile.id}`, { cookie: admin.cookie, body: { permissions: ['self:read', 'settings:manage'] } })).status, 200);
  } finally {
    await app.close();
  }
});

test.run();

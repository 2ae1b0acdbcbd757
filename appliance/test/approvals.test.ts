/**
 * Approvals (issue 6): with a policy, a new template or evaluation form is a
 * draft and inactive, so nothing uses it (a request type's template does not
 * pre-fill tickets); it is submitted, decided by the profiles the policy
 * names (never by the submitter unless allowed), audited, and active the
 * moment it is approved. A change sends it back to draft.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';

async function profileId(app: TestAppliance, admin: Session, name: string): Promise<string> {
  const list = await http(app.url, 'GET', '/api/v1/profiles', { cookie: admin.cookie });
  return list.body.items.find((p: { name: string }) => p.name === name).id;
}

test('a template that needs approval is unusable until approved; the supervisor approves, the submitter cannot', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const supervisor = await login(app.url, ...DEMO.supervisor);
    const operator = await login(app.url, ...DEMO.operator);
    const badPolicy = await http(app.url, 'PUT', '/api/v1/settings/approval-policies/template', { cookie: admin.cookie, body: { required: true, approverProfiles: [] } });
    assert.is(badPolicy.status, 400);
    assert.is(badPolicy.body.error.details[0].field, 'approverProfiles');
    const policy = await http(app.url, 'PUT', '/api/v1/settings/approval-policies/template', {
      cookie: admin.cookie,
      body: { required: true, approverProfiles: [await profileId(app, admin, 'supervisor')], approvalsNeeded: 1 },
    });
    assert.is(policy.status, 200, JSON.stringify(policy.body));

    // A request template and a request type that pre-fills tickets with it.
    const tpl = await http(app.url, 'POST', '/api/v1/settings/templates', { cookie: admin.cookie, body: { name: 'Şikayət forması', channel: 'request', body: 'Müştəri {{contact.name}} zəng etdi' } });
    assert.is(tpl.status, 201, JSON.stringify(tpl.body));
    assert.is(tpl.body.approval, 'draft');
    assert.is(tpl.body.active, false, 'a draft is never active');
    const type = await http(app.url, 'POST', '/api/v1/settings/request-types', { cookie: admin.cookie, body: { name: 'Şikayət', ticket: { templateId: tpl.body.id } } });
    assert.is(type.status, 201, JSON.stringify(type.body));
    const prefill = () => http(app.url, 'GET', `/api/v1/tickets/prefill?requestTypeId=${type.body.id}`, { cookie: operator.cookie });
    assert.is((await prefill()).body.description, '', 'the unapproved template pre-fills nothing');
    const forced = await http(app.url, 'PATCH', `/api/v1/settings/templates/${tpl.body.id}`, { cookie: admin.cookie, body: { active: true } });
    assert.is(forced.status, 400);
    assert.is(forced.body.error.details[0].field, 'active');

    // Submitted: pending; the admin who submitted is not an approver, the operator neither.
    const submitted = await http(app.url, 'POST', '/api/v1/approvals', { cookie: admin.cookie, body: { kind: 'template', targetId: tpl.body.id, note: 'yeni mətn' } });
    assert.is(submitted.status, 201, JSON.stringify(submitted.body));
    assert.is(submitted.body.status, 'pending');
    const id = submitted.body.id as string;
    assert.is((await http(app.url, 'POST', '/api/v1/approvals', { cookie: admin.cookie, body: { kind: 'template', targetId: tpl.body.id } })).status, 409, 'once is enough');
    assert.is((await http(app.url, 'DELETE', `/api/v1/settings/templates/${tpl.body.id}`, { cookie: admin.cookie })).status, 409, 'a pending item is kept');
    assert.is((await http(app.url, 'POST', `/api/v1/approvals/${id}/approve`, { cookie: operator.cookie, body: {} })).status, 403);
    assert.is((await http(app.url, 'POST', `/api/v1/approvals/${id}/approve`, { cookie: admin.cookie, body: {} })).status, 403);
    const queue = await http(app.url, 'GET', '/api/v1/approvals', { cookie: supervisor.cookie });
    assert.equal(queue.body.items.map((r: { id: string; canDecide: boolean }) => [r.id, r.canDecide]), [[id, true]]);
    assert.equal((await http(app.url, 'GET', '/api/v1/approvals', { cookie: operator.cookie })).body.items, [], 'others see nothing');

    const rejected = await http(app.url, 'POST', `/api/v1/approvals/${id}/reject`, { cookie: supervisor.cookie, body: { reason: '' } });
    assert.is(rejected.status, 400, 'a rejection says why');
    const approved = await http(app.url, 'POST', `/api/v1/approvals/${id}/approve`, { cookie: supervisor.cookie, body: { comment: 'ok' } });
    assert.is(approved.status, 200, JSON.stringify(approved.body));
    assert.is(approved.body.status, 'approved');
    const now = await http(app.url, 'GET', `/api/v1/settings/templates?search=Şikayət`, { cookie: admin.cookie });
    assert.equal([now.body.items[0].approval, now.body.items[0].active], ['approved', true]);
    assert.match((await prefill()).body.description, /zəng etdi/, 'approved: usable at once');

    // Changing the text sends it back to draft: inactive again until approved again.
    const changed = await http(app.url, 'PATCH', `/api/v1/settings/templates/${tpl.body.id}`, { cookie: admin.cookie, body: { body: 'Yeni: {{contact.name}}' } });
    assert.equal([changed.body.approval, changed.body.active], ['draft', false]);
    assert.is((await prefill()).body.description, '');
    const again = await http(app.url, 'POST', '/api/v1/approvals', { cookie: admin.cookie, body: { kind: 'template', targetId: tpl.body.id } });
    const no = await http(app.url, 'POST', `/api/v1/approvals/${again.body.id}/reject`, { cookie: supervisor.cookie, body: { reason: 'Səhv mətn' } });
    assert.equal([no.body.status, no.body.reason], ['rejected', 'Səhv mətn']);
    const after = await http(app.url, 'GET', `/api/v1/settings/templates?search=Şikayət`, { cookie: admin.cookie });
    assert.equal([after.body.items[0].approval, after.body.items[0].active], ['rejected', false]);

    const audit = await http(app.url, 'GET', '/api/v1/audit?limit=50', { cookie: admin.cookie });
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    for (const a of ['approval.submit', 'approval.approve', 'approval.reject', 'settings.approval_policy.update']) assert.ok(actions.includes(a), a);
    // The approving profile cannot be deleted while a policy names it (built-in anyway); campaigns are not there yet.
    const campaign = await http(app.url, 'POST', '/api/v1/approvals', { cookie: admin.cookie, body: { kind: 'campaign', targetId: 'c1' } });
    assert.is(campaign.status, 400);
    assert.match(campaign.body.error.message, /campaigns do not exist yet/);
  } finally {
    await app.close();
  }
});

test('evaluation forms: two approvals needed, self-approval when the policy allows it', async () => {
  const app = await startTestAppliance();
  try {
    const admin = await login(app.url, ...DEMO.admin);
    const supervisor = await login(app.url, ...DEMO.supervisor);
    const ids = [await profileId(app, admin, 'admin'), await profileId(app, admin, 'supervisor')];
    await http(app.url, 'PUT', '/api/v1/settings/approval-policies/evaluation_form', { cookie: admin.cookie, body: { required: true, approverProfiles: ids, approvalsNeeded: 2, allowSelfApproval: true } });
    const criterion = await http(app.url, 'POST', '/api/v1/settings/evaluation-criteria', { cookie: admin.cookie, body: { name: 'Salamlama' } });
    const form = await http(app.url, 'POST', '/api/v1/settings/evaluation-forms', { cookie: admin.cookie, body: { name: 'Zəng keyfiyyəti', criteria: [criterion.body.id] } });
    assert.equal([form.body.approval, form.body.active], ['draft', false]);
    const r = await http(app.url, 'POST', '/api/v1/approvals', { cookie: admin.cookie, body: { kind: 'evaluation_form', targetId: form.body.id } });
    const first = await http(app.url, 'POST', `/api/v1/approvals/${r.body.id}/approve`, { cookie: admin.cookie, body: {} });
    assert.is(first.body.status, 'pending', 'one of two approvals');
    assert.is((await http(app.url, 'POST', `/api/v1/approvals/${r.body.id}/approve`, { cookie: admin.cookie, body: {} })).status, 403, 'the same person counts once');
    const active = await http(app.url, 'GET', '/api/v1/settings/evaluation-forms?active=true', { cookie: admin.cookie });
    assert.not.ok(active.body.items.some((f: { id: string }) => f.id === form.body.id), 'not offered yet');
    const second = await http(app.url, 'POST', `/api/v1/approvals/${r.body.id}/approve`, { cookie: supervisor.cookie, body: {} });
    assert.is(second.body.status, 'approved');
    const offered = await http(app.url, 'GET', '/api/v1/settings/evaluation-forms?active=true', { cookie: admin.cookie });
    assert.ok(offered.body.items.some((f: { id: string }) => f.id === form.body.id), 'offered once approved');
    // A profile named by a policy cannot be deleted.
    const p = await http(app.url, 'POST', '/api/v1/profiles', { cookie: admin.cookie, body: { name: 'QA', kind: 'supervisor', permissions: ['self:read'] } });
    await http(app.url, 'PUT', '/api/v1/settings/approval-policies/evaluation_form', { cookie: admin.cookie, body: { required: true, approverProfiles: [p.body.id] } });
    const del = await http(app.url, 'DELETE', `/api/v1/profiles/${p.body.id}`, { cookie: admin.cookie });
    assert.is(del.status, 409);
    assert.match(del.body.error.message, /approval polic/);
  } finally {
    await app.close();
  }
});

test.run();

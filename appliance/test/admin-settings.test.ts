/**
 * The admin settings of issue 6 over HTTP: validation with clear messages,
 * search and paging, CSV import/export (a bad row named by line and field,
 * nothing half-imported), in-use refusals, and an audit entry per write.
 * Their effect on calls is proven in acd/admin-settings.test.ts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canTransition, type TicketWorkflow } from '@edgecall/contracts';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';

const t = suite<{ app: TestAppliance; admin: Session }>('admin settings');
t.before(async (ctx) => {
  ctx.app = await startTestAppliance();
  ctx.admin = await login(ctx.app.url, ...DEMO.admin);
});
t.after(async (ctx) => ctx.app.close());

const api = (ctx: { app: TestAppliance; admin: Session }) => (method: string, path: string, body?: unknown) => http(ctx.app.url, method, `/api/v1/settings/${path}`, { cookie: ctx.admin.cookie, body });
const auditTotal = async (ctx: { app: TestAppliance; admin: Session }) => (await http(ctx.app.url, 'GET', '/api/v1/audit?limit=1', { cookie: ctx.admin.cookie })).body.total as number;

t('pause reasons: the seeded menu, validation, search and paging, CSV with a bad row named', async (ctx) => {
  const call = api(ctx);
  const seeded = await call('GET', 'pause-reasons');
  assert.equal(seeded.body.items.map((r: any) => r.code), ['break', 'lunch', 'training', 'meeting', 'technical']);
  assert.equal(seeded.body.items.find((r: any) => r.code === 'lunch').name, { az: 'Nahar', en: 'Lunch', ru: 'Обед' });

  const noName = await call('POST', 'pause-reasons', { code: 'prayer', name: { az: ' ' } });
  assert.is(noName.status, 400);
  assert.ok(noName.body.error.details.some((d: any) => d.path === 'name.az' && /Azerbaijani name is required/.test(d.message)));
  const system = await call('POST', 'pause-reasons', { code: 'login', name: { az: 'Giriş' } });
  assert.is(system.status, 400);
  assert.match(system.body.error.message, /code: login is a reason the system sets by itself/);
  assert.is((await call('POST', 'pause-reasons', { code: 'prayer', name: { az: 'Namaz', ru: 'Молитва' }, sort: 60 })).status, 201);
  const dup = await call('POST', 'pause-reasons', { code: 'prayer', name: { az: 'Namaz' } });
  assert.is(dup.status, 409);

  const found = await call('GET', 'pause-reasons?search=molitva');
  assert.is(found.body.total, 0, 'search folds Azerbaijani, not transliterates');
  assert.equal((await call('GET', 'pause-reasons?search=NAMAZ')).body.items.map((r: any) => r.code), ['prayer']);
  const page = await call('GET', 'pause-reasons?limit=2&offset=2');
  assert.equal([page.body.total, page.body.items.map((r: any) => r.code)], [6, ['training', 'meeting']]);
  assert.equal((await call('GET', 'pause-reasons?billable=false')).body.items.map((r: any) => r.code), ['lunch', 'prayer']);

  const csv = await http(ctx.app.url, 'GET', '/api/v1/settings/pause-reasons?format=csv', { cookie: ctx.admin.cookie });
  assert.match(csv.body, /^\ufeff?code,nameAz,nameEn,nameRu,billable,active,sort\r\nbreak,Qısa fasilə,Break,Перерыв,true,true,10\r\n/);
  const before = await auditTotal(ctx);
  const bad = await call('POST', 'pause-reasons/import', { csv: 'code,nameAz,billable\r\ncoaching,Kouçinq,yes\r\nbriefing,,no\r\nsmoke,Siqaret,maybe\r\n' });
  assert.is(bad.status, 400);
  assert.match(bad.body.error.message, /2 rows of the file are not valid; nothing was imported/);
  assert.equal(bad.body.error.details, [
    { line: 3, message: 'nameAz: the Azerbaijani name is required' },
    { line: 4, message: 'billable: “maybe” is not true or false' },
  ]);
  assert.is((await call('GET', 'pause-reasons?search=coaching')).body.total, 0, 'nothing half-imported');
  assert.is(await auditTotal(ctx), before, 'a refused import audits nothing');
  const good = await call('POST', 'pause-reasons/import', { csv: 'code,nameAz,billable\r\ncoaching,Kouçinq,yes\r\nlunch,Nahar fasiləsi,no\r\n' });
  assert.equal(good.body, { created: 1, updated: 1, unchanged: 0 });
  const roundTrip = await call('POST', 'pause-reasons/import', { csv: (await http(ctx.app.url, 'GET', '/api/v1/settings/pause-reasons?format=csv', { cookie: ctx.admin.cookie })).body });
  assert.equal(roundTrip.body, { created: 0, updated: 0, unchanged: 7 });
  assert.is((await call('DELETE', 'pause-reasons/prayer')).status, 204, 'an unused reason can go');
});

t('templates: placeholders checked by name, previews with sample data, CSV', async (ctx) => {
  const call = api(ctx);
  const unknown = await call('POST', 'templates', { name: 'Callback', channel: 'sms', body: 'Hörmətli {{contact.nmae}}, sizə zəng edəcəyik' });
  assert.is(unknown.status, 400);
  assert.match(unknown.body.error.message, /body: unknown placeholder \{\{contact\.nmae\}\}; known: \{\{contact\.name\}\}/);
  const mail = await call('POST', 'templates', { name: 'Mail', channel: 'email', body: 'x' });
  assert.match(mail.body.error.message, /subject: an e-mail template needs a subject/);
  const sms = await call('POST', 'templates', { name: 'Callback', channel: 'sms', body: 'Hörmətli {{contact.name}}, {{ call.number }} nömrəsinə müraciət {{request.id}} üzrə zəng edəcəyik' });
  assert.is(sms.status, 201, JSON.stringify(sms.body));
  const preview = await call('POST', `templates/${sms.body.id}/preview`, { values: { 'request.id': 'R-7' } });
  assert.is(preview.body.body, 'Hörmətli Aysel Məmmədova, +994501234567 nömrəsinə müraciət R-7 üzrə zəng edəcəyik');
  assert.equal(preview.body.placeholders, ['contact.name', 'call.number', 'request.id']);
  assert.is(preview.body.smsParts, 2);
  const badValue = await call('POST', `templates/${sms.body.id}/preview`, { values: { 'contact.age': '30' } });
  assert.is(badValue.status, 400);
  assert.match(badValue.body.error.message, /unknown placeholder \{\{contact\.age\}\}/);
  const unsaved = await call('POST', 'templates/preview', { channel: 'email', subject: 'Müraciət {{request.id}}', body: 'Status: {{request.status}}' });
  assert.equal([unsaved.body.subject, unsaved.body.body], ['Müraciət R-2026-000123', 'Status: İcrada']);
  const unsavedBad = await call('POST', 'templates/preview', { channel: 'sms', body: 'Salam {{ticket.id}}' });
  assert.is(unsavedBad.status, 400);
  assert.match(unsavedBad.body.error.message, /\{\{ticket\.id\}\}/);
  assert.is((await call('PATCH', `templates/${sms.body.id}`, { body: 'Salam {{agent.nam}}' })).status, 400);

  const imp = await call('POST', 'templates/import', { csv: 'channel,name,subject,body\r\nemail,Receipt,Müraciət {{request.id}},Qəbul edildi\r\nfax,Old,,x\r\nsms,Hi,,Salam {{contact.nme}}\r\n' });
  assert.is(imp.status, 400);
  assert.is(imp.body.error.details.length, 2);
  assert.equal(imp.body.error.details.map((d: any) => d.line), [3, 4]);
  assert.match(imp.body.error.details[0].message, /^channel: /);
  assert.match(imp.body.error.details[1].message, /^body: unknown placeholder \{\{contact\.nme\}\}/);
  assert.equal((await call('POST', 'templates/import', { csv: 'channel,name,subject,body\r\nemail,Receipt,Müraciət {{request.id}},Qəbul edildi\r\n' })).body, { created: 1, updated: 0, unchanged: 0 });
  const list = await call('GET', 'templates?channel=email');
  assert.equal(list.body.items.map((x: any) => x.name), ['Receipt']);
});

t('evaluation: criteria with weight and maximum, forms that keep an active criterion, CSV', async (ctx) => {
  const call = api(ctx);
  const greet = (await call('POST', 'evaluation-criteria', { name: 'Salamlama', weight: 2, maxScore: 5 })).body;
  const solve = (await call('POST', 'evaluation-criteria', { name: 'Həll', weight: 3, maxScore: 10 })).body;
  assert.is((await call('POST', 'evaluation-criteria', { name: 'salamlama' })).status, 409, 'names are unique, folded');
  assert.is((await call('PATCH', `evaluation-criteria/${solve.id}`, { description: 'Problem həll olundu' })).status, 200);
  assert.is((await call('POST', 'evaluation-criteria', { name: 'Zero', weight: 0 })).status, 400);
  const empty = await call('POST', 'evaluation-forms', { name: 'Empty', criteria: [] });
  assert.is(empty.status, 400);
  assert.match(empty.body.error.message, /an active form needs at least one active criterion/);
  const form = await call('POST', 'evaluation-forms', { name: 'Zəng keyfiyyəti', criteria: [greet.id, solve.id] });
  assert.is(form.status, 201, JSON.stringify(form.body));
  assert.is((await call('PATCH', `evaluation-forms/${form.body.id}`, { criteria: [] })).status, 400);
  assert.is((await call('PATCH', `evaluation-forms/${form.body.id}`, { criteria: [solve.id] })).status, 200);
  const off = await call('PATCH', `evaluation-criteria/${solve.id}`, { active: false });
  assert.is(off.status, 400);
  assert.match(off.body.error.message, /the active form “Zəng keyfiyyəti” would be left without an active criterion/);
  const del = await call('DELETE', `evaluation-criteria/${solve.id}`);
  assert.is(del.status, 409);
  assert.match(del.body.error.message, /in use \(1 form \(“Zəng keyfiyyəti”\)\)/);
  assert.is((await call('DELETE', `evaluation-criteria/${greet.id}`)).status, 204);

  const imp = await call('POST', 'evaluation-criteria/import', { csv: 'name,weight,maxScore\r\nEmpatiya,2,5\r\nSürət,abc,5\r\n' });
  assert.equal(imp.body.error.details, [{ line: 3, message: 'weight: “abc” is not a whole number from 1 to 100' }]);
  assert.equal((await call('POST', 'evaluation-criteria/import', { csv: 'name,weight,maxScore\r\nEmpatiya,2,5\r\nHəll,4,\r\n' })).body, { created: 1, updated: 1, unchanged: 0 });
  const all = (await call('GET', 'evaluation-criteria?format=csv')).body as string;
  assert.match(all, /Həll,Problem həll olundu,4,10,true/);
});

t('ticket statuses: one initial, every status reachable, closed stays closed unless reopening is allowed', async (ctx) => {
  const call = api(ctx);
  const wf = (await call('GET', 'ticket-workflow')).body;
  assert.equal(wf.problems, []);
  const flow: TicketWorkflow = wf;
  assert.ok(canTransition(flow, 'new', 'in_progress'));
  assert.ok(canTransition(flow, 'resolved', 'in_progress'), 'resolved allows reopening');
  assert.not.ok(canTransition(flow, 'closed', 'in_progress'));

  const lonely = await call('POST', 'ticket-statuses', { code: 'escalated', name: { az: 'Eskalasiya' }, kind: 'open' });
  assert.is(lonely.status, 400);
  assert.match(lonely.body.error.message, /status escalated cannot be reached from the initial status new/);
  const esc = await call('POST', 'ticket-statuses', { code: 'escalated', name: { az: 'Eskalasiya', en: 'Escalated' }, kind: 'open', from: ['in_progress'], to: ['resolved'] });
  assert.is(esc.status, 201, JSON.stringify(esc.body));
  const twoInitial = await call('PATCH', 'ticket-statuses/escalated', { initial: true });
  assert.match(twoInitial.body.error.message, /exactly one status must be the initial one; new, escalated are/);
  const closedOut = await call('POST', 'ticket-transitions', { from: 'closed', to: 'new' });
  assert.is(closedOut.status, 400);
  assert.match(closedOut.body.error.message, /status closed is closed: it has no way out unless reopening it is allowed/);
  const noReopen = await call('PATCH', 'ticket-statuses/resolved', { allowReopen: false });
  assert.match(noReopen.body.error.message, /status resolved is closed/);
  const inUse = await call('DELETE', 'ticket-statuses/escalated');
  assert.is(inUse.status, 409);
  assert.match(inUse.body.error.message, /in use \(2 transitions \(escalated → resolved, in_progress → escalated\)\)/);
  const cut = await call('DELETE', `ticket-transitions/${encodeURIComponent('in_progress>escalated')}`);
  assert.is(cut.status, 400);
  assert.match(cut.body.error.message, /cannot go: .*status escalated cannot be reached/);
  // Retire it first, then its transitions and itself can go.
  assert.is((await call('PATCH', 'ticket-statuses/escalated', { active: false })).status, 200);
  assert.is((await call('DELETE', `ticket-transitions/${encodeURIComponent('in_progress>escalated')}`)).status, 204);
  assert.is((await call('DELETE', `ticket-transitions/${encodeURIComponent('escalated>resolved')}`)).status, 204);
  assert.is((await call('DELETE', 'ticket-statuses/escalated')).status, 204);

  const replaced = await call('PUT', 'ticket-workflow', {
    statuses: [
      { code: 'open', name: { az: 'Açıq' }, kind: 'open', initial: true },
      { code: 'done', name: { az: 'Bitib' }, kind: 'closed' },
    ],
    transitions: [{ from: 'open', to: 'done' }],
  });
  assert.is(replaced.status, 200, JSON.stringify(replaced.body));
  assert.equal((await call('GET', 'ticket-statuses')).body.items.map((s: any) => s.code), ['done', 'open']);
  const badWhole = await call('PUT', 'ticket-workflow', { statuses: [{ code: 'a', name: { az: 'A' }, kind: 'open' }], transitions: [] });
  assert.is(badWhole.status, 400);
  assert.match(badWhole.body.error.message, /none is/);
});

t('working hours: checked, holidays preset for Azerbaijan, audited', async (ctx) => {
  const call = api(ctx);
  const bad = await call('PUT', 'hours', { week: { 1: ['18:00', '09:00'] }, holidays: ['2026-02-30'] });
  assert.is(bad.status, 400);
  assert.match(bad.body.error.message, /week\.1: Monday: closes at 09:00, not after it opens at 18:00; holidays\.0: holiday 2026-02-30 is not a calendar date/);
  const week = { 1: ['09:00', '18:00'], 2: ['09:00', '18:00'], 3: ['09:00', '18:00'], 4: ['09:00', '18:00'], 5: ['09:00', '18:00'] };
  const ok = await call('PUT', 'hours', { week, holidays: ['2026-12-25', '2026-01-01'], special: { '2026-12-30': ['09:00', '14:00'] } });
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.holidays, ['2026-01-01', '2026-12-25']);
  assert.is((await http(ctx.app.url, 'GET', '/api/v1/settings/acd', { cookie: ctx.admin.cookie })).body.hours.week['1'][0], '09:00', 'the ACD reads the same hours');
  const preview = await call('GET', 'hours/holidays/preset?year=2026');
  assert.ok(preview.body.holidays.some((h: any) => h.date === '2026-03-30' && h.kind === 'moved'));
  const added = await call('POST', 'hours/holidays/preset?year=2026');
  assert.is(added.status, 200);
  assert.not.ok(added.body.added.some((h: any) => h.date === '2026-01-01'), 'dates already there are not added twice');
  assert.ok(added.body.hours.holidays.includes('2026-05-29'));
  assert.equal(added.body.missing, []);
  assert.equal((await call('POST', 'hours/holidays/preset?year=2035')).body.missing, ['Ramazan bayramı', 'Qurban bayramı']);
  assert.is((await call('POST', 'hours/holidays/preset?year=1999')).status, 400);
});

t('operator modes: per agent number, default blended', async (ctx) => {
  const call = api(ctx);
  const modes = (await call('GET', 'operator-modes')).body.items;
  assert.ok(modes.every((m: any) => m.mode === 'blended' && !m.explicit));
  assert.ok(modes.some((m: any) => m.agent === '101' && m.username === 'operator'));
  assert.is((await call('PUT', 'operator-modes/10a', { mode: 'inbound' })).status, 400);
  assert.is((await call('PUT', 'operator-modes/101', { mode: 'sideways' })).status, 400);
  assert.equal((await call('PUT', 'operator-modes/101', { mode: 'outbound' })).body.mode, 'outbound');
  assert.equal((await call('GET', 'operator-modes?mode=outbound')).body.items.map((m: any) => m.agent), ['101']);
  assert.equal((await call('DELETE', 'operator-modes/101')).body, { agent: '101', mode: 'blended', explicit: false, updatedAt: null });
});

t('every write is in the audit log with who, before and after; refusals write nothing', async (ctx) => {
  const items = (await http(ctx.app.url, 'GET', '/api/v1/audit?action=settings.&limit=500', { cookie: ctx.admin.cookie })).body.items as any[];
  const actions = new Set(items.map((e) => e.action));
  for (const a of [
    'settings.pause_reason.create',
    'settings.pause_reason.import',
    'settings.pause_reason.delete',
    'settings.template.create',
    'settings.template.import',
    'settings.criterion.create',
    'settings.criterion.update',
    'settings.criterion.delete',
    'settings.criterion.import',
    'settings.evaluation_form.create',
    'settings.evaluation_form.update',
    'settings.ticket_status.create',
    'settings.ticket_status.update',
    'settings.ticket_status.delete',
    'settings.ticket_transition.delete',
    'settings.ticket_workflow.replace',
    'settings.hours.update',
    'settings.hours.preset',
    'settings.operator_mode.update',
    'settings.operator_mode.delete',
  ]) {
    assert.ok(actions.has(a), `no audit entry ${a}`);
  }
  const upd = items.find((e) => e.action === 'settings.criterion.update');
  assert.is(upd.actorName, 'admin');
  assert.ok(upd.before && upd.after && upd.at);
  // Exactly one form update succeeded: the refused one left no trace.
  assert.is(items.filter((e) => e.action === 'settings.evaluation_form.update').length, 1);
  const agent = await login(ctx.app.url, ...DEMO.operator);
  assert.is((await http(ctx.app.url, 'GET', '/api/v1/settings/pause-reasons', { cookie: agent.cookie })).status, 403);
  assert.is((await http(ctx.app.url, 'GET', '/api/v1/pause-reasons', { cookie: agent.cookie })).status, 200, 'agents read their pause menu');
});

t.run();

/**
 * Electronic requests (issue 7) over HTTP, on a real appliance with an
 * injected clock: the request type's form refuses bad input whole; the
 * workflow refuses a transition it does not allow and changes nothing; the
 * SLA clock counts working hours (skipping a weekend and a holiday) and
 * pauses while waiting on the customer; a clock about to breach warns and a
 * breach raises a critical alert to the group's supervisors; an offline
 * create and comment land exactly once; every request and history entry
 * reaches the sync outbox in a shape HQ accepts; attachments are limited by
 * size and type; search, views, saved filters, exports and the screen pop.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRecord } from '@edgecall/contracts';
import { DEMO, FakeClock, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';
import { waitFor } from './support/acd-harness.ts';
import { connectLive, nextMessage } from './support/mqtt.ts';
import { rawAll } from './support/raw-sql.ts';

const HOUR = 3_600_000;
/** Friday 27 November 2026, 13:00 in Baku (UTC+4). */
const FRIDAY_1300 = Date.UTC(2026, 10, 27, 9, 0, 0);
const iso = (t: number) => new Date(t).toISOString();

interface Ctx {
  app: TestAppliance;
  clock: FakeClock;
  admin: Session;
  operator: Session;
  outsider: Session;
  supervisor: Session;
  ref: { type: string; billing: string; other: string; baku: string; template: string };
}
const t = suite<Ctx>('electronic requests');

t.before(async (ctx) => {
  ctx.clock = new FakeClock(FRIDAY_1300);
  // The clock jumps days ahead: sessions must outlive it.
  ctx.app = await startTestAppliance({ sessionTtlHours: 24 * 30 }, { clock: ctx.clock });
  ctx.admin = await login(ctx.app.url, ...DEMO.admin);
  ctx.operator = await login(ctx.app.url, ...DEMO.operator); // group sales
  ctx.outsider = await login(ctx.app.url, 'operator3', 'operator-demo'); // group support only
  ctx.supervisor = await login(ctx.app.url, ...DEMO.supervisor);
  const post = async (path: string, body: unknown) => {
    const r = await http(ctx.app.url, 'POST', path, { cookie: ctx.admin.cookie, body });
    assert.is(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  // Monday to Friday 09:00–18:00 in Baku; Monday 30 November is a holiday.
  const hours = await http(ctx.app.url, 'PUT', '/api/v1/settings/hours', {
    cookie: ctx.admin.cookie,
    body: { utcOffsetMinutes: 240, week: { 1: ['09:00', '18:00'], 2: ['09:00', '18:00'], 3: ['09:00', '18:00'], 4: ['09:00', '18:00'], 5: ['09:00', '18:00'] }, holidays: ['2026-11-30'] },
  });
  assert.is(hours.status, 200, JSON.stringify(hours.body));
  const template = await post('/api/v1/settings/templates', { name: 'Şikayət forması', channel: 'request', body: 'Müştəri: {{contact.name}}, nömrə {{call.number}}. Növ: {{request.type}} / {{request.classification}}. Müraciət {{request.id}}' });
  const type = await post('/api/v1/settings/request-types', {
    name: 'Şikayət',
    fields: [
      { key: 'account', label: 'Hesab nömrəsi', type: 'text', required: true },
      { key: 'amount', label: 'Məbləğ', type: 'number' },
    ],
    ticket: { responseHours: 2, resolutionHours: 8, group: 'sales', templateId: template, movers: 'group' },
  });
  const billing = await post('/api/v1/settings/classifications', { requestTypeId: type, name: 'Hesablaşma' });
  const info = await post('/api/v1/settings/request-types', { name: 'Məlumat' });
  const other = await post('/api/v1/settings/classifications', { requestTypeId: info, name: 'Tariflər' });
  const baku = await post('/api/v1/settings/locations', { name: 'Bakı' });
  ctx.ref = { type, billing, other, baku, template };
});
t.after(async (ctx) => ctx.app.close());

const call = (ctx: Ctx, who: Session, method: string, path: string, body?: unknown) => http(ctx.app.url, method, path, { cookie: who.cookie, body });
const base = (ctx: Ctx) => ({ requestTypeId: ctx.ref.type, classificationId: ctx.ref.billing, fields: { account: 'AZ-1001' } });
const total = async (ctx: Ctx, q = '') => (await call(ctx, ctx.admin, 'GET', `/api/v1/tickets?view=all${q}`)).body.total as number;

t('the request type policy is checked: unknown group, a template of another channel', async (ctx) => {
  const sms = await call(ctx, ctx.admin, 'POST', '/api/v1/settings/templates', { name: 'SMS', channel: 'sms', body: 'Salam' });
  for (const [ticket, field] of [
    [{ group: 'nowhere' }, 'ticket.group'],
    [{ templateId: sms.body.id }, 'ticket.templateId'],
    [{ statuses: ['new', 'closed', 'nope'] }, 'ticket.statuses'],
  ] as const) {
    const r = await call(ctx, ctx.admin, 'PATCH', `/api/v1/settings/request-types/${ctx.ref.type}`, { ticket });
    assert.is(r.status, 400, JSON.stringify(r.body));
    assert.ok(JSON.stringify(r.body.error.details).includes(field), JSON.stringify(r.body.error));
  }
  const bundle = await call(ctx, ctx.operator, 'GET', '/api/v1/reference-bundle');
  assert.equal(bundle.body.requestTypes.find((r: any) => r.id === ctx.ref.type).ticket.resolutionHours, 8, 'the policy travels with the bundle');
});

t('bad input is refused with the field named, and nothing is created', async (ctx) => {
  const before = await total(ctx);
  const cases: [string, unknown, string, string][] = [
    ['a required field missing', { ...base(ctx), fields: {} }, 'fields.account', 'required'],
    ['a field of the wrong type', { ...base(ctx), fields: { account: 'AZ-1', amount: 'lots' } }, 'fields.amount', 'must be a number'],
    ['a classification of another type', { ...base(ctx), classificationId: ctx.ref.other }, 'classificationId', 'not a classification'],
    ['a schema type error', { ...base(ctx), subject: 12 }, 'subject', ''],
    ['no classification at all', { requestTypeId: ctx.ref.type }, 'classificationId', ''],
    ['an unknown contact', { ...base(ctx), contactId: 'nobody' }, 'contactId', 'no contact'],
  ];
  for (const [what, body, field, words] of cases) {
    const r = await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', body);
    assert.is(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.id, 'validation_failed', what);
    const details = JSON.stringify(r.body.error.details);
    assert.ok(details.includes(field), `${what}: names ${field}: ${details}`);
    if (words) assert.ok(details.includes(words), `${what}: says “${words}”: ${details}`);
  }
  assert.is(await total(ctx), before, 'nothing half-created');
});

t('a workflow refuses a transition it does not allow, or a mover it does not allow: a clear error, nothing changed', async (ctx) => {
  const created = await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'walk_in', customerName: 'Kamran Əliyev' });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.is(created.body.status, 'new');
  assert.is(created.body.group, 'sales', "the type's executing group");
  assert.match(created.body.ref, /^R-2026-\d{6}$/);
  assert.match(created.body.description, /Növ: Şikayət \/ Hesablaşma\. Müraciət R-2026-\d{6}$/, 'pre-filled from the template');

  const before = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}`)).body;
  assert.equal(before.next, ['in_progress', 'closed']);
  const jump = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'resolved' });
  assert.is(jump.status, 409);
  assert.is(jump.body.error.id, 'conflict');
  assert.match(jump.body.error.message, /cannot go from “Yeni” to “Həll edilib”: it may go to “İcrada”, “Bağlanıb”/);
  assert.equal(jump.body.error.details, { from: 'new', to: 'resolved', allowed: ['in_progress', 'closed'] });
  // The type lets only its group (sales) move it; operator3 works in support.
  const outsider = await call(ctx, ctx.outsider, 'POST', `/api/v1/tickets/${id}/status`, { status: 'in_progress' });
  assert.is(outsider.status, 403);
  assert.match(outsider.body.error.message, /members of group sales/);
  assert.equal((await call(ctx, ctx.outsider, 'GET', `/api/v1/tickets/${id}`)).body.next, [], 'nowhere to go for them');

  const after = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}`)).body;
  assert.is(after.ticket.status, 'new');
  assert.is(after.ticket.version, before.ticket.version);
  assert.equal(after.events.map((e: any) => e.kind), ['created']);
  // A stale version is refused too, rather than overwriting someone's change.
  const stale = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'in_progress', version: before.ticket.version + 5 });
  assert.is(stale.status, 409);
  const ok = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'in_progress', note: 'Baxılır' });
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  const history = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}/history`)).body.items;
  const moved = history.find((e: any) => e.kind === 'status');
  assert.equal([moved.data.before, moved.data.after, moved.data.note, moved.userName], [{ status: 'new' }, { status: 'in_progress' }, 'Baxılır', 'Aysel Məmmədova']);
});

t('the SLA clock counts working hours, skips the weekend and a holiday, pauses while waiting on the customer', async (ctx) => {
  const created = await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'email', customerEmail: 'kamala@example.az', subject: 'Artıq ödəniş' });
  const id = created.body.id;
  // Friday 13:00–18:00 is 5 h; Saturday, Sunday and Monday (a holiday) do not count; Tuesday 09:00 + 3 h.
  assert.is(created.body.sla.resolution.dueAt, iso(Date.UTC(2026, 11, 1, 8, 0)), 'due Tuesday 12:00 Baku');
  assert.is(created.body.sla.response.dueAt, iso(Date.UTC(2026, 10, 27, 11, 0)), 'response due Friday 15:00 Baku');
  assert.is(created.body.sla.resolution.state, 'running');

  ctx.clock.advance(1 * HOUR); // Friday 14:00: answered in 1 h
  const started = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'in_progress' });
  assert.is(started.body.sla.response.state, 'done');
  assert.is(started.body.sla.response.elapsedMs, 1 * HOUR);
  assert.is(started.body.sla.response.breached, false);

  ctx.clock.advance(1 * HOUR); // Friday 15:00: 2 h counted, then waiting on the customer
  const waiting = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'waiting_customer', note: 'Qəbz istənildi' });
  assert.is(waiting.body.sla.resolution.state, 'paused');
  assert.is(waiting.body.sla.resolution.dueAt, null);
  assert.is(waiting.body.sla.resolution.elapsedMs, 2 * HOUR);

  ctx.clock.advance(4 * 24 * HOUR - 5 * HOUR); // Tuesday 10:00 Baku, four days later
  const paused = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}`)).body.ticket;
  assert.is(paused.sla.resolution.elapsedMs, 2 * HOUR, 'nothing counted while waiting on the customer');
  const resumed = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'in_progress' });
  assert.is(resumed.body.sla.resolution.state, 'running');
  assert.is(resumed.body.sla.resolution.remainingMs, 6 * HOUR);
  assert.is(resumed.body.sla.resolution.dueAt, iso(Date.UTC(2026, 11, 1, 12, 0)), 'due Tuesday 16:00 Baku');
  const moved = (await call(ctx, ctx.admin, 'POST', `/api/v1/tickets/${id}/status`, { status: 'resolved' })).body;
  assert.is(moved.sla.resolution.state, 'done');
});

t('a clock about to breach warns the group, a breach raises a critical alert, escalates and is logged; closing clears it', async (ctx) => {
  // A fresh MQTT token: the clock moved on since the login.
  ctx.supervisor = await login(ctx.app.url, ...DEMO.supervisor);
  const live = await connectLive(ctx.app.url, 'supervisor', ctx.supervisor.mqttToken);
  try {
    const created = await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'walk_in', customerName: 'Nigar' });
    const { id, ref } = created.body;
    await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'in_progress' });
    const topic = `ec/v1/${ctx.supervisor.site}/alert/g/sales/sla-${ref}-resolution`;
    await live.subscribeAsync(topic);
    const active = async (rule: string) => ((await call(ctx, ctx.supervisor, 'GET', '/api/v1/alerts')).body.active as any[]).find((a) => a.ruleId === rule);

    // Created Tuesday 10:00 Baku (where the test above left the clock): 80 % of 8 working hours is 16:24.
    ctx.clock.advance(6.5 * HOUR); // Tuesday 16:30: 6.5 h used
    const warning = await waitFor(async () => {
      const a = await active(`sla-${ref}-resolution`);
      return a?.severity === 'warning' ? a : null;
    }, 15_000, 'the due-soon warning');
    assert.is(warning.threshold, 8);
    assert.is(warning.value, 6.5);
    assert.ok((await call(ctx, ctx.operator, 'GET', '/api/v1/tickets?view=due_soon')).body.items.some((i: any) => i.id === id), 'listed as due soon');

    const raised = nextMessage(live, topic, 15_000);
    ctx.clock.advance(17.5 * HOUR); // Wednesday 10:00: 8 h on Tuesday and 1 h this morning, breached
    const msg = await raised;
    assert.ok(msg, 'published to the supervisors of the executing group');
    assert.is(msg!.data.severity, 'critical');
    assert.match(msg!.data.name, new RegExp(`${ref}.*həll müddəti keçib`));
    const page = await waitFor(async () => {
      const p = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}`)).body;
      return p.events.some((e: any) => e.kind === 'sla') ? p : null;
    }, 15_000, 'the breach in the history');
    assert.ok(page.ticket.escalatedAt, 'a breach escalates to the supervisor');
    assert.is(page.ticket.sla.resolution.breached, true);
    assert.ok((await call(ctx, ctx.operator, 'GET', '/api/v1/tickets?view=overdue')).body.items.some((i: any) => i.id === id), 'listed as overdue');
    const log = (await call(ctx, ctx.supervisor, 'GET', '/api/v1/alerts')).body.log as any[];
    assert.ok(log.some((l) => l.ruleId === `sla-${ref}-resolution` && l.severity === 'critical'), 'logged');

    const cleared = new Promise<number>((resolve) => live.on('message', (tp, payload) => tp === topic && payload.length === 0 && resolve(0)));
    await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${id}/status`, { status: 'resolved' });
    assert.is(await cleared, 0, 'an empty retained publish clears it');
    await waitFor(async () => !(await active(`sla-${ref}-resolution`)), 15_000, 'the alert to clear');
  } finally {
    live.end(true);
  }
});

t('an offline create and an offline comment are applied exactly once, whatever the replays', async (ctx) => {
  const body = { ...base(ctx), channel: 'walk_in', customerName: 'Offline Müştəri', clientId: 'tablet-9:17' };
  const before = await total(ctx);
  const first = await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', body);
  assert.is(first.status, 201);
  const [again, racing] = await Promise.all([call(ctx, ctx.operator, 'POST', '/api/v1/tickets', body), call(ctx, ctx.operator, 'POST', '/api/v1/tickets', body)]);
  assert.equal([again.status, racing.status], [200, 200]);
  assert.equal([again.body.id, racing.body.id], [first.body.id, first.body.id]);
  assert.is(await total(ctx), before + 1);

  const comment = { body: 'Sənəd oflayn əlavə olundu', visibility: 'internal', clientId: 'tablet-9:18' };
  const c1 = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${first.body.id}/comments`, comment);
  assert.is(c1.status, 201, JSON.stringify(c1.body));
  const c2 = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${first.body.id}/comments`, comment);
  assert.is(c2.status, 200);
  assert.is(c2.body.id, c1.body.id);
  const events = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${first.body.id}`)).body.events;
  assert.is(events.filter((e: any) => e.kind === 'comment').length, 1);
  // Full-text search reaches comments, folded the Azerbaijani way.
  assert.equal((await call(ctx, ctx.operator, 'GET', '/api/v1/tickets?search=OFLAYN%20s%C9%99n%C9%99d')).body.items.map((i: any) => i.id), [first.body.id]);
});

t('a public comment is the response; assignment within the group; the history keeps before and after', async (ctx) => {
  const created = (await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'web_chat', customerName: 'Chat' })).body;
  ctx.clock.advance(0.5 * HOUR);
  await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${created.id}/comments`, { body: 'Salam, yoxlayırıq', visibility: 'public' });
  const page = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${created.id}`)).body;
  assert.is(page.ticket.sla.response.state, 'done');
  assert.is(page.ticket.sla.response.elapsedMs, 0.5 * HOUR);
  assert.is(page.ticket.status, 'new', 'still new: the answer alone does not move it');

  const people = (await call(ctx, ctx.operator, 'GET', '/api/v1/tickets/assignees?group=sales')).body.items as any[];
  const me = people.find((p) => p.username === 'operator');
  assert.ok(me && !people.some((p) => p.username === 'operator3'), 'members of sales (and admins) only');
  const wrong = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${created.id}/assign`, { assigneeId: (await call(ctx, ctx.admin, 'GET', '/api/v1/tickets/assignees')).body.items.find((p: any) => p.username === 'operator3').id });
  assert.is(wrong.status, 400);
  assert.match(wrong.body.error.message, /not in group sales/);
  const took = await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${created.id}/assign`, { assigneeId: me.id });
  assert.is(took.status, 200, JSON.stringify(took.body));
  assert.is(took.body.assigneeName, 'Aysel Məmmədova');
  assert.ok((await call(ctx, ctx.operator, 'GET', '/api/v1/tickets?view=mine')).body.items.some((i: any) => i.id === created.id));
  const edit = await call(ctx, ctx.operator, 'PATCH', `/api/v1/tickets/${created.id}`, { fields: { account: 'AZ-2002', amount: 12.5 }, cityId: ctx.ref.baku });
  assert.is(edit.status, 200, JSON.stringify(edit.body));
  const badEdit = await call(ctx, ctx.operator, 'PATCH', `/api/v1/tickets/${created.id}`, { fields: { amount: 'x' } });
  assert.is(badEdit.status, 400);
  const events = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${created.id}/history`)).body.items as any[];
  const updated = events.find((e) => e.kind === 'updated');
  assert.equal(updated.data.before, { cityId: null, fields: { account: 'AZ-1001' } });
  assert.equal(updated.data.after, { cityId: ctx.ref.baku, fields: { account: 'AZ-2002', amount: 12.5 } });
  assert.equal(events.find((e) => e.kind === 'assigned').data.after, { group: 'sales', assigneeId: me.id, assigneeName: 'Aysel Məmmədova' });
  assert.ok((await call(ctx, ctx.operator, 'GET', `/api/v1/tickets?cityId=${ctx.ref.baku}`)).body.items.some((i: any) => i.id === created.id), 'filtered by city');
});

t('attachments: type, extension, content and size limits; served back to readers; removal in the history', async (ctx) => {
  const id = (await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'walk_in' })).body.id;
  const upload = (name: string, type: string, bytes: Buffer) =>
    fetch(`${ctx.app.url}/api/v1/tickets/${id}/attachments?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { cookie: ctx.operator.cookie, 'content-type': type }, body: bytes });
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);
  const big = await upload('scan.pdf', 'application/pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10)]));
  assert.is(big.status, 413);
  assert.equal(((await big.json()) as any).error.id, 'payload_too_large');
  const exe = await upload('virus.exe', 'application/x-msdownload', Buffer.from('MZ'));
  assert.is(exe.status, 415);
  const renamed = await upload('invoice.pdf', 'application/pdf', Buffer.from('MZ this is no pdf'));
  assert.is(renamed.status, 400);
  assert.match(((await renamed.json()) as any).error.message, /is not a PDF file/);
  const wrongExt = await upload('photo.gif', 'image/png', png);
  assert.is(wrongExt.status, 400);
  assert.is((await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}`)).body.attachments.length, 0, 'nothing attached');

  const ok = await upload('Qəbz şəkli.png', 'image/png', png);
  assert.is(ok.status, 201);
  const a = (await ok.json()) as any;
  const got = await fetch(`${ctx.app.url}/api/v1/tickets/${id}/attachments/${a.id}`, { headers: { cookie: ctx.supervisor.cookie } });
  assert.is(got.status, 200);
  assert.is(got.headers.get('content-type'), 'image/png');
  assert.match(got.headers.get('content-disposition') ?? '', /attachment; filename=".*\.png"; filename\*=UTF-8''Q%C9%99bz/);
  assert.equal(Buffer.from(await got.arrayBuffer()), png);
  assert.is((await fetch(`${ctx.app.url}/api/v1/tickets/${id}/attachments/${a.id}`)).status, 401, 'never to anonymous callers');
  assert.is((await call(ctx, ctx.operator, 'DELETE', `/api/v1/tickets/${id}/attachments/${a.id}`)).status, 204);
  const page = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}`)).body;
  assert.is(page.attachments.length, 0);
  assert.equal(
    page.events.filter((e: any) => e.kind === 'attachment').map((e: any) => (e.data.after ?? e.data.before).name),
    ['Qəbz şəkli.png', 'Qəbz şəkli.png'],
  );
  assert.is((await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${id}/attachments/${a.id}`)).status, 404);
});

t('views, saved filters, exports, the screen pop and the contact link', async (ctx) => {
  const contact = (await call(ctx, ctx.operator, 'POST', '/api/v1/contacts', { name: 'Təkrar Zəngçi', phones: ['+994 55 444 33 22'] })).body;
  const a = (await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'contact', contactId: contact.id })).body;
  const b = (await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'walk_in', number: '0554443322' })).body;
  const c = (await call(ctx, ctx.operator, 'POST', '/api/v1/tickets', { ...base(ctx), channel: 'contact', contactId: contact.id })).body;
  assert.is(a.customerName, 'Təkrar Zəngçi', 'the contact fills who asked');
  const pop = (await call(ctx, ctx.operator, 'GET', '/api/v1/screen-pop?number=994554443322')).body;
  assert.equal(pop.tickets.map((x: any) => x.id).sort(), [a.id, b.id, c.id].sort(), "a repeat caller's open requests pop up");
  await call(ctx, ctx.operator, 'POST', `/api/v1/tickets/${c.id}/status`, { status: 'closed' });
  assert.equal((await call(ctx, ctx.operator, 'GET', '/api/v1/screen-pop?number=994554443322')).body.tickets.map((x: any) => x.id).sort(), [a.id, b.id].sort(), 'open ones only');
  const page = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets/${a.id}`)).body;
  assert.equal(page.related.map((r: any) => r.id), [c.id], "the contact's other requests");
  const byContact = (await call(ctx, ctx.operator, 'GET', `/api/v1/tickets?contactId=${contact.id}&sort=created_asc`)).body;
  assert.equal(byContact.items.map((i: any) => i.id), [a.id, c.id]);
  assert.is(byContact.items[0].contactName, 'Təkrar Zəngçi');

  const saved = await call(ctx, ctx.operator, 'POST', '/api/v1/tickets/filters', { name: 'Şikayətlər', query: { view: 'open', requestTypeId: ctx.ref.type } });
  assert.is(saved.status, 201, JSON.stringify(saved.body));
  assert.equal((await call(ctx, ctx.operator, 'GET', '/api/v1/tickets/filters')).body.items.map((f: any) => f.name), ['Şikayətlər']);
  assert.equal((await call(ctx, ctx.supervisor, 'GET', '/api/v1/tickets/filters')).body.items, [], 'filters are per user');
  assert.is((await call(ctx, ctx.operator, 'DELETE', `/api/v1/tickets/filters/${saved.body.id}`)).status, 204);

  const csv = await call(ctx, ctx.operator, 'GET', `/api/v1/tickets?requestTypeId=${ctx.ref.type}&format=csv`);
  assert.is(csv.status, 200);
  assert.match(csv.headers.get('content-disposition') ?? '', /requests\.csv/);
  assert.ok(String(csv.body).split('\r\n')[0].includes('ref,createdAt,channel,status,requestType'));
  assert.ok(String(csv.body).includes(`${a.ref},`) && String(csv.body).includes('Şikayət,Hesablaşma'));
  const xlsx = await fetch(`${ctx.app.url}/api/v1/tickets?format=xlsx`, { headers: { cookie: ctx.operator.cookie } });
  assert.is(xlsx.status, 200);
  assert.equal([...Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2)], [0x50, 0x4b], 'a zip (XLSX) file');
});

t('every request and history entry reaches the sync outbox in a shape HQ accepts', async (ctx) => {
  const rows = await rawAll<{ seq: number; entity: string; entity_id: string; op: string; entity_version: number; schema_version: number; payload: string }>(
    ctx.app.dataDir,
    `select seq, entity, entity_id, op, entity_version, schema_version, payload from sync_outbox where entity in ('ticket', 'ticket_event') order by seq`,
  );
  const tickets = (await call(ctx, ctx.admin, 'GET', '/api/v1/tickets?limit=500')).body.items as any[];
  const events = await rawAll<{ id: string }>(ctx.app.dataDir, `select id from ticket_event`);
  assert.equal([...new Set(rows.filter((r) => r.entity === 'ticket').map((r) => r.entity_id))].sort(), tickets.map((x) => x.id).sort());
  assert.equal(rows.filter((r) => r.entity === 'ticket_event').map((r) => r.entity_id).sort(), events.map((e) => e.id).sort());
  for (const r of rows) {
    const check = checkRecord({ seq: r.seq, entity: r.entity, entityId: r.entity_id, op: r.op, entityVersion: r.entity_version, schemaVersion: r.schema_version, payload: JSON.parse(r.payload) });
    assert.ok(check.ok, JSON.stringify(check));
  }
  // The latest row of a request is its current state.
  const last = rows.filter((r) => r.entity === 'ticket' && r.entity_id === tickets[0].id).at(-1)!;
  assert.is(JSON.parse(last.payload).version, tickets[0].version);
});

t.run();

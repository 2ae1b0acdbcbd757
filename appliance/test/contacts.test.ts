/** Contacts through HTTP: CRUD, number matching, search, exactly-once creates, merge, import/export, the screen pop, the audit trail. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';
import { rawAll, rawSql } from './support/raw-sql.ts';

interface Ctx {
  app: TestAppliance;
  admin: Session;
  operator: Session;
  supervisor: Session;
  baku: string;
  yasamal: string;
  ganja: string;
}
const t = suite<Ctx>('contacts');

t.before(async (ctx) => {
  ctx.app = await startTestAppliance();
  ctx.admin = await login(ctx.app.url, ...DEMO.admin);
  ctx.operator = await login(ctx.app.url, ...DEMO.operator);
  ctx.supervisor = await login(ctx.app.url, ...DEMO.supervisor);
  const place = async (body: unknown) => (await http(ctx.app.url, 'POST', '/api/v1/settings/locations', { cookie: ctx.admin.cookie, body })).body.id as string;
  ctx.baku = await place({ name: 'Bakı' });
  ctx.yasamal = await place({ name: 'Yasamal', cityId: ctx.baku });
  ctx.ganja = await place({ name: 'Gəncə' });
});
t.after(async (ctx) => ctx.app.close());

/** As the operator: agents keep contacts. */
const call = (c: Ctx, method: string, path: string, body?: unknown) => http(c.app.url, method, path, { cookie: c.operator.cookie, body });
const create = async (c: Ctx, body: Record<string, unknown>) => {
  const res = await call(c, 'POST', '/api/v1/contacts', body);
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body;
};
const auditOf = async (c: Ctx, action: string) => (await http(c.app.url, 'GET', `/api/v1/audit?action=${action}&limit=100`, { cookie: c.admin.cookie })).body.items as any[];

t('create, read, patch, delete; every write audited with who, before and after', async (c) => {
  const made = await create(c, { name: 'Əli Məmmədov', phones: ['050 123 45 67', '+994501234567', '(012) 555-01-02'], email: 'ali@example.az', cityId: c.baku, districtId: c.yasamal });
  assert.equal(made.phones, ['0501234567', '0125550102'], 'one entry per number, spaces and brackets dropped');
  assert.equal((await call(c, 'GET', `/api/v1/contacts/${made.id}`)).body, made);

  const noted = await call(c, 'PATCH', `/api/v1/contacts/${made.id}`, { note: 'VIP' });
  assert.is(noted.status, 200);
  assert.equal([noted.body.note, noted.body.email, noted.body.districtId, noted.body.phones.length], ['VIP', 'ali@example.az', c.yasamal, 2], 'a patch keeps what it does not name');
  const moved = await call(c, 'PATCH', `/api/v1/contacts/${made.id}`, { cityId: c.ganja });
  assert.equal([moved.body.cityId, moved.body.districtId], [c.ganja, null], 'a new city drops the old city’s district');

  const [created] = (await auditOf(c, 'contact.create')).filter((e) => e.targetId === made.id);
  assert.is(created.actorName, 'operator');
  assert.is(created.after.name, 'Əli Məmmədov');
  const updates = (await auditOf(c, 'contact.update')).filter((e) => e.targetId === made.id);
  assert.is(updates.length, 2);
  assert.equal([updates[1].before.note, updates[1].after.note], ['', 'VIP']);

  assert.is((await call(c, 'DELETE', `/api/v1/contacts/${made.id}`)).status, 204);
  assert.is((await call(c, 'GET', `/api/v1/contacts/${made.id}`)).status, 404);
  const [deleted] = (await auditOf(c, 'contact.delete')).filter((e) => e.targetId === made.id);
  assert.is(deleted.before.email, 'ali@example.az');
});

t('bad input is answered 4xx with an id; nothing is written', async (c) => {
  const before = (await call(c, 'GET', '/api/v1/contacts?limit=1')).body.total;
  const cases: [unknown, number, string, string?][] = [
    [{ name: 'X', phones: ['12'] }, 400, 'validation_failed'],
    [{ name: 'X', phones: [] }, 400, 'validation_failed'],
    [{ name: 'X', phones: ['0501112233'], email: 'not-an-email' }, 400, 'validation_failed'],
    [{ name: 'X', phones: ['0501112233'], cityId: 'nowhere' }, 400, 'validation_failed', 'cityId'],
    [{ name: 'X', phones: ['0501112233'], cityId: c.ganja, districtId: c.yasamal }, 400, 'validation_failed', 'districtId'],
    [{ name: 'X', phones: ['0501112233'], districtId: c.yasamal }, 400, 'validation_failed', 'districtId'],
    [{ name: 'X', phones: ['0501112233'], cityId: c.yasamal }, 400, 'validation_failed', 'cityId'],
    [{ name: 'X', phones: ['0501112233'], owner: 'me' }, 400, 'validation_failed'],
    [{ name: 'X', phones: ['0501112233'], clientId: 'no-seq' }, 400, 'validation_failed'],
  ];
  for (const [body, status, id, field] of cases) {
    const res = await call(c, 'POST', '/api/v1/contacts', body);
    assert.is(res.status, status, JSON.stringify(body));
    assert.is(res.body.error.id, id);
    if (field) assert.is(res.body.error.details[0].field, field);
  }
  assert.is((await call(c, 'GET', '/api/v1/contacts?limit=1')).body.total, before);
  assert.is((await call(c, 'PATCH', '/api/v1/contacts/nope', { note: 'x' })).body.error.id, 'not_found');
  assert.is((await call(c, 'DELETE', '/api/v1/contacts/nope')).status, 404);
  assert.is((await call(c, 'GET', '/api/v1/contacts?limit=9999')).status, 400);
  assert.is((await call(c, 'POST', '/api/v1/contacts/merge', { keepId: 'a', mergeIds: ['a'] })).status, 400);
  assert.is((await call(c, 'POST', '/api/v1/contacts/merge', { keepId: 'a', mergeIds: ['b'] })).status, 404);
  // A supervisor reads contacts but does not change them.
  assert.is((await http(c.app.url, 'GET', '/api/v1/contacts', { cookie: c.supervisor.cookie })).status, 200);
  assert.is((await http(c.app.url, 'POST', '/api/v1/contacts', { cookie: c.supervisor.cookie, body: { name: 'S', phones: ['0501112233'] } })).status, 403);
});

t('numbers match in any format; search covers names (Azerbaijani letters), numbers and e-mail; paging', async (c) => {
  const a = await create(c, { name: 'Şahin Əliyev', phones: ['0702223344'], email: 'sahin@firma.az' });
  const b = await create(c, { name: 'İlkin Qasımov', phones: ['+994 55 666 77 88'] });
  const ids = async (q: string) => (await call(c, 'GET', `/api/v1/contacts?${q}`)).body.items.map((x: { id: string }) => x.id);
  assert.equal(await ids(`phone=${encodeURIComponent('+994 70 222 33 44')}`), [a.id]);
  assert.equal(await ids('phone=994702223344'), [a.id]);
  assert.equal(await ids('phone=0556667788'), [b.id]);
  assert.equal(await ids(`search=${encodeURIComponent('070 222')}`), [a.id]);
  assert.equal(await ids(`search=${encodeURIComponent('ŞAHİN')}`), [a.id]);
  assert.equal(await ids(`search=${encodeURIComponent('əliyev şahin')}`), [a.id]);
  assert.equal(await ids('search=ilkin%20qasimov'), [b.id]);
  assert.equal(await ids('search=FIRMA.AZ'), [a.id]);

  for (let i = 0; i < 5; i++) await create(c, { name: `Paging ${i}`, phones: [`05099900${i}0`] });
  const page = (await call(c, 'GET', '/api/v1/contacts?search=paging&limit=2&offset=2')).body;
  assert.equal([page.total, page.items.map((x: { name: string }) => x.name)], [5, ['Paging 2', 'Paging 3']]);

  const csv = await call(c, 'GET', '/api/v1/contacts?search=paging&format=csv');
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.is(lines.length, 6);
  assert.match(lines[0], /id,name,phones,email,city,district/);
});

t('a replayed clientId creates one contact and answers as the first time', async (c) => {
  const body = { name: 'Oflayn', phones: ['0513334455'], clientId: 'tab-7:41' };
  const first = await call(c, 'POST', '/api/v1/contacts', body);
  const again = await call(c, 'POST', '/api/v1/contacts', body);
  assert.is(first.status, 201);
  assert.is(again.status, 200);
  assert.equal(again.body, first.body);
  assert.is((await call(c, 'GET', '/api/v1/contacts?phone=0513334455')).body.total, 1);
  const patch = { note: 'first', clientId: 'tab-7:42' };
  await call(c, 'PATCH', `/api/v1/contacts/${first.body.id}`, patch);
  await call(c, 'PATCH', `/api/v1/contacts/${first.body.id}`, { note: 'second' });
  const replay = await call(c, 'PATCH', `/api/v1/contacts/${first.body.id}`, patch);
  assert.is(replay.body.note, 'first', 'the first answer');
  assert.is((await call(c, 'GET', `/api/v1/contacts/${first.body.id}`)).body.note, 'second', 'and no second write');
  assert.is((await auditOf(c, 'contact.create')).filter((e) => e.targetId === first.body.id).length, 1);
});

const record = (c: Ctx, id: string, number: string, contactId: string | null, at: number) =>
  rawSql(
    c.app.dataDir,
    `insert into call_record (id, number, number_key, contact_id, request_type_id, classification_id, user_id, created_at) values (?, ?, ?, ?, 'rt', 'cl', 'u', ?)`,
    [id, number, number.replace(/\D/g, '').slice(-9), contactId, at],
  );

t('merge moves numbers, call records and callbacks to the kept contact and removes the others', async (c) => {
  const keep = await create(c, { name: 'Nigar Həsənova', phones: ['0504445566'] });
  const dup = await create(c, { name: 'Nigar H.', phones: ['+994504445566', '0124445566'], email: 'nigar@example.az' });
  await record(c, 'cr-merge', '0124445566', dup.id, 1000);
  await rawSql(
    c.app.dataDir,
    `insert into callback_entry (id, number, number_key, status, kind, contact_id, created_at, updated_at) values ('cb-merge', '0124445566', '124445566', 'closed', 'missed', ?, 1, 1)`,
    [dup.id],
  );
  const res = await call(c, 'POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] });
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.equal([res.body.phones, res.body.email], [['0504445566', '0124445566'], 'nigar@example.az']);
  assert.is((await call(c, 'GET', `/api/v1/contacts/${dup.id}`)).status, 404);
  assert.equal(await rawAll(c.app.dataDir, `select contact_id from call_record where id = 'cr-merge' union all select contact_id from callback_entry where id = 'cb-merge'`), [{ contact_id: keep.id }, { contact_id: keep.id }]);
  const [audit] = (await auditOf(c, 'contact.merge')).filter((e) => e.targetId === keep.id);
  assert.is(audit.before.merged[0].id, dup.id);
  assert.equal(audit.after.moved, { call_record: 1, callback_entry: 1, ticket: 0 });
  // Deleting the kept contact leaves its call record with the number but no link.
  await call(c, 'DELETE', `/api/v1/contacts/${keep.id}`);
  assert.equal(await rawAll(c.app.dataDir, `select contact_id from call_record where id = 'cr-merge'`), [{ contact_id: null }]);
});

t('the screen pop finds the caller’s contacts and their latest ten call records', async (c) => {
  const one = await create(c, { name: 'Ailə', phones: ['0507778899'] });
  const two = await create(c, { name: 'Ailə (ata)', phones: ['+994 50 777 88 99', '0127778899'] });
  for (let i = 0; i < 11; i++) await record(c, `cr-pop-${i}`, '994507778899', null, 2000 + i);
  await record(c, 'cr-pop-other-number', '0127778899', two.id, 5000);
  await record(c, 'cr-pop-stranger', '0509990000', null, 6000);
  const pop = (await call(c, 'GET', `/api/v1/screen-pop?number=${encodeURIComponent('+994507778899')}`)).body;
  assert.is(pop.number, '+994507778899');
  assert.equal(pop.contacts.map((x: { id: string }) => x.id).sort(), [one.id, two.id].sort());
  assert.equal(pop.records.map((r: { id: string }) => r.id), ['cr-pop-other-number', ...[10, 9, 8, 7, 6, 5, 4, 3, 2].map((i) => `cr-pop-${i}`)]);
  assert.equal([pop.records[0].contactId, pop.records[0].number, pop.records[0].createdAt], [two.id, '0127778899', new Date(5000).toISOString()]);
  const unknown = (await call(c, 'GET', '/api/v1/screen-pop?number=anonymous')).body;
  assert.equal(unknown, { number: 'anonymous', contacts: [], records: [], tickets: [] });
  assert.is((await call(c, 'GET', '/api/v1/screen-pop')).status, 400);
});

t('CSV import: a known number updates its contact, new numbers create; one bad row writes nothing', async (c) => {
  const known = await create(c, { name: 'Köhnə ad', phones: ['0519990011'] });
  const bad = await call(c, 'POST', '/api/v1/contacts/import', {
    csv: 'name,phones,email,city,district\r\nYeni Ad,+994 51 999 00 11,,Bakı,Yasamal\r\nTəzə,0519990022,,,\r\nSəhv,0519990033,,Naxçıvan,\r\n',
  });
  assert.is(bad.status, 400);
  assert.equal(bad.body.error.details, [{ line: 4, message: 'city: no city “Naxçıvan”' }]);
  assert.is((await call(c, 'GET', '/api/v1/contacts?phone=0519990022')).body.total, 0);
  assert.is((await call(c, 'GET', `/api/v1/contacts/${known.id}`)).body.name, 'Köhnə ad');

  const ok = await call(c, 'POST', '/api/v1/contacts/import', {
    csv: 'name,phones,email,city,district\r\nYeni Ad,+994 51 999 00 11,,BAKI,yasamal\r\nTəzə,0519990022;051 999 00 44,teze@example.az,,\r\n',
  });
  assert.equal(ok.body, { created: 1, updated: 1, unchanged: 0 });
  const updated = (await call(c, 'GET', `/api/v1/contacts/${known.id}`)).body;
  assert.equal([updated.name, updated.cityId, updated.districtId, updated.phones], ['Yeni Ad', c.baku, c.yasamal, ['0519990011']]);
  assert.equal((await call(c, 'GET', '/api/v1/contacts?phone=0519990044')).body.items[0].phones, ['0519990022', '0519990044']);
  const [audit] = await auditOf(c, 'contact.import');
  assert.is(audit.actorName, 'operator');
  assert.is(audit.before[0].name, 'Köhnə ad');
  assert.is(audit.after.updated[0].name, 'Yeni Ad');

  // An export imports back as it is.
  const csv = await call(c, 'GET', '/api/v1/contacts?search=0519990&format=csv');
  const back = await call(c, 'POST', '/api/v1/contacts/import', { csv: csv.body });
  assert.equal(back.body, { created: 0, updated: 0, unchanged: 2 });
});

t.run();

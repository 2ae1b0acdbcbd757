/** Reference lists through HTTP: admin CRUD, rules, search, CSV export/import, in-use refusals, the agents' bundle and FAQ. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO, http, login, startTestAppliance, type Session, type TestAppliance } from './support/appliance.ts';
import { rawSql } from './support/raw-sql.ts';

const t = suite<{ app: TestAppliance; admin: Session; operator: Session }>('reference lists');

t.before(async (ctx) => {
  ctx.app = await startTestAppliance();
  ctx.admin = await login(ctx.app.url, ...DEMO.admin);
  ctx.operator = await login(ctx.app.url, ...DEMO.operator);
});
t.after(async (ctx) => ctx.app.close());

type Ctx = { app: TestAppliance; admin: Session };
const call = (c: Ctx, method: string, path: string, body?: unknown) => http(c.app.url, method, path, { cookie: c.admin.cookie, body });
const make = async (c: Ctx, list: string, body: unknown) => {
  const res = await call(c, 'POST', `/api/v1/settings/${list}`, body);
  assert.is(res.status, 201, JSON.stringify(res.body));
  assert.match(res.body.id, /^[A-Za-z0-9._:-]+$/);
  return res.body;
};
const auditOf = async (c: Ctx, action: string) => (await call(c, 'GET', `/api/v1/audit?action=${action}&limit=50`)).body.items as { targetId: string; before: any; after: any; actorName: string }[];

t('request types: create, duplicate names refused (Azerbaijani case too), patch keeps what it does not name, audited', async (c) => {
  const rt = await make(c, 'request-types', {
    name: 'Şikayət',
    fields: [
      { key: 'amount', label: 'Məbləğ', type: 'number', required: true },
      { key: 'channel', label: 'Kanal', type: 'choice', options: ['telefon', 'email'] },
    ],
  });
  assert.is(rt.active, true);
  assert.is(rt.fields[1].required, false);
  const dup = await call(c, 'POST', '/api/v1/settings/request-types', { name: 'ŞİKAYƏT' });
  assert.is(dup.status, 409);
  assert.is(dup.body.error.id, 'conflict');
  assert.match(dup.body.error.message, /Şikayət/);

  const patched = await call(c, 'PATCH', `/api/v1/settings/request-types/${rt.id}`, { active: false });
  assert.is(patched.status, 200);
  assert.is(patched.body.active, false);
  assert.equal(patched.body.fields, rt.fields, 'a patch naming only `active` keeps the fields');
  assert.is((await call(c, 'PATCH', `/api/v1/settings/request-types/${rt.id}`, { active: true })).status, 200);

  const created = (await auditOf(c, 'settings.request_type.create')).find((e) => e.targetId === rt.id)!;
  assert.is(created.actorName, 'admin');
  assert.is(created.after.name, 'Şikayət');
  const updated = (await auditOf(c, 'settings.request_type.update')).filter((e) => e.targetId === rt.id).at(-1)!;
  assert.equal([updated.before.active, updated.after.active], [true, false]);
});

t('field definitions and bad input are refused with ids and details', async (c) => {
  const cases: [unknown, string][] = [
    [{ name: 'Choice', fields: [{ key: 'c', label: 'C', type: 'choice' }] }, 'fields.0.options'],
    [{ name: 'Twice', fields: [{ key: 'a', label: 'A', type: 'text' }, { key: 'a', label: 'B', type: 'number' }] }, 'fields.1.key'],
    [{ name: 'Bad key', fields: [{ key: 'Bad Key', label: 'A', type: 'text' }] }, 'fields.0.key'],
    [{ name: '' }, 'name'],
    [{ name: 'Extra', bogus: 1 }, ''],
  ];
  for (const [body, field] of cases) {
    const res = await call(c, 'POST', '/api/v1/settings/request-types', body);
    assert.is(res.status, 400, JSON.stringify(body));
    assert.is(res.body.error.id, 'validation_failed');
    const details = res.body.error.details as { field?: string; path?: string }[];
    assert.ok(details.some((d) => (d.field ?? d.path) === field), JSON.stringify(res.body));
  }
  assert.is((await call(c, 'PATCH', '/api/v1/settings/request-types/nope', { name: 'X' })).body.error.id, 'not_found');
  assert.is((await call(c, 'DELETE', '/api/v1/settings/faq/nope')).status, 404);
  assert.is((await call(c, 'GET', '/api/v1/settings/classifications?parentId=bad%20id')).body.error.id, 'validation_failed');
  assert.is((await call(c, 'GET', '/api/v1/settings/locations?limit=0')).status, 400);
  const operator = await http(c.app.url, 'GET', '/api/v1/settings/request-types', { cookie: (c as unknown as { operator: Session }).operator.cookie });
  assert.is(operator.status, 403);
});

t('classifications: two levels under one request type; names unique per parent', async (c) => {
  const rt = await make(c, 'request-types', { name: 'Sorğu' });
  const other = await make(c, 'request-types', { name: 'Təklif' });
  const billing = await make(c, 'classifications', { requestTypeId: rt.id, name: 'Ödəniş' });
  const late = await make(c, 'classifications', { requestTypeId: rt.id, parentId: billing.id, name: 'Gecikmə' });
  // Same name elsewhere is fine; in the same parent it is not.
  await make(c, 'classifications', { requestTypeId: other.id, name: 'Ödəniş' });
  await make(c, 'classifications', { requestTypeId: rt.id, parentId: billing.id, name: 'Ödəniş' });
  const dup = await call(c, 'POST', '/api/v1/settings/classifications', { requestTypeId: rt.id, name: 'ÖDƏNİŞ' });
  assert.is(dup.status, 409);
  const refused: [unknown, string][] = [
    [{ requestTypeId: rt.id, parentId: late.id, name: 'Too deep' }, 'parentId'],
    [{ requestTypeId: other.id, parentId: billing.id, name: 'Cross' }, 'parentId'],
    [{ requestTypeId: 'missing', name: 'Orphan' }, 'requestTypeId'],
    [{ requestTypeId: rt.id, parentId: 'missing', name: 'Lost' }, 'parentId'],
  ];
  for (const [body, field] of refused) {
    const res = await call(c, 'POST', '/api/v1/settings/classifications', body);
    assert.is(res.status, 400, JSON.stringify(res.body));
    assert.is(res.body.error.details[0].field, field);
  }
  const withChildren = await call(c, 'PATCH', `/api/v1/settings/classifications/${billing.id}`, { parentId: late.id });
  assert.is(withChildren.status, 400);

  const top = await call(c, 'GET', `/api/v1/settings/classifications?requestTypeId=${rt.id}&parentId=none`);
  assert.equal(top.body.items.map((i: { name: string }) => i.name), ['Ödəniş']);
  const subs = await call(c, 'GET', `/api/v1/settings/classifications?parentId=${billing.id}`);
  assert.equal(subs.body.items.map((i: { name: string }) => i.name).sort(), ['Gecikmə', 'Ödəniş']);
});

t('locations: cities and districts; no district of a district', async (c) => {
  const baku = await make(c, 'locations', { name: 'Bakı' });
  const yasamal = await make(c, 'locations', { name: 'Yasamal', cityId: baku.id });
  const deeper = await call(c, 'POST', '/api/v1/settings/locations', { name: 'Deeper', cityId: yasamal.id });
  assert.is(deeper.status, 400);
  assert.match(deeper.body.error.message, /district/);
  assert.is((await call(c, 'POST', '/api/v1/settings/locations', { name: 'yasamal', cityId: baku.id })).status, 409);
  assert.is((await call(c, 'POST', '/api/v1/settings/locations', { name: 'Yasamal' })).status, 201, 'a city may share a district name');
  const districts = await call(c, 'GET', `/api/v1/settings/locations?cityId=${baku.id}`);
  assert.equal(districts.body.items.map((i: { name: string }) => i.name), ['Yasamal']);
});

t('search folds Azerbaijani letters; paging keeps the total', async (c) => {
  for (const name of ['Şəki', 'İsmayıllı', 'Gəncə', 'Qəbələ', 'Şamaxı']) await make(c, 'locations', { name });
  const names = async (search: string) => (await call(c, 'GET', `/api/v1/settings/locations?search=${encodeURIComponent(search)}`)).body.items.map((i: { name: string }) => i.name);
  assert.equal(await names('ŞƏK'), ['Şəki']);
  assert.equal(await names('ismayilli'), ['İsmayıllı']);
  assert.equal(await names('ISMAYILLI'), ['İsmayıllı']);
  assert.equal(await names('şa'), ['Şamaxı']);
  assert.equal(await names('100%_'), []);
  const page = await call(c, 'GET', '/api/v1/settings/locations?cityId=none&limit=2&offset=1');
  const all = await call(c, 'GET', '/api/v1/settings/locations?cityId=none&limit=500');
  assert.is(page.body.items.length, 2);
  assert.is(page.body.total, all.body.total);
  assert.equal(page.body.items, all.body.items.slice(1, 3));
});

t('CSV export imports back unchanged; a bad row writes nothing', async (c) => {
  const rt = await make(c, 'request-types', { name: 'İdxal' });
  const imported = await call(c, 'POST', '/api/v1/settings/classifications/import', {
    csv: `requestType,parent,name,active\r\nİDXAL,,Xidmət,\r\nidxal,Xidmət,"Keyfiyyət, zəif",yes\r\nİdxal,,Köhnə,no\r\n`,
  });
  assert.is(imported.status, 200, JSON.stringify(imported.body));
  assert.equal(imported.body, { created: 3, updated: 0, unchanged: 0 });
  const listed = await call(c, 'GET', `/api/v1/settings/classifications?requestTypeId=${rt.id}`);
  assert.is(listed.body.total, 3);
  assert.ok(listed.body.items.some((i: { name: string; active: boolean }) => i.name === 'Köhnə' && !i.active));

  const csv = await call(c, 'GET', `/api/v1/settings/classifications?requestTypeId=${rt.id}&format=csv`);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.body, /^\ufeff?id,requestType,parent,name,active/);
  assert.match(csv.body, /"Keyfiyyət, zəif"/);
  const xlsx = await call(c, 'GET', `/api/v1/settings/classifications?requestTypeId=${rt.id}&format=xlsx`);
  assert.is(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type') ?? '', /spreadsheetml/);
  const again = await call(c, 'POST', '/api/v1/settings/classifications/import', { csv: csv.body });
  assert.equal(again.body, { created: 0, updated: 0, unchanged: 3 });

  const bad = await call(c, 'POST', '/api/v1/settings/classifications/import', {
    csv: `requestType,parent,name\r\nİdxal,,Yeni\r\nNo such type,,X\r\nİdxal,Missing,Y\r\n`,
  });
  assert.is(bad.status, 400);
  assert.is(bad.body.error.id, 'validation_failed');
  assert.equal(bad.body.error.details.map((d: { line: number }) => d.line), [3, 4]);
  assert.match(bad.body.error.details[0].message, /No such type/);
  assert.is((await call(c, 'GET', `/api/v1/settings/classifications?requestTypeId=${rt.id}`)).body.total, 3, 'the good row was not written either');

  const noHeader = await call(c, 'POST', '/api/v1/settings/locations/import', { csv: 'city\r\nBakı\r\n' });
  assert.equal(noHeader.body.error.details, [{ line: 1, message: 'missing column(s): name' }]);
  const huge = await call(c, 'POST', '/api/v1/settings/faq/import', { csv: 'title,body\r\n' + 'x'.repeat(2_100_000) });
  assert.is(huge.status, 400);

  const faq = await call(c, 'POST', '/api/v1/settings/faq/import', { csv: 'title,body,tags,requestType\r\nKart necə bağlanır?,Bankomatda.,kart;bank,İdxal\r\n' });
  assert.equal(faq.body, { created: 1, updated: 0, unchanged: 0 });
  const faqUpdate = await call(c, 'POST', '/api/v1/settings/faq/import', { csv: 'title,body,requestType\r\nKART NECƏ BAĞLANIR?,Filialda.,İdxal\r\n' });
  assert.equal(faqUpdate.body, { created: 0, updated: 1, unchanged: 0 });
  const audit = await auditOf(c, 'settings.faq.import');
  assert.is(audit[0].before[0].body, 'Bankomatda.');
  assert.is(audit[0].after.updated[0].body, 'Filialda.');
  assert.equal(audit[0].after.updated[0].tags, ['kart', 'bank'], 'no tags column keeps the tags');
});

t('delete is refused while in use, with a reason; allowed once free', async (c) => {
  const rt = await make(c, 'request-types', { name: 'Silinən' });
  const cl = await make(c, 'classifications', { requestTypeId: rt.id, name: 'Üst' });
  const sub = await make(c, 'classifications', { requestTypeId: rt.id, parentId: cl.id, name: 'Alt' });
  const city = await make(c, 'locations', { name: 'Lənkəran' });
  const district = await make(c, 'locations', { name: 'Mərkəz', cityId: city.id });

  const rtRes = await call(c, 'DELETE', `/api/v1/settings/request-types/${rt.id}`);
  assert.is(rtRes.status, 409);
  assert.is(rtRes.body.error.id, 'in_use');
  assert.match(rtRes.body.error.message, /2 classifications/);
  assert.match((await call(c, 'DELETE', `/api/v1/settings/classifications/${cl.id}`)).body.error.message, /1 sub-classifications/);
  assert.match((await call(c, 'DELETE', `/api/v1/settings/locations/${city.id}`)).body.error.message, /1 districts/);

  const contact = await http(c.app.url, 'POST', '/api/v1/contacts', { cookie: c.admin.cookie, body: { name: 'Sakin', phones: ['0251234567'], cityId: city.id, districtId: district.id } });
  assert.is(contact.status, 201);
  const usedDistrict = await call(c, 'DELETE', `/api/v1/settings/locations/${district.id}`);
  assert.is(usedDistrict.status, 409);
  assert.match(usedDistrict.body.error.message, /1 contacts/);

  // A call record names the sub-classification (rows of the call-record feature, written directly).
  await rawSql(
    c.app.dataDir,
    `insert into call_record (id, number, number_key, request_type_id, classification_id, sub_classification_id, city_id, district_id, user_id, created_at) values ('cr-del', '0251234567', '251234567', ?, ?, ?, ?, ?, 'u', 1)`,
    [rt.id, cl.id, sub.id, city.id, district.id],
  );
  const usedSub = await call(c, 'DELETE', `/api/v1/settings/classifications/${sub.id}`);
  assert.is(usedSub.status, 409);
  assert.match(usedSub.body.error.message, /1 call records/);
  await rawSql(c.app.dataDir, `delete from call_record where id = 'cr-del'`);
  assert.is((await call(c, 'DELETE', `/api/v1/settings/classifications/${sub.id}`)).status, 204);
  assert.is((await call(c, 'DELETE', `/api/v1/settings/classifications/${cl.id}`)).status, 204);
  assert.is((await call(c, 'DELETE', `/api/v1/settings/request-types/${rt.id}`)).status, 204);
  const deleted = (await auditOf(c, 'settings.request_type.delete')).find((e) => e.targetId === rt.id)!;
  assert.is(deleted.before.name, 'Silinən');
});

t('the bundle carries active items only, and its version follows every edit', async (c) => {
  const op = (c as unknown as { operator: Session }).operator;
  const bundle = async () => (await http(c.app.url, 'GET', '/api/v1/reference-bundle', { cookie: op.cookie })).body;
  const rt = await make(c, 'request-types', { name: 'Paket' });
  const cl = await make(c, 'classifications', { requestTypeId: rt.id, name: 'Aktiv' });
  const off = await make(c, 'classifications', { requestTypeId: rt.id, name: 'Passiv', active: false });
  const first = await bundle();
  assert.ok(first.requestTypes.some((r: { id: string }) => r.id === rt.id));
  assert.ok(first.classifications.some((r: { id: string }) => r.id === cl.id));
  assert.not.ok(first.classifications.some((r: { id: string }) => r.id === off.id));
  assert.is((await bundle()).version, first.version, 'no edit, same version');
  await call(c, 'PATCH', `/api/v1/settings/classifications/${cl.id}`, { name: 'Aktiv 2' });
  const second = await bundle();
  assert.is.not(second.version, first.version);
  await call(c, 'PATCH', `/api/v1/settings/request-types/${rt.id}`, { active: false });
  const third = await bundle();
  assert.not.ok(third.classifications.some((r: { id: string }) => r.id === cl.id), 'classifications of an inactive type drop out');
});

t('agents search branch and HQ FAQ together; HQ entries are read-only', async (c) => {
  const op = (c as unknown as { operator: Session }).operator;
  const rt = await make(c, 'request-types', { name: 'Kart' });
  await make(c, 'faq', { title: 'Kartı necə bloklamaq olar?', body: 'Zəng edin və ÖDƏNİŞ kartını bloklayın.', tags: ['kart'], requestTypeId: rt.id });
  await make(c, 'faq', { title: 'İş saatları', body: 'Hər gün 9-dan 18-dək.', tags: ['saat'] });
  await make(c, 'faq', { title: 'Gizli', body: 'ödəniş', active: false });
  await rawSql(c.app.dataDir, `insert into ref_item (dataset, key, payload, rev) values ('faq', 'hq-1', ?, 1)`, [
    JSON.stringify({ question: 'Ödəniş limiti nədir?', answer: 'Gündə 5000 AZN.', tags: ['limit'], locale: 'az' }),
  ]);
  const search = async (q: string) => (await http(c.app.url, 'GET', `/api/v1/faq?${q}`, { cookie: op.cookie })).body;
  const found = await search('search=%C3%B6d%C9%99ni%C5%9F'); // "ödəniş"
  assert.equal(found.items.map((f: { title: string; origin: string }) => [f.title, f.origin]), [
    ['Kartı necə bloklamaq olar?', 'branch'],
    ['Ödəniş limiti nədir?', 'hq'],
  ]);
  assert.is(found.total, 2);
  assert.equal((await search('search=SAAT')).items.map((f: { title: string }) => f.title), ['İş saatları'], 'tags and titles are searched too');
  const other = await make(c, 'request-types', { name: 'Kredit' });
  const byType = await search(`requestTypeId=${other.id}&limit=50`);
  assert.not.ok(byType.items.some((f: { title: string }) => f.title.startsWith('Kartı')), 'another type hides this type’s entries');
  assert.ok(byType.items.some((f: { title: string }) => f.title === 'İş saatları'), 'general entries stay');
  const paged = await search('limit=1&offset=1');
  assert.is(paged.items.length, 1);
  assert.ok(paged.total >= 3);
  assert.is((await http(c.app.url, 'PATCH', '/api/v1/settings/faq/hq:hq-1', { cookie: c.admin.cookie, body: { title: 'X' } })).status, 404);
  assert.is((await http(c.app.url, 'GET', '/api/v1/faq')).status, 401);
});

t.run();

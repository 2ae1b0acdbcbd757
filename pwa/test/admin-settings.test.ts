import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

/**
 * Issue 6 end to end against a real appliance in demo mode: an admin sets
 * reference lists, a queue, a pause reason and a sound up in the admin
 * area, sees the appliance's refusals where they belong, and an operator
 * in another browser context finds it all in the call-handling window, the
 * FAQ search and the pause menu.
 */
const test = suite('admin settings: every setting taking effect');
// No random demo traffic: only the call this file places.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

const TYPE = 'Texniki nasazlıq';
const PANEL = 'ec-settings-panel';
const LIST = `${PANEL} ec-catalog-panel`;
const FORM = `${PANEL} ec-settings-form`;
const row = (name: string) => `${PANEL} ec-settings-table tr[data-name="${name}"]`;

let admin: Page;
let problems: string[];

async function openScreen(id: string) {
  await admin.click(`${PANEL} ec-nav-bar a[data-route="${id}"]`);
  await admin.waitForSelector(`${PANEL} [data-screen="${id}"]`);
  assert.is(new URL(admin.url()).pathname, `/admin/settings/${id}`);
}

async function save() {
  await admin.click(`${FORM} button[data-action="save"]`);
}

/** Saved: the form closes and the row shows. */
async function saved(name: string) {
  await admin.waitForSelector(row(name));
  await admin.waitForSelector(FORM, { state: 'detached' });
}

/** 0.2 s of 8 kHz 16-bit mono silence. */
function wav(): Buffer {
  const data = Buffer.alloc(3200);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

test('an admin sets up the reference lists; the appliance refuses with reasons at the right place', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  admin = await context.newPage();
  problems = watchPage(admin).problems;
  await admin.goto('/admin/settings');
  await login(admin, 'admin', 'admin-demo');
  // The area opens on its first screen, reachable from the main navigation.
  await admin.waitForSelector(`${PANEL} [data-screen="request-types"]`);
  assert.is(await admin.getAttribute('ec-app ec-nav-bar a[aria-current="page"]', 'data-route'), 'settings');

  // A request type with a required field; a bad key is refused at that field.
  await admin.click(`${LIST} button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="name"]`, TYPE);
  await admin.click(`${FORM} button[data-action="add-field"]`);
  await admin.fill(`${FORM} input[name="field-key"]`, 'Model!');
  await admin.fill(`${FORM} input[name="field-label"]`, 'Cihazın modeli');
  await admin.check(`${FORM} input[name="field-required"]`);
  await save();
  const keyError = admin.locator(`${FORM} ec-field-definitions [data-error-for="fields.0.key"]`);
  await keyError.waitFor();
  assert.match((await keyError.textContent()) ?? '', /lowercase letters/);
  assert.match((await admin.textContent(`${FORM} ec-error-message [role="alert"]`)) ?? '', /Məlumat düzgün deyil\./);
  await admin.fill(`${FORM} input[name="field-key"]`, 'device_model');
  // How requests of this type are worked: SLA in working hours, the executing group, who may move them.
  await admin.fill(`${FORM} input[name="responseHours"]`, '4');
  await admin.fill(`${FORM} input[name="resolutionHours"]`, '16');
  await admin.selectOption(`${FORM} select[name="group"]`, 'support');
  await admin.selectOption(`${FORM} select[name="movers"]`, 'group');
  await save();
  await saved(TYPE);
  assert.match((await admin.textContent(`${row(TYPE)} [data-col="fields"]`)) ?? '', /Cihazın modeli \(Mətn, məcburi\)/);
  const types = (await (await admin.request.get(`/api/v1/settings/request-types?search=${encodeURIComponent(TYPE)}`)).json()) as { items: { name: string; ticket: unknown }[] };
  assert.equal(types.items.find((x) => x.name === TYPE)?.ticket, { responseHours: 4, resolutionHours: 16, group: 'support', templateId: null, movers: 'group', statuses: [] });

  // A classification and its sub-classification under the new type.
  await openScreen('classifications');
  await admin.selectOption(`${LIST} select[name="filter-requestTypeId"]`, { label: TYPE });
  await admin.waitForSelector(`${LIST} [data-field="empty"]`);
  await admin.click(`${LIST} button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="name"]`, 'İnternet');
  await save();
  await saved('İnternet');
  await admin.click(`${row('İnternet')} button[data-action="add-child"]`);
  await admin.fill(`${FORM} input[name="name"]`, 'Router');
  await save();
  await admin.waitForSelector(`${row('Router')}[data-depth="1"]`);
  assert.match((await admin.textContent(`${row('Router')} [data-col="level"]`)) ?? '', /Alt təsnifatı · İnternet/);

  // A city with a district; then an import whose third line names a city that does not exist.
  await openScreen('locations');
  await admin.click(`${LIST} button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="name"]`, 'Gəncə');
  await save();
  await saved('Gəncə');
  await admin.click(`${row('Gəncə')} button[data-action="add-child"]`);
  await admin.fill(`${FORM} input[name="name"]`, 'Kəpəz');
  await save();
  await admin.waitForSelector(`${row('Kəpəz')}[data-depth="1"]`);
  await admin.click(`${LIST} button[data-action="import-open"]`);
  await admin.setInputFiles(`${LIST} ec-csv-import input[type="file"]`, { name: 'places.csv', mimeType: 'text/csv', buffer: Buffer.from('name,city\nSumqayıt,\nXırdalan,Yoxdur\n') });
  await admin.click(`${LIST} ec-csv-import button[data-action="import"]`);
  const bad = admin.locator(`${LIST} ec-csv-import li[data-line="3"]`);
  await bad.waitFor();
  assert.match((await bad.textContent()) ?? '', /Sətir 3:[\s\S]*no city “Yoxdur”/);
  assert.is(await admin.locator(`${LIST} ec-csv-import li[data-line]`).count(), 1, 'only the bad line is listed');
  assert.is(await admin.locator(row('Sumqayıt')).count(), 0, 'nothing was imported');

  // A FAQ entry for the new type.
  await openScreen('faq');
  await admin.click(`${LIST} button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="title"]`, 'Router necə sıfırlanır');
  await admin.fill(`${FORM} textarea[name="body"]`, 'Arxadakı düyməni 10 saniyə basılı saxlayın.');
  await admin.fill(`${FORM} input[name="tags"]`, 'router, wifi');
  await admin.selectOption(`${FORM} select[name="requestTypeId"]`, { label: TYPE });
  await save();
  await saved('Router necə sıfırlanır');
  assert.match((await admin.textContent(row('Router necə sıfırlanır'))) ?? '', new RegExp(`router, wifi[\\s\\S]*${TYPE}`));

  // The request type is in use now: deleting it is refused, with the appliance's reason.
  await openScreen('request-types');
  await admin.click(`${row(TYPE)} button[data-action="delete"]`);
  await admin.click(`${row(TYPE)} button[data-action="confirm-delete"]`);
  const refused = admin.locator(`${LIST} section[data-list="request-types"] ec-error-message [role="alert"]`);
  await refused.waitFor();
  assert.match((await refused.textContent()) ?? '', /İstifadədədir[\s\S]*is in use \(.*classification/);
  assert.ok(await admin.isVisible(row(TYPE)));
  assert.equal(problems, []);
});

test('queues, pause reasons and sounds are saved and read back through the API', async () => {
  // A queue's maximum wait: refused at its field when too short, then saved.
  await openScreen('queues');
  await admin.click(`${row('Satış')} button[data-action="edit"]`);
  await admin.fill(`${FORM} input[name="maxWaitSeconds"]`, '2');
  await admin.selectOption(`${FORM} select[name="timeoutAction"]`, 'hangup');
  await save();
  await admin.waitForSelector(`${FORM} [data-error-for="maxWaitSeconds"]`);
  await admin.fill(`${FORM} input[name="maxWaitSeconds"]`, '240');
  // Skill levels: a token that is not agent:level is named at its field, not dropped.
  await admin.fill(`${FORM} input[name="penalties"]`, '101:0, 102:5, x1');
  await save();
  await admin.waitForSelector(`${FORM} [data-error-for="penalties"]`);
  await admin.fill(`${FORM} input[name="penalties"]`, '101:0, 102:5');
  await save();
  await admin.waitForSelector(FORM, { state: 'detached' });
  assert.match((await admin.textContent(`${row('Satış')} [data-col="maxWait"]`)) ?? '', /240/);
  const acd = (await (await admin.request.get('/api/v1/settings/acd')).json()) as { queues: { id: string; maxWaitSeconds: number; timeoutAction: string }[] };
  const sales = acd.queues.find((q) => q.id === 'sales');
  assert.is(sales?.maxWaitSeconds, 240);
  assert.is(sales?.timeoutAction, 'hangup');
  assert.equal((sales as unknown as { penalties: Record<string, number> }).penalties, { '101': 0, '102': 5 });

  // A billable pause reason with its three names.
  await openScreen('pause-reasons');
  await admin.click(`${LIST} button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="code"]`, 'coaching');
  await admin.fill(`${FORM} input[name="name.az"]`, 'Kouçinq');
  await admin.fill(`${FORM} input[name="name.en"]`, 'Coaching');
  await admin.check(`${FORM} input[name="billable"]`);
  await save();
  await saved('Kouçinq');
  const reasons = (await (await admin.request.get('/api/v1/pause-reasons')).json()) as { items: { code: string; billable: boolean }[] };
  assert.equal(reasons.items.find((r) => r.code === 'coaching'), { code: 'coaching', name: { az: 'Kouçinq', en: 'Coaching' }, billable: true });

  // An IVR sound: uploaded as audio, listed, and playable from the appliance.
  await openScreen('sounds');
  await admin.setInputFiles(`${PANEL} ec-sound-upload input[type="file"]`, { name: 'Xoş gəlmisiniz.wav', mimeType: 'audio/wav', buffer: wav() });
  await admin.fill(`${PANEL} ec-sound-upload input[name="name"]`, 'welcome-az');
  await admin.click(`${PANEL} ec-sound-upload button[data-action="upload"]`);
  await admin.waitForSelector(row('welcome-az'));
  const src = await admin.getAttribute(`${row('welcome-az')} audio`, 'src');
  const audio = await admin.request.get(src!);
  assert.is(audio.status(), 200);
  assert.match(audio.headers()['content-type'] ?? '', /audio\/wav/);

  // The admin area links to the audit log, which has these changes.
  await admin.click(`${PANEL} ec-nav-bar a[data-route="audit-link"]`);
  await admin.waitForSelector('ec-audit-table tr[data-seq]');
  assert.match((await admin.textContent('ec-audit-table tbody')) ?? '', /settings\.acd/);
  assert.equal(problems, []);
  await admin.context().close();
});

test("the operator finds it all: the window's cascade and required field, the FAQ, the pause menu", async () => {
  const api: APIRequestContext = await request.newContext({ baseURL: env.appliance.url });
  assert.ok((await api.post('/api/v1/auth/login', { data: { username: 'admin', password: 'admin-demo' } })).ok());
  // Only agent 101 takes the call: the simulated agents step away.
  for (const a of ['102', '103', '104']) await api.post(`/api/v1/supervisor/agents/${a}/pause`, { data: { reason: 'break' } });

  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/operator');
  await login(page, 'operator', 'operator-demo');
  const state = () => page.getAttribute('ec-operator-panel ec-agent-state-badge', 'state');
  await page.click('ec-operator-panel button[data-action="agent-login"]');
  await page.waitForFunction(() => document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-agent-state-badge')?.getAttribute('state') === 'paused');

  // The pause menu is the admin's list, in the user's language.
  await page.waitForSelector('ec-operator-panel select[name="reason"] option[value="coaching"]', { state: 'attached' });
  assert.is((await page.textContent('ec-operator-panel select[name="reason"] option[value="coaching"]'))?.trim(), 'Kouçinq');
  await page.click('ec-operator-panel button[data-action="agent-ready"]');
  await page.waitForFunction(() => document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-agent-state-badge')?.getAttribute('state') === 'ready');
  assert.is(await state(), 'ready');

  assert.ok((await api.post('/api/v1/demo/calls', { data: { number: '+994503334455', digits: '1' } })).ok());
  const form = 'ec-operator-panel ec-call-window ec-call-record-form';
  await page.waitForSelector(`${form} select[name="requestTypeId"]`, { timeout: 60_000 });
  await page.selectOption(`${form} select[name="requestTypeId"]`, { label: TYPE });
  const options = (name: string) => page.locator(`${form} select[name="${name}"] option`).allTextContents();
  assert.ok((await options('classificationId')).includes('İnternet'));
  await page.selectOption(`${form} select[name="classificationId"]`, { label: 'İnternet' });
  assert.ok((await options('subClassificationId')).includes('Router'));
  assert.ok(await page.isVisible(`${form} input[name="fields.device_model"][aria-required="true"]`), "the type's required field is asked for");
  await page.selectOption(`${form} select[name="cityId"]`, { label: 'Gəncə' });
  assert.ok((await options('districtId')).includes('Kəpəz'));

  // The FAQ search finds the new entry.
  await page.fill('ec-operator-panel ec-faq-browser input[name="faq-search"]', 'sıfırlanır');
  await page.waitForSelector('ec-operator-panel ec-faq-browser li[data-faq-id] >> text=Router necə sıfırlanır');
  assert.equal(watch.problems, []);
  await context.close();
  await api.dispose();
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

/**
 * Issue 5 end to end, against a real appliance in demo mode: a simulated
 * caller reaches agent 101 (the human demo agent), the screen pop finds
 * the contact, the call-handling window saves a record (online, then
 * offline through the outbox), the record shows in the call lists, and
 * missed calls land in the callback list and close after a callback.
 */
const test = suite('operator records: screen pop, call-handling window, outbox, call lists, callbacks');
// No random demo traffic: only the calls this file places.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

const KNOWN = '+994501112233';
const MISSED = '+994557778899';
const PANEL = 'ec-operator-panel';
const WINDOW = `${PANEL} ec-call-window`;
const FORM = `${WINDOW} ec-call-record-form`;

interface Ref {
  typeA: string;
  typeB: string;
  classA1: string;
  classA2: string;
  subA1: string;
  classB1: string;
}

let admin: APIRequestContext;
let ref: Ref;
let context: BrowserContext;
let page: Page;
let problems: string[];

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function post<T = { id: string }>(path: string, data: unknown): Promise<T> {
  return ok<T>(await admin.post(path, { data }), `POST ${path}`);
}

/** Evaluates inside the operator panel's shadow root chain (the state badge's attribute). */
async function agentState(): Promise<string> {
  return (await page.getAttribute(`${PANEL} ec-agent-state-badge`, 'state')) ?? '';
}

async function waitForState(states: string[], timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (states.includes(await agentState().catch(() => ''))) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`agent 101 never reached ${states.join('/')} (is ${await agentState()})`);
}

/** Places a simulated call and waits for its screen pop on agent 101; returns the call id. */
async function ringFrom(number: string, extra: Record<string, unknown> = {}): Promise<string> {
  const win = page.locator(`${WINDOW} [data-window-call]`);
  // The window of the previous call stays open for its after-call work: wait for a new one.
  const previous = (await win.count()) ? await win.getAttribute('data-window-call') : null;
  await post('/api/v1/demo/calls', { number, digits: '1', ...extra });
  await page.waitForFunction(
    ([n, prev]) => {
      const panel = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot;
      const w = panel?.querySelector('ec-call-window')?.shadowRoot;
      const id = w?.querySelector('[data-window-call]')?.getAttribute('data-window-call');
      return w?.querySelector('[data-field="window-number"]')?.textContent?.trim() === n && !!id && id !== prev;
    },
    [number, previous] as const,
    { timeout: 60_000 },
  );
  return (await win.getAttribute('data-window-call'))!;
}

async function records(callId: string): Promise<{ id: string; classificationId: string; clientId: string | null }[]> {
  return (await ok<{ items: { id: string; classificationId: string; clientId: string | null }[] }>(await admin.get(`/api/v1/call-records?callId=${encodeURIComponent(callId)}`), 'records')).items;
}

/** A test starts with agent 101 ready, whatever the previous one left behind (a failure mid-call). */
async function settle() {
  const state = await agentState();
  if (['ringing', 'talking', 'holding'].includes(state)) await page.request.post('/api/v1/agent/hangup');
  await waitForState(['acw', 'ready', 'paused']);
  if ((await agentState()) === 'acw') await page.request.post('/api/v1/agent/acw/end');
  if ((await agentState()) !== 'ready') await page.request.post('/api/v1/agent/ready');
  await waitForState(['ready']);
}

async function endCall() {
  await page.click(`${PANEL} button[data-action="hangup"]`);
  await waitForState(['acw']);
  await page.click(`${PANEL} button[data-action="acw-end"]`);
  await waitForState(['ready']);
}

/** Once, for the file's tests (which follow one operator's shift, in order). */
let setup: Promise<void> | null = null;
const ready = () => (setup ??= setUp());

async function setUp() {
  admin = await request.newContext({ baseURL: env.appliance.url });
  await post('/api/v1/auth/login', { username: 'admin', password: 'admin-demo' });
  // Only agent 101 takes calls here: the simulated agents step away.
  for (const a of ['102', '103', '104']) await admin.post(`/api/v1/supervisor/agents/${a}/pause`, { data: { reason: 'break' } });

  const typeA = (await post('/api/v1/settings/request-types', { name: 'Məlumat sorğusu' })).id;
  const typeB = (await post('/api/v1/settings/request-types', {
    name: 'Şikayət',
    fields: [{ key: 'amount', label: 'Məbləğ', type: 'number', required: true }],
  })).id;
  const classA1 = (await post('/api/v1/settings/classifications', { requestTypeId: typeA, name: 'Tariflər' })).id;
  const classA2 = (await post('/api/v1/settings/classifications', { requestTypeId: typeA, name: 'Köhnə təsnifat' })).id;
  const subA1 = (await post('/api/v1/settings/classifications', { requestTypeId: typeA, parentId: classA1, name: 'Mobil internet' })).id;
  const classB1 = (await post('/api/v1/settings/classifications', { requestTypeId: typeB, name: 'Xidmət keyfiyyəti' })).id;
  await post('/api/v1/settings/faq', { title: 'İnternet paketləri', body: 'Aylıq 10 GB paket: 15 AZN.', requestTypeId: typeA });
  await post('/api/v1/settings/faq', { title: 'Şikayətin qeydiyyatı', body: 'Şikayət 3 iş günü ərzində cavablandırılır.', requestTypeId: typeB });
  ref = { typeA, typeB, classA1, classA2, subA1, classB1 };
  await post('/api/v1/contacts', { name: 'Leyla Həsənova', phones: [KNOWN] });

  context = await newContext(env.browser, env.appliance.url);
  page = await context.newPage();
  problems = watchPage(page).problems;
  await page.goto('/');
  await login(page, 'operator', 'operator-demo');
  await page.click('ec-nav-bar a[data-route="operator"]');
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  await page.click(`${PANEL} button[data-action="agent-login"]`);
  await waitForState(['paused']);
  await page.click(`${PANEL} button[data-action="agent-ready"]`);
  await waitForState(['ready']);
}

test.before.each(() => ready());
test.after(async () => {
  await context?.close().catch(() => undefined);
  await admin?.dispose().catch(() => undefined);
});

/** Polls the texts of the elements a selector matches until they are the expected ones. */
async function waitForTexts(selector: string, expected: string[], timeout = 15_000) {
  const end = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < end) {
    seen = (await page.locator(selector).allTextContents()).map((s) => s.trim());
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await page.waitForTimeout(200);
  }
  assert.equal(seen, expected, selector);
}

test('the screen pop shows the known caller; the window saves a classified record that the call lists show', async () => {
  const callId = await ringFrom(KNOWN);
  await page.waitForSelector(`${WINDOW} ec-caller-contact [data-field="contact-name"]`);
  assert.is((await page.textContent(`${WINDOW} ec-caller-contact [data-field="contact-name"]`))?.trim(), 'Leyla Həsənova');
  assert.is((await page.textContent(`${WINDOW} [data-field="window-queue"]`))?.trim(), 'sales');
  await waitForState(['talking']);

  // Type → classification → sub-classification; changing the type clears the lower levels.
  await page.selectOption(`${FORM} select[name="requestTypeId"]`, ref.typeA);
  await page.selectOption(`${FORM} select[name="classificationId"]`, ref.classA1);
  await page.selectOption(`${FORM} select[name="subClassificationId"]`, ref.subA1);
  await page.selectOption(`${FORM} select[name="requestTypeId"]`, ref.typeB);
  assert.is(await page.inputValue(`${FORM} select[name="classificationId"]`), '');
  assert.ok(await page.isDisabled(`${FORM} select[name="subClassificationId"]`), 'no sub-classification without a classification');
  // The type's own field, marked required; the FAQ narrows to the type.
  await page.waitForSelector(`${FORM} input[name="fields.amount"][aria-required="true"]`);
  await waitForTexts(`${PANEL} ec-faq-browser ec-faq-list summary`, ['Şikayətin qeydiyyatı']);

  // Without a classification the form refuses by itself, with a clear message.
  await page.click(`${FORM} button[data-action="save-record"]`);
  assert.is((await page.textContent(`${FORM} [data-error-for="classificationId"]`))?.trim(), 'Müraciətin təsnifatını seçin.');
  // A required field left empty: the appliance refuses and its message sits under the field.
  await page.selectOption(`${FORM} select[name="classificationId"]`, ref.classB1);
  await page.click(`${FORM} button[data-action="save-record"]`);
  await page.waitForSelector(`${FORM} [data-error-for="fields.amount"]`);
  assert.match((await page.textContent(`${FORM} [data-error-for="fields.amount"]`)) ?? '', /Məbləğ/);
  assert.equal(await records(callId), [], 'nothing saved');

  // The reference lists changed after the window opened (a stale copy): the appliance's refusal names the field.
  await ok(await admin.patch(`/api/v1/settings/classifications/${ref.classA2}`, { data: { requestTypeId: ref.typeB } }), 'move classification');
  await page.selectOption(`${FORM} select[name="requestTypeId"]`, ref.typeA);
  await page.selectOption(`${FORM} select[name="classificationId"]`, ref.classA2);
  await page.click(`${FORM} button[data-action="save-record"]`);
  await page.waitForSelector(`${FORM} [data-error-for="classificationId"]`);
  assert.match((await page.textContent(`${FORM} [data-error-for="classificationId"]`)) ?? '', /Köhnə təsnifat.*Məlumat sorğusu/);
  assert.is((await page.textContent(`${FORM} ec-error-message .message`))?.trim(), 'Məlumat düzgün deyil.');
  assert.equal(await records(callId), [], 'still nothing saved');

  await page.selectOption(`${FORM} select[name="classificationId"]`, ref.classA1);
  await page.selectOption(`${FORM} select[name="subClassificationId"]`, ref.subA1);
  await page.fill(`${FORM} textarea[name="note"]`, 'Paket haqqında soruşdu');
  await page.click(`${FORM} button[data-action="save-record"]`);
  await page.waitForSelector(`${WINDOW} [data-field="record-saved"][data-status="sent"]`);
  const saved = await records(callId);
  assert.is(saved.length, 1);
  assert.is(saved[0].classificationId, ref.classA1);
  assert.is(await page.locator('ec-outbox-status [data-field="outbox-count"]').count(), 0, 'nothing left in the outbox');

  // Via the API: a classification of another request type is refused, and nothing is written.
  const bad = await admin.post('/api/v1/call-records', { data: { callId, number: KNOWN, requestTypeId: ref.typeA, classificationId: ref.classB1 } });
  assert.is(bad.status(), 400);
  const body = (await bad.json()) as { error: { id: string; details: { field?: string; path?: string; message: string }[] } };
  assert.is(body.error.id, 'validation_failed');
  assert.ok(body.error.details.some((d) => (d.field ?? d.path) === 'classificationId' && /Xidmət keyfiyyəti/.test(d.message)), JSON.stringify(body.error));
  assert.is((await records(callId)).length, 1);

  await endCall();

  // The incoming list shows the call with its classification (UI and API).
  await page.click('ec-nav-bar a[data-route="calls"]');
  await page.click('ec-call-lists-panel button[data-tab="incoming"]');
  const row = page.locator(`ec-call-lists-panel ec-call-list-table[data-list="incoming"] tr[data-call-id="${callId}"]`);
  await row.waitFor({ timeout: 15_000 });
  assert.match((await row.locator('[data-field="classification"]').textContent()) ?? '', /Məlumat sorğusu › Tariflər › Mobil internet/);
  assert.is((await row.locator('[data-field="contact"]').textContent())?.trim(), 'Leyla Həsənova');
  await row.click();
  await page.waitForSelector('ec-call-lists-panel ec-call-detail ec-call-journey li[data-event="answered"]');
  assert.is((await page.textContent('ec-call-lists-panel ec-call-detail [data-field="detail-note"]'))?.trim(), 'Paket haqqında soruşdu');
  assert.is(await page.locator('ec-call-lists-panel ec-call-detail audio').count(), 0, 'operators may not listen to recordings');
  const list = await ok<{ items: { callId: string; record: { classification: string } | null }[] }>(
    await admin.get(`/api/v1/call-lists/incoming?number=${encodeURIComponent(KNOWN)}`),
    'incoming list',
  );
  assert.is(list.items.find((i) => i.callId === callId)?.record?.classification, 'Tariflər');
  // A past call can be registered from the list: the call-handling window opens for it.
  await page.click('ec-call-lists-panel ec-call-detail button[data-action="register"]');
  await page.waitForSelector(`ec-call-lists-panel ec-call-window [data-window-call="${callId}"]`);
  assert.is((await page.textContent('ec-call-lists-panel ec-call-window [data-field="window-number"]'))?.trim(), KNOWN);
  await page.click('ec-call-lists-panel ec-call-window button[data-action="close-window"]');
  // The export links carry the same selection.
  const csv = await admin.get((await page.getAttribute('ec-call-lists-panel a[data-action="export-csv"]', 'href'))!);
  assert.is(csv.status(), 200);
  assert.ok((await csv.text()).includes(callId));
  await page.click('ec-nav-bar a[data-route="operator"]');
  assert.equal(problems, []);
});

test('saved while offline: kept through a reload, sent once when back online', async () => {
  await settle();
  const callId = await ringFrom(KNOWN, { hangupAfterSeconds: 30 });
  await waitForState(['talking']);
  await page.selectOption(`${FORM} select[name="requestTypeId"]`, ref.typeA);
  await page.selectOption(`${FORM} select[name="classificationId"]`, ref.classA1);
  await context.setOffline(true);
  await page.click(`${FORM} button[data-action="save-record"]`);
  await page.waitForSelector(`${WINDOW} [data-field="record-saved"][data-status="queued"]`);
  await page.waitForSelector('ec-outbox-status [data-field="outbox-count"]');
  assert.is((await page.textContent('ec-outbox-status [data-field="outbox-count"]'))?.trim(), '1');
  assert.match((await page.textContent('ec-outbox-status .text')) ?? '', /Oflayn rejim: dəyişikliklər göndəriləcək/);

  // A browser restart while offline loses nothing: the outbox is in IndexedDB.
  await page.reload();
  await page.waitForSelector('ec-connection-banner[state="offline"]');
  await page.waitForSelector('ec-outbox-status [data-field="outbox-count"]');
  assert.is((await page.textContent('ec-outbox-status [data-field="outbox-count"]'))?.trim(), '1');
  // The FAQ reads from the device's copy.
  await page.waitForSelector(`${PANEL} ec-faq-browser [data-field="faq-cached"]`);
  await waitForTexts(`${PANEL} ec-faq-browser ec-faq-list summary`, ['İnternet paketləri', 'Şikayətin qeydiyyatı']);
  await page.click('ec-outbox-status button[data-action="outbox-toggle"]');
  await page.waitForSelector('ec-outbox-status li[data-status="pending"]');
  assert.match((await page.textContent('ec-outbox-status li[data-status="pending"]')) ?? '', /Zəng qeydi/);
  assert.equal(await records(callId), [], 'not on the appliance yet');

  await context.setOffline(false);
  await page.waitForFunction(() => !document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-outbox-status')?.shadowRoot?.querySelector('[data-field="outbox-count"]'), undefined, {
    timeout: 30_000,
  });
  const saved = await records(callId);
  assert.is(saved.length, 1, 'exactly one record');
  assert.match(saved[0].clientId ?? '', /^[A-Za-z0-9_-]{1,64}:[0-9]+$/);
  // Let the caller's 30 s run out, then leave the agent ready.
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await waitForState(['acw', 'ready'], 40_000);
  if ((await agentState()) === 'acw') await page.click(`${PANEL} button[data-action="acw-end"]`);
  await waitForState(['ready']);
  assert.equal(problems, []);
});

test('missed calls of one number make one callback entry, which a callback from the panel closes', async () => {
  await context.setOffline(false);
  if (!(await page.locator(PANEL).count())) await page.click('ec-nav-bar a[data-route="operator"]');
  await settle();
  // Nobody ready: the caller waits in the queue and gives up.
  await page.selectOption(`${PANEL} select[name="reason"]`, 'break');
  await page.click(`${PANEL} button[data-action="agent-pause"]`);
  await waitForState(['paused']);
  for (let i = 0; i < 2; i++) {
    await post('/api/v1/demo/calls', { number: MISSED, digits: '1', hangupAfterSeconds: 12 });
    await page.waitForTimeout(13_000);
  }
  const open = async () =>
    (await ok<{ items: { id: string; number: string; missedCount: number; status: string; assignedAgent: string | null }[] }>(
      await admin.get(`/api/v1/callbacks?status=open&number=${encodeURIComponent(MISSED)}`),
      'callbacks',
    )).items;
  let entries = await open();
  for (let i = 0; i < 20 && (entries.length === 0 || entries[0].missedCount < 2); i++) {
    await page.waitForTimeout(500);
    entries = await open();
  }
  assert.is(entries.length, 1, 'one entry per number');
  assert.is(entries[0].missedCount, 2);

  // Ready again: the entry is handed to agent 101, and the nav badge counts it.
  await page.click(`${PANEL} button[data-action="agent-ready"]`);
  await waitForState(['ready']);
  await page.waitForSelector('ec-nav-bar [data-badge="callbacks"]', { timeout: 15_000 });
  assert.is((await page.textContent('ec-nav-bar [data-badge="callbacks"]'))?.trim(), '1');

  await page.click('ec-nav-bar a[data-route="callbacks"]');
  const row = page.locator(`ec-callbacks-panel ec-callbacks-table[data-list="me"] tr[data-entry-id="${entries[0].id}"]`);
  await row.waitFor();
  assert.is(await page.locator(`ec-callbacks-panel tr[data-number="${MISSED}"]`).count(), 1, 'listed once');
  assert.is((await row.locator('[data-field="missed-count"]').textContent())?.trim(), '2');
  // An attempt made outside the dialler, noted through the outbox.
  await row.locator('button[data-action="outcome"]').click();
  await page.selectOption('ec-callbacks-panel ec-callback-outcome-form select[name="outcome"]', 'no_answer');
  await page.fill('ec-callbacks-panel ec-callback-outcome-form input[name="note"]', 'mobil telefondan');
  await page.click('ec-callbacks-panel ec-callback-outcome-form button[data-action="save-outcome"]');
  await page.waitForSelector('ec-callbacks-panel [data-field="callbacks-notice"]');
  const noted = await ok<{ attempts: { outcome: string; note: string }[] }>(await admin.get(`/api/v1/callbacks/${entries[0].id}`), 'entry');
  assert.ok(noted.attempts.some((a) => a.outcome === 'no_answer' && a.note === 'mobil telefondan'), JSON.stringify(noted.attempts));
  // A callback ordered for later, also through the outbox.
  const later = new Date(Date.now() + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await page.click('ec-callbacks-panel button[data-action="new-schedule"]');
  await page.fill('ec-callbacks-panel ec-callback-schedule-form input[name="number"]', '+994509990011');
  await page.fill(
    'ec-callbacks-panel ec-callback-schedule-form input[name="scheduledFor"]',
    `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`,
  );
  await page.click('ec-callbacks-panel ec-callback-schedule-form button[data-action="save-schedule"]');
  await page.waitForSelector('ec-callbacks-panel tr[data-number="+994509990011"]');
  const scheduled = (await ok<{ items: { kind: string; assignedAgent: string | null; scheduledFor: string }[] }>(
    await admin.get('/api/v1/callbacks?status=open&number=%2B994509990011'),
    'scheduled',
  )).items;
  assert.is(scheduled.length, 1);
  assert.is(scheduled[0].kind, 'scheduled');
  assert.is(scheduled[0].assignedAgent, '101');
  assert.ok(Math.abs(Date.parse(scheduled[0].scheduledFor) - later.getTime()) < 60_000, 'the local time the agent typed');

  await row.locator('button[data-action="call"]').click();
  await page.waitForSelector('ec-callbacks-panel [data-field="callbacks-notice"]');
  // The agent's phone answers, then the customer: reached, the entry closes by itself.
  let entry = { status: 'open', closeReason: null as string | null };
  for (let i = 0; i < 60 && entry.status === 'open'; i++) {
    await page.waitForTimeout(500);
    entry = await ok(await admin.get(`/api/v1/callbacks/${entries[0].id}`), 'entry');
  }
  assert.is(entry.status, 'closed');
  assert.is(entry.closeReason, 'reached_outbound');
  await page.click('ec-callbacks-panel button[data-action="refresh"]');
  await page.waitForFunction(
    (id) => !document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-callbacks-panel')?.shadowRoot?.querySelector('ec-callbacks-table')?.shadowRoot?.querySelector(`tr[data-entry-id="${id}"]`),
    entries[0].id,
    { timeout: 15_000 },
  );
  assert.equal(problems, []);
});

test('a supervisor finds the call in the lists and may play its recording', async () => {
  const callId = (await ok<{ items: { callId: string; hasRecording: boolean }[] }>(
    await admin.get(`/api/v1/call-lists/incoming?number=${encodeURIComponent(KNOWN)}`),
    'incoming',
  )).items.find((i) => i.hasRecording)?.callId;
  assert.ok(callId, 'an answered call of the known number was recorded');
  const sup = await newContext(env.browser, env.appliance.url);
  const p = await sup.newPage();
  await p.goto('/');
  await login(p, 'supervisor', 'supervisor-demo');
  await p.click('ec-nav-bar a[data-route="calls"]');
  await p.click('ec-call-lists-panel button[data-tab="incoming"]');
  await p.click(`ec-call-lists-panel tr[data-call-id="${callId}"]`);
  const src = await p.getAttribute('ec-call-lists-panel ec-call-detail audio[data-field="recording"]', 'src');
  assert.ok(src, 'the player is shown');
  const audio = await p.request.get(src!);
  assert.is(audio.status(), 200);
  assert.match(audio.headers()['content-type'] ?? '', /^audio\//);
  // Supervisors do not operate: neither "call back" nor "register".
  assert.is(await p.locator('ec-call-lists-panel ec-call-detail button[data-action="call-back"]').count(), 0);
  // The operator is refused the same URL.
  assert.is((await page.request.get(src!)).status(), 403);
  await sup.close();
});

test.run();

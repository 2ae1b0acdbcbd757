import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

/**
 * Issue 7 in the browser, against a real appliance in demo mode: a
 * simulated caller reaches agent 101, the call-handling window raises a
 * request pre-filled from the call (type, classification, note, the type's
 * template with the caller's data); the tickets panel moves it only through
 * the statuses its workflow allows; a request saved offline reaches the
 * appliance exactly once; the printable view prints the page alone.
 */
const test = suite('electronic requests: from a call, workflow, offline, printable view');
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

const KNOWN = '+994501234500';
const PANEL = 'ec-operator-panel';
const WINDOW = `${PANEL} ec-call-window`;
const FORM = `${WINDOW} ec-call-record-form`;
const TFORM = `${WINDOW} ec-ticket-form`;
const VIEW = 'ec-tickets-panel ec-ticket-view';

let admin: APIRequestContext;
let ref: { type: string; cls: string; contact: string };
let context: BrowserContext;
let page: Page;
let problems: string[];
let ticket: { id: string; ref: string };

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
const post = <T = { id: string }>(path: string, data: unknown) => admin.post(path, { data }).then((r) => ok<T>(r, `POST ${path}`));

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
/** The statuses the request's page offers, in order. */
const offered = () => page.locator(`${VIEW} button[data-action="status"]`).evaluateAll((bs) => bs.map((b) => b.getAttribute('data-status')));
const outboxGone = () =>
  page.waitForFunction(() => !document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-outbox-status')?.shadowRoot?.querySelector('[data-field="outbox-count"]'), undefined, { timeout: 30_000 });

let setup: Promise<void> | null = null;
const ready = () => (setup ??= setUp());

async function setUp() {
  admin = await request.newContext({ baseURL: env.appliance.url });
  await post('/api/v1/auth/login', { username: 'admin', password: 'admin-demo' });
  for (const a of ['102', '103', '104']) await admin.post(`/api/v1/supervisor/agents/${a}/pause`, { data: { reason: 'break' } });
  const template = (await post('/api/v1/settings/templates', { name: 'Zəngdən müraciət', channel: 'request', body: 'Zəng {{call.number}}: {{contact.name}}' })).id;
  const type = (await post('/api/v1/settings/request-types', {
    name: 'Çatdırılma şikayəti',
    fields: [{ key: 'order', label: 'Sifariş nömrəsi', type: 'text', required: true }],
    ticket: { resolutionHours: 8, responseHours: 2, group: 'sales', templateId: template },
  })).id;
  const cls = (await post('/api/v1/settings/classifications', { requestTypeId: type, name: 'Gecikmə' })).id;
  const contact = (await post('/api/v1/contacts', { name: 'Fərid Məmmədov', phones: [KNOWN] })).id;
  ref = { type, cls, contact };

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

test('a request raised in the call-handling window carries the call: caller, contact, type, classification, note, template', async () => {
  await post('/api/v1/demo/calls', { number: KNOWN, digits: '1' });
  await page.waitForFunction(
    (n) => {
      const w = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-call-window')?.shadowRoot;
      return w?.querySelector('[data-field="window-number"]')?.textContent?.trim() === n;
    },
    KNOWN,
    { timeout: 60_000 },
  );
  const callId = (await page.getAttribute(`${WINDOW} [data-window-call]`, 'data-window-call'))!;
  await waitForState(['talking']);
  await page.waitForSelector(`${WINDOW} ec-caller-contact [data-field="contact-name"]`);

  await page.selectOption(`${FORM} select[name="requestTypeId"]`, ref.type);
  await page.selectOption(`${FORM} select[name="classificationId"]`, ref.cls);
  await page.fill(`${FORM} textarea[name="note"]`, 'Sifariş 3 gündür gecikir');
  await page.click(`${FORM} button[data-action="create-ticket"]`);

  // The request form opens with the window's choices, its description from the type's template and the note.
  await page.waitForSelector(`${TFORM} select[name="classificationId"]`);
  assert.is(await page.inputValue(`${TFORM} select[name="requestTypeId"]`), ref.type);
  assert.is(await page.inputValue(`${TFORM} select[name="classificationId"]`), ref.cls);
  await page.waitForFunction(
    () => {
      const f = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-call-window')?.shadowRoot?.querySelector('ec-ticket-form')?.shadowRoot;
      return (f?.querySelector('textarea[name="description"]') as HTMLTextAreaElement | null)?.value.includes('Fərid Məmmədov');
    },
    undefined,
    { timeout: 15_000 },
  );
  assert.is(await page.inputValue(`${TFORM} textarea[name="description"]`), `Zəng ${KNOWN}: Fərid Məmmədov\n\nSifariş 3 gündür gecikir`);
  assert.is(await page.inputValue(`${TFORM} input[name="subject"]`), 'Çatdırılma şikayəti — Gecikmə');

  // The type's required field left empty: the appliance refuses, its words under the field; nothing is created.
  await page.click(`${TFORM} button[data-action="save-ticket"]`);
  await page.waitForSelector(`${TFORM} [data-error-for="fields.order"]`);
  assert.match((await page.textContent(`${TFORM} [data-error-for="fields.order"]`)) ?? '', /Sifariş nömrəsi/);
  const none = await ok<{ total: number }>(await admin.get(`/api/v1/tickets?callId=${encodeURIComponent(callId)}`), 'tickets of the call');
  assert.is(none.total, 0);

  await page.fill(`${TFORM} input[name="fields.order"]`, 'S-100');
  await page.click(`${TFORM} button[data-action="save-ticket"]`);
  await page.waitForSelector(`${WINDOW} [data-field="ticket-saved"][data-status="sent"]`);
  const linkText = (await page.textContent(`${WINDOW} [data-field="ticket-link"]`))?.trim() ?? '';
  const list = await ok<{ items: { id: string; ref: string; number: string; contactId: string; channel: string; callId: string; agent: string; description: string; fields: Record<string, unknown> }[] }>(
    await admin.get(`/api/v1/tickets?callId=${encodeURIComponent(callId)}`),
    'tickets of the call',
  );
  assert.is(list.items.length, 1);
  const t = list.items[0];
  assert.equal([t.ref, t.channel, t.callId, t.number, t.contactId, t.agent], [linkText, 'call', callId, KNOWN, ref.contact, '101']);
  assert.equal(t.fields, { order: 'S-100' });
  assert.match(t.description, /Sifariş 3 gündür gecikir$/);
  ticket = { id: t.id, ref: t.ref };

  await page.click(`${PANEL} button[data-action="hangup"]`);
  await waitForState(['acw']);
  await page.click(`${PANEL} button[data-action="acw-end"]`);
  await waitForState(['ready']);
  assert.equal(problems, []);
});

test('the tickets panel moves the request only through the statuses its workflow allows', async () => {
  await page.click('ec-nav-bar a[data-route="tickets"]');
  const row = page.locator(`ec-tickets-panel ec-ticket-table tr[data-ticket-id="${ticket.id}"]`);
  await row.waitFor({ timeout: 15_000 });
  assert.is((await row.locator('[data-field="ticket-ref"]').textContent())?.trim(), ticket.ref);
  await row.locator('[data-field="ticket-ref"]').click();
  await page.waitForSelector(`${VIEW} [data-field="ticket-status"][data-status="new"]`);
  assert.is(new URL(page.url()).pathname, `/tickets/${ticket.id}`);
  assert.is(await page.getAttribute(`${VIEW} ec-sla-clock[data-clock="resolution"]`, 'data-state'), 'running');
  assert.equal(await offered(), ['in_progress', 'closed'], 'from “new” only where the workflow goes');

  const steps: [string, string[]][] = [
    ['in_progress', ['waiting_customer', 'resolved']],
    ['waiting_customer', ['in_progress', 'resolved']],
    ['in_progress', ['waiting_customer', 'resolved']],
    ['resolved', ['in_progress', 'closed']],
  ];
  for (const [status, next] of steps) {
    await page.click(`${VIEW} button[data-action="status"][data-status="${status}"]`);
    await page.waitForSelector(`${VIEW} [data-field="ticket-status"][data-status="${status}"]`);
    assert.equal(await offered(), next, `after ${status}`);
    if (status === 'waiting_customer') assert.is(await page.getAttribute(`${VIEW} ec-sla-clock[data-clock="resolution"]`, 'data-state'), 'paused', 'the SLA waits with the customer');
  }
  const history = await ok<{ items: { kind: string; data: { after?: { status?: string } } }[] }>(await admin.get(`/api/v1/tickets/${ticket.id}/history`), 'history');
  assert.equal(history.items.filter((e) => e.kind === 'status').map((e) => e.data.after?.status), ['in_progress', 'waiting_customer', 'in_progress', 'resolved']);
  assert.is(await page.locator(`${VIEW} ec-ticket-history li[data-kind="status"]`).count(), 4, 'the history on the page');

  // A comment goes through the outbox and lands in the history.
  await page.fill(`${VIEW} textarea[name="comment"]`, 'Müştəriyə zəng edildi');
  await page.click(`${VIEW} button[data-action="send-comment"]`);
  await page.waitForSelector(`${VIEW} ec-ticket-history li[data-kind="comment"]`);
  assert.equal(problems, []);
});

test('a request saved offline reaches the appliance exactly once', async () => {
  await page.click(`${VIEW} button[data-action="back"]`);
  await page.click('ec-tickets-panel button[data-action="new-ticket"]');
  const NEW = 'ec-tickets-panel ec-ticket-new ec-ticket-form';
  await page.waitForSelector(`${NEW} select[name="requestTypeId"]`);
  await context.setOffline(true);
  await page.selectOption(`${NEW} select[name="channel"]`, 'walk_in');
  await page.fill(`${NEW} input[name="customerName"]`, 'Oflayn Qonaq');
  await page.selectOption(`${NEW} select[name="requestTypeId"]`, ref.type);
  await page.selectOption(`${NEW} select[name="classificationId"]`, ref.cls);
  await page.fill(`${NEW} input[name="fields.order"]`, 'S-200');
  await page.fill(`${NEW} input[name="subject"]`, 'Oflayn yazılmış müraciət');
  await page.click(`${NEW} button[data-action="save-ticket"]`);
  await page.waitForSelector('ec-tickets-panel ec-ticket-new [data-field="ticket-queued"]');
  await page.waitForSelector('ec-outbox-status [data-field="outbox-count"]');
  assert.is((await page.textContent('ec-outbox-status [data-field="outbox-count"]'))?.trim(), '1');
  const search = `/api/v1/tickets?search=${encodeURIComponent('Oflayn yazılmış')}`;
  assert.is((await ok<{ total: number }>(await admin.get(search), 'search')).total, 0, 'not on the appliance yet');

  await context.setOffline(false);
  await outboxGone();
  const found = await ok<{ total: number; items: { clientId: string | null; customerName: string; channel: string }[] }>(await admin.get(search), 'search');
  assert.is(found.total, 1, 'exactly one request');
  assert.match(found.items[0].clientId ?? '', /^[A-Za-z0-9_-]{1,64}:[0-9]+$/);
  assert.equal([found.items[0].customerName, found.items[0].channel], ['Oflayn Qonaq', 'walk_in']);
  await page.waitForSelector('ec-connection-banner[state="live"]');
  assert.equal(problems, []);
});

test('the printable view: the request, its fields and history, without the app around it', async () => {
  await page.click('ec-tickets-panel button[data-action="back"]');
  await page.locator(`ec-tickets-panel ec-ticket-table tr[data-ticket-id="${ticket.id}"] [data-field="ticket-ref"]`).click();
  await page.click(`${VIEW} button[data-action="print-ticket"]`);
  await page.waitForSelector('ec-tickets-panel ec-ticket-print [data-field="print-ref"]');
  assert.is(new URL(page.url()).pathname, `/tickets/${ticket.id}/print`);
  assert.match((await page.textContent('ec-tickets-panel ec-ticket-print [data-field="print-ref"]')) ?? '', new RegExp(`^${ticket.ref} · Çatdırılma şikayəti — Gecikmə$`));
  assert.is((await page.textContent('ec-tickets-panel ec-ticket-print [data-field="print-field-order"]'))?.trim(), 'S-100');
  assert.is((await page.textContent('ec-tickets-panel ec-ticket-print [data-field="print-number"]'))?.trim(), KNOWN);
  assert.is(await page.locator('ec-tickets-panel ec-ticket-print ec-ticket-history li[data-kind="status"]').count(), 4);

  await page.emulateMedia({ media: 'print' });
  assert.is(await page.locator('ec-app header').isVisible(), false, 'no app bars on paper');
  assert.is(await page.locator('ec-tickets-panel ec-ticket-print button[data-action="print"]').isVisible(), false, 'no buttons on paper');
  assert.ok(await page.locator('ec-tickets-panel ec-ticket-print [data-field="printable"]').isVisible());
  await page.emulateMedia({ media: 'screen' });

  // The list's export carries the request.
  await page.click('ec-tickets-panel ec-ticket-print button[data-action="back"]');
  await page.click(`${VIEW} button[data-action="back"]`);
  const csv = await admin.get((await page.getAttribute('ec-tickets-panel a[data-action="export-csv"]', 'href'))!);
  assert.is(csv.status(), 200);
  assert.ok((await csv.text()).includes(ticket.ref));
  assert.equal(problems, []);
});

test("the contact card lists the contact's requests and raises a new one for them", async () => {
  await page.click('ec-nav-bar a[data-route="contacts"]');
  await page.fill('ec-contacts-panel input[name="search"]', 'Fərid');
  const row = page.locator(`ec-contacts-panel ec-contacts-table tr[data-contact-id="${ref.contact}"]`);
  await row.waitFor({ timeout: 15_000 });
  await row.locator('button[data-action="tickets"]').click();
  await page.waitForSelector(`ec-contacts-panel [data-field="contact-tickets"] tr[data-ticket-id="${ticket.id}"]`);
  await page.click('ec-contacts-panel button[data-action="new-contact-ticket"]');
  await page.waitForSelector('ec-tickets-panel ec-ticket-new [data-field="ticket-contact"]');
  assert.match((await page.textContent('ec-tickets-panel ec-ticket-new [data-field="ticket-contact"]')) ?? '', /Fərid Məmmədov/);
  assert.is(await page.inputValue('ec-tickets-panel ec-ticket-new ec-ticket-form input[name="customerName"]'), 'Fərid Məmmədov');
  assert.is(await page.inputValue('ec-tickets-panel ec-ticket-new ec-ticket-form select[name="channel"]'), 'contact');
  assert.is(await page.inputValue('ec-tickets-panel ec-ticket-new ec-ticket-form input[name="number"]'), KNOWN);
  assert.equal(problems, []);
});

test.run();

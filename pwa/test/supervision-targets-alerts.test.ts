import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

/**
 * Issue 4, targets and alerts end to end against a real appliance with demo
 * traffic: a target the traffic cannot meet turns its tile and its queue
 * red and the board shows each agent's progress; an alert rule the live
 * figures meet reaches the supervisor's panel, the nav and a browser
 * notification (once), and clears when the rule is removed.
 */
const test = suite('supervision: targets and alerts');
// Enough answered calls for a non-empty ASA soon after start.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '30' });

/** Records every notification the page constructs, and every permission request, before the real API sees them. */
const SPY = `(() => {
  window.__notifications = [];
  window.__permissionAsked = 0;
  const Real = window.Notification;
  if (!Real) return;
  class Spy extends Real {
    constructor(title, options) {
      window.__notifications.push({ title, body: options && options.body, tag: options && options.tag });
      super(title, options);
    }
  }
  Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
  Spy.requestPermission = (...args) => { window.__permissionAsked++; return Real.requestPermission(...args); };
  window.Notification = Spy;
})();`;

interface Notified {
  title: string;
  body?: string;
  tag?: string;
}

let admin: APIRequestContext;
const contexts: BrowserContext[] = [];
const problems: string[][] = [];

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function open(path: string, username: string, password: string, opts: { notifications?: boolean } = {}): Promise<Page> {
  const context = await newContext(env.browser, env.appliance.url);
  contexts.push(context);
  if (opts.notifications) await context.grantPermissions(['notifications'], { origin: env.appliance.url });
  await context.addInitScript(SPY);
  const page = await context.newPage();
  problems.push(watchPage(page).problems);
  await page.goto('/');
  await login(page, username, password);
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await page.click(`ec-nav-bar a[href="${path}"]`);
  return page;
}

const notifications = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: Notified[] }).__notifications);

// In before.each, not before: uvu would swallow a failure there and report the tests as not run.
let setup: Promise<void> | null = null;
test.before.each(() =>
  (setup ??= (async () => {
    admin = await request.newContext({ baseURL: env.appliance.url });
    await ok(await admin.post('/api/v1/auth/login', { data: { username: 'admin', password: 'admin-demo' } }), 'admin login');
  })()),
);

test('a target the traffic cannot meet turns the tile and the queue red; the board shows each agent against theirs', async () => {
  // Limits of zero: the first call answered (ASA), waiting (longest wait) or lost (LCR) misses one of them for good; nobody answers 900 calls a day.
  const impossible = { queue: 'sales', asa: 0, longestWait: 0, lostCallRate: 0 };
  await ok(await admin.put('/api/v1/settings/targets', { data: { queues: [impossible], agents: [{ agent: '*', period: 'day', incomingCalls: 900 }] } }), 'targets');

  const dash = await open('/dashboard', 'supervisor', 'supervisor-demo');
  await dash.waitForSelector('ec-dashboard-panel select[name="scope"] option[value="queue:sales"]', { state: 'attached' });
  await dash.selectOption('ec-dashboard-panel select[name="scope"]', 'queue:sales');
  const breached = dash.locator('ec-dashboard-panel ec-kpi-tile[status="breach"]').first();
  await breached.waitFor({ timeout: 90_000 });
  assert.ok(['asa', 'longestWaitNow', 'lostCallRate'].includes((await breached.getAttribute('data-kpi')) ?? ''), 'a targeted figure is red');
  // Not colour alone: the tile says it in words, with its target.
  assert.match((await breached.locator('ec-target-status [data-field="target-status"]').textContent()) ?? '', /✕\s*Hədəf pozulub/);
  assert.match((await breached.locator('[data-field="target"]').textContent()) ?? '', /hədəf ≤ 0( san| %)/);
  // The longest wait now has a tile of its own once it has a target; figures without one keep their colour.
  await dash.waitForSelector('ec-dashboard-panel ec-kpi-tile[data-kpi="longestWaitNow"] [data-field="target"]');
  for (const kpi of ['totalCalls', 'aht', 'serviceLevel']) {
    assert.is(await dash.locator(`ec-dashboard-panel ec-kpi-tile[data-kpi="${kpi}"]`).getAttribute('status'), null, `${kpi} has no target`);
  }

  // The flash panel: the queue card shows the deviation, each agent's row today's calls against 900.
  await dash.click('ec-nav-bar a[data-route="supervisor"]');
  await dash.waitForSelector('ec-supervisor-panel ec-queue-board section[data-queue="sales"][data-target-status="breach"]', { timeout: 60_000 });
  const amount = dash.locator('ec-supervisor-panel ec-agent-board tr[data-agent="102"] ec-agent-progress [data-target="incomingCalls"] [data-field="amount"]');
  await amount.waitFor({ timeout: 60_000 });
  assert.match((await amount.textContent()) ?? '', /^\s*\d+ \/ 900\s*$/);
  const row = dash.locator('ec-supervisor-panel ec-agent-board tr[data-agent="102"]');
  assert.ok(['behind', 'on_pace'].includes((await row.getAttribute('data-target-status')) ?? ''), 'the row carries its status');
  // The same count as the appliance's progress for 102 (or one call behind it, if one ended in between).
  const progress = await ok<{ agents: { agent: string; checks: { incomingCalls?: { achieved: number } } }[] }>(await dash.request.get('/api/v1/targets/progress?period=day'), 'progress');
  const achieved = progress.agents.find((a) => a.agent === '102')?.checks.incomingCalls?.achieved ?? -1;
  const shown = Number(/(\d+)/.exec((await amount.textContent()) ?? '')?.[1]);
  assert.ok(shown <= achieved && shown >= 0, `board ${shown}, appliance ${achieved}`);

  // The targets view, by period.
  await dash.click('ec-nav-bar a[data-route="targets"]');
  await dash.waitForSelector('ec-targets-panel ec-target-progress-view[data-period="day"] tr[data-queue="sales"][data-status="breach"]');
  await dash.click('ec-targets-panel button[data-period="week"]');
  await dash.waitForSelector('ec-targets-panel ec-target-progress-view[data-period="week"]');
  // The "*" target is per day: none applies to the week.
  await dash.waitForSelector('ec-targets-panel ec-target-progress-view [data-field="no-agent-targets"]');
  await dash.click('ec-targets-panel button[data-period="month"]');
  await dash.waitForSelector('ec-targets-panel ec-target-progress-view[data-period="month"]');

  // The admin's editor shows what is stored and names a bad field with the appliance's words.
  const ed = await open('/settings/targets', 'admin', 'admin-demo');
  const asaInput = ed.locator('ec-target-settings-panel ec-targets-form tr[data-queue-index="0"] input[name="asa"]');
  await asaInput.waitFor();
  assert.is(await asaInput.inputValue(), '0');
  await ed.fill('ec-target-settings-panel ec-targets-form tr[data-queue-index="0"] input[name="serviceLevel"]', '150');
  await ed.click('ec-target-settings-panel ec-targets-form button[data-action="save"]');
  await ed.waitForSelector('ec-target-settings-panel ec-targets-form [data-error="queues.0.serviceLevel"]');
  const stored = await ok<{ queues: { serviceLevel?: number }[] }>(await admin.get('/api/v1/settings/targets'), 'targets');
  assert.is(stored.queues[0].serviceLevel, undefined, 'nothing was saved');
});

test('an alert rule met by the live figures reaches the panel, the nav and one notification, and clears with the rule', async () => {
  const sup = await open('/supervisor', 'supervisor', 'supervisor-demo', { notifications: true });
  await sup.waitForSelector('ec-supervisor-panel ec-alert-list [data-field="no-alerts"]');
  await sup.waitForSelector('ec-supervisor-panel ec-notification-switch[permission="granted"]');

  // The admin writes the rule in the editor; the appliance's validation speaks per field first.
  const ed = await open('/settings/alerts', 'admin', 'admin-demo');
  const form = 'ec-alert-rules-panel ec-alert-rules-form';
  await ed.click(`${form} button[data-action="add-rule"]`);
  await ed.click(`${form} button[data-action="save"]`);
  await ed.waitForSelector(`${form} [data-error="0.name"]`);
  await ed.waitForSelector(`${form} [data-error="0.threshold"]`);
  const rule = `${form} fieldset[data-rule-index="0"]`;
  await ed.fill(`${rule} input[name="name"]`, 'Operatorlar xəttdədir');
  await ed.selectOption(`${rule} select[name="figure"]`, 'loggedInAgents');
  await ed.selectOption(`${rule} select[name="comparator"]`, 'above');
  await ed.fill(`${rule} input[name="threshold"]`, '0');
  await ed.selectOption(`${rule} select[name="scope"]`, 'branch');
  await ed.fill(`${rule} input[name="forSeconds"]`, '0');
  await ed.selectOption(`${rule} select[name="severity"]`, 'critical');
  await ed.click(`${form} button[data-action="save"]`);
  await ed.waitForSelector('ec-alert-rules-panel [data-field="notice"]');
  const [saved] = (await ok<{ items: { id: string; figure: string }[] }>(await admin.get('/api/v1/settings/alerts'), 'rules')).items;
  assert.is(saved.figure, 'loggedInAgents');

  // The simulated agents are logged in: the rule holds at once, and the alert reaches the supervisor.
  const item = sup.locator(`ec-supervisor-panel ec-alert-list li[data-rule="${saved.id}"]`);
  await item.waitFor();
  assert.is(await item.getAttribute('data-severity'), 'critical');
  assert.match((await item.textContent()) ?? '', /Kritik[\s\S]*Operatorlar xəttdədir[\s\S]*Daxil olan operatorlar/);
  await sup.waitForSelector('ec-nav-bar [data-badge="alerts"]');
  assert.is((await sup.textContent('ec-nav-bar [data-badge="alerts"]'))?.trim(), '1');
  await sup.waitForFunction(() => (window as unknown as { __notifications: unknown[] }).__notifications.length > 0);
  const shown = await notifications(sup);
  assert.is(shown.length, 1, 'one notification for the raise');
  assert.match(shown[0].title, /Operatorlar xəttdədir/);
  assert.match(shown[0].body ?? '', /Daxil olan operatorlar/);

  // Still the same raise after a reload (the retained alert comes back): no second notification.
  await sup.reload();
  await sup.waitForSelector(`ec-supervisor-panel ec-alert-list li[data-rule="${saved.id}"]`);
  await sup.waitForSelector('ec-nav-bar [data-badge="alerts"]');
  assert.equal(await notifications(sup), []);

  // The log has it, still active.
  await sup.click('ec-nav-bar a[data-route="alerts"]');
  await sup.waitForSelector(`ec-alerts-panel ec-alert-log tr[data-rule="${saved.id}"][data-cleared="no"]`);

  // The rule goes: the alert clears on every screen, and the log closes it.
  await ed.click(`${rule} button[data-action="remove-rule"]`);
  await ed.click(`${form} button[data-action="save"]`);
  await ed.waitForSelector(`${form} [data-field="no-rules"]`);
  await sup.waitForSelector('ec-alerts-panel ec-alert-list [data-field="no-alerts"]');
  await sup.waitForSelector('ec-nav-bar [data-badge="alerts"]', { state: 'detached' });
  await sup.waitForSelector(`ec-alerts-panel ec-alert-log tr[data-rule="${saved.id}"][data-cleared="yes"]`);
  assert.equal(await notifications(sup), [], 'a clear notifies nobody');
});

test('notifications are asked for from a button only, never on load', async () => {
  const page = await open('/alerts', 'supervisor', 'supervisor-demo');
  const button = page.locator('ec-alerts-panel ec-notification-switch button[data-action="enable-notifications"]');
  await button.waitFor();
  assert.is(await page.evaluate(() => (window as unknown as { __permissionAsked: number }).__permissionAsked), 0);
  await button.click();
  await page.waitForFunction(() => (window as unknown as { __permissionAsked: number }).__permissionAsked === 1);
});

test('nothing went wrong on any screen', () => {
  for (const p of problems) assert.equal(p, []);
});

test.after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await admin?.dispose();
});

test.run();

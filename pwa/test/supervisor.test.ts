import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

const test = suite('supervisor flash panel');
// No simulated callers: agent 101 changes state only when the test says so.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

async function open(path: string, username: string, password: string) {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await login(page, username, password);
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await page.goto(path);
  return { context, page, watch };
}

const boardRow = (page: Page, agent: string, state: string) => page.waitForSelector(`ec-supervisor-panel ec-agent-board tr[data-agent="${agent}"][data-state="${state}"]`);

test('the board follows an agent live, and a forced pause reaches the operator too', async () => {
  const sup = await open('/supervisor', 'supervisor', 'supervisor-demo');
  const op = await open('/operator', 'operator', 'operator-demo');

  // The simulated agents are on the board from the start; 101 joins when it logs in.
  await boardRow(sup.page, '102', 'ready');
  await op.page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="logged_out"]');

  // The operator's own moves appear on the supervisor's board without a reload.
  await op.page.click('ec-operator-panel button[data-action="agent-login"]');
  await boardRow(sup.page, '101', 'paused');
  await op.page.click('ec-operator-panel button[data-action="agent-ready"]');
  await boardRow(sup.page, '101', 'ready');

  // A forced pause is confirmed first, with a reason.
  await sup.page.click('ec-supervisor-panel tr[data-agent="101"] button[data-action="pause"]');
  const question = await sup.page.textContent('ec-supervisor-panel ec-intervention-confirm [data-field="question"]');
  assert.match(question ?? '', /101/);
  await sup.page.selectOption('ec-supervisor-panel ec-intervention-confirm select[name="reason"]', 'meeting');
  await sup.page.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  await boardRow(sup.page, '101', 'paused');
  await sup.page.waitForSelector('ec-supervisor-panel [data-field="notice"]');
  assert.is((await sup.page.textContent('ec-supervisor-panel tr[data-agent="101"] [data-field="reason"]'))?.trim(), 'İclas');

  // …and everywhere else: the operator's badge changes by itself, with the reason.
  await op.page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="paused"]');
  assert.is((await op.page.textContent('ec-operator-panel ec-agent-state-badge [data-field="reason"]'))?.trim(), 'İclas');

  // Force ready, then log out: each one lands on both screens.
  await sup.page.click('ec-supervisor-panel tr[data-agent="101"] button[data-action="ready"]');
  await sup.page.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  await boardRow(sup.page, '101', 'ready');
  await op.page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="ready"]');
  await sup.page.click('ec-supervisor-panel tr[data-agent="101"] button[data-action="logout"]');
  await sup.page.click('ec-supervisor-panel ec-intervention-confirm button[data-action="cancel"]');
  assert.is(await sup.page.locator('ec-supervisor-panel ec-intervention-confirm [data-field="question"]').count(), 0, 'cancel asks nothing of the appliance');
  await boardRow(sup.page, '101', 'ready');

  // The interventions are audited under the supervisor's name.
  const audit = await (await sup.page.request.get('/api/v1/audit?action=supervisor.pause')).json();
  const entries = audit.items as { actorName: string; targetId: string }[];
  assert.ok(entries.some((e) => e.actorName === 'supervisor' && e.targetId === '101'), 'the forced pause is in the audit log');

  // The queues of the supervised groups are shown, empty in this quiet branch.
  await sup.page.waitForSelector('ec-supervisor-panel ec-queue-board [data-queue="sales"] [data-field="no-waiting"]');
  await sup.page.waitForSelector('ec-supervisor-panel ec-queue-board [data-queue="support"]');

  assert.equal(sup.watch.problems, []);
  assert.equal(op.watch.problems, []);
  await sup.context.close();
  await op.context.close();
});

test('a refused intervention shows the appliance\'s reason', async () => {
  const sup = await open('/supervisor', 'supervisor', 'supervisor-demo');
  // 101 is ready from the test above. While the confirmation is open, 101 is logged out
  // (as from another screen), so the confirmed pause meets a state that refuses it.
  await boardRow(sup.page, '101', 'ready');
  await sup.page.click('ec-supervisor-panel tr[data-agent="101"] button[data-action="pause"]');
  const refused = sup.page.waitForResponse((r) => r.url().includes('/supervisor/agents/101/pause'));
  await sup.page.request.post('/api/v1/supervisor/agents/101/logout');
  await sup.page.click('ec-supervisor-panel ec-intervention-confirm button[data-action="confirm"]');
  assert.is((await refused).status(), 409);
  const error = sup.page.locator('ec-supervisor-panel ec-error-message [role="alert"]');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /Mövcud məlumatla ziddiyyət var\./);
  await boardRow(sup.page, '101', 'logged_out');
  await sup.context.close();
});

test.run();

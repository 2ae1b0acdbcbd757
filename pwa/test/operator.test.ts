import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

const test = suite('operator panel');
// Plenty of simulated callers, so a call reaches agent 101 soon after it is ready.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '30' });

test('an operator logs in as agent, goes ready, gets the screen pop and sees the call in today\'s list', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await login(page, 'operator', 'operator-demo');
  await page.click('ec-nav-bar a[data-route="operator"]');
  await page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="logged_out"]');
  await page.waitForSelector('ec-connection-banner[state="live"]');

  // Log in as agent: the appliance puts a fresh agent in pause ("just logged in").
  await page.click('ec-operator-panel button[data-action="agent-login"]');
  await page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="paused"]');
  // Every UI string is translated: the reason shows in Azerbaijani, not as the wire code.
  assert.is((await page.textContent('ec-operator-panel ec-agent-state-badge [data-field="reason"]'))?.trim(), 'Yeni daxil olub');

  // A pause with a reason from the list, shown translated.
  await page.selectOption('ec-operator-panel select[name="reason"]', 'lunch');
  await page.click('ec-operator-panel button[data-action="agent-pause"]');
  await page.waitForFunction(() => {
    const badge = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-agent-state-badge');
    return badge?.shadowRoot?.querySelector('[data-field="reason"]')?.textContent?.trim() === 'Nahar';
  });

  // The screen pop comes over the inbox topic; catch it as the page receives it.
  await page.click('ec-operator-panel button[data-action="agent-ready"]');
  await page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="ready"]');
  await page.waitForSelector('ec-operator-panel ec-call-card [data-field="caller-number"]', { timeout: 90_000 });
  const card = page.locator('ec-operator-panel ec-call-card [data-call-id]');
  const callId = (await card.getAttribute('data-call-id'))!;
  const shown = (await page.textContent('ec-operator-panel ec-call-card [data-field="caller-number"]'))?.trim();
  // The number on the card is the caller's, as the appliance's call record has it.
  const record = await (await page.request.get(`/api/v1/calls/${callId}`)).json();
  assert.is(shown, record.number);
  assert.match(shown ?? '', /^\+?\d{5,}$/);
  assert.is((await page.textContent('ec-operator-panel ec-call-card [data-field="queue"]'))?.trim(), 'sales');
  assert.is((await page.textContent('ec-operator-panel ec-call-card [data-field="did"]'))?.trim(), record.did);

  // The simulated phone answers; the call joins today's incoming list, and its journey opens on click.
  await page.waitForFunction(() => ['talking', 'holding'].includes(
    document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-agent-state-badge')?.getAttribute('state') ?? ''),
    undefined, { timeout: 30_000 });
  const row = page.locator(`ec-operator-panel ec-call-list[data-list="incoming"] tr[data-call-id="${callId}"]`);
  await row.waitFor({ timeout: 15_000 });
  assert.is((await row.locator('[data-field="number"]').textContent())?.trim(), shown);
  await row.click();
  await page.waitForSelector('ec-operator-panel ec-call-journey li[data-event="answered"]');
  assert.ok(await page.locator('ec-operator-panel ec-call-journey li[data-event="arrived"]').count(), 'the journey starts with the arrival');

  // Hold and back, then hang up: after-call work, ended by the agent.
  await page.click('ec-operator-panel button[data-action="hold"]');
  await page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="holding"]');
  await page.click('ec-operator-panel button[data-action="unhold"]');
  await page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="talking"]');
  await page.click('ec-operator-panel button[data-action="hangup"]');
  await page.waitForSelector('ec-operator-panel ec-agent-state-badge[state="acw"]');
  assert.is(await page.locator('ec-operator-panel ec-call-card [data-field="no-call"]').count(), 1, 'the card clears when the call ends');
  // More after-call work needs a reason; the new end time is shown.
  await page.fill('ec-operator-panel input[name="acwReason"]', 'müştəriyə qeyd yazıram');
  const extended = page.waitForResponse((r) => r.url().endsWith('/api/v1/agent/acw/extend'));
  await page.click('ec-operator-panel button[data-action="acw-extend"]');
  assert.is((await extended).status(), 200);
  await page.waitForSelector('ec-operator-panel [data-field="acw-until"]');
  await page.click('ec-operator-panel button[data-action="acw-end"]');
  await page.waitForFunction(() => document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-operator-panel')?.shadowRoot?.querySelector('ec-agent-state-badge')?.getAttribute('state') !== 'acw');

  // The export link carries the same selection as CSV.
  const href = await page.locator('ec-operator-panel a[data-action="export-calls"]').getAttribute('href');
  const csv = await page.request.get(href!);
  assert.is(csv.status(), 200);
  assert.ok((await csv.text()).includes(callId), 'the CSV lists the call');
  assert.equal(watch.problems, []);
  await context.close();
});

test.run();

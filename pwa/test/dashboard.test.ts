import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

const test = suite('dashboard');
// Enough traffic for non-trivial figures within the test's time.
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '40' });

/** The branch's day: the ACD's default UTC offset is +4 h (Baku, no DST). */
const OFFSET_MS = 240 * 60_000;
const DAY_MS = 86_400_000;

interface Journey {
  direction: string;
  arrivedAt: number;
  endedAt: number | null;
  cause: string | null;
  events: { type: string }[];
}

/** KPIS.md, computed here from the raw export: N, A, and U − S − deflected with T_short = 5 s. */
async function expected(page: Page): Promise<Record<string, number>> {
  const now = Date.now();
  const from = Math.floor((now + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
  const res = await page.request.get(`/api/v1/calls?from=${from}&to=${from + DAY_MS}&limit=5000&direction=inbound`);
  const calls = ((await res.json()).items as Journey[]).filter((c) => c.direction === 'inbound' && c.arrivedAt >= from && c.arrivedAt < from + DAY_MS);
  const answered = calls.filter((c) => c.events.some((e) => e.type === 'answered'));
  const missed = calls.filter(
    (c) => c.endedAt !== null && !c.events.some((e) => e.type === 'answered') && c.endedAt - c.arrivedAt >= 5_000 && c.cause !== 'deflected',
  );
  return { totalCalls: calls.length, answeredCalls: answered.length, missedCalls: missed.length };
}

async function tiles(page: Page, keys: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = Number(await page.locator(`ec-dashboard-panel ec-kpi-tile[data-kpi="${k}"]`).getAttribute('data-value'));
  return out;
}

test('the tiles equal what the call export says about today', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await login(page, 'supervisor', 'supervisor-demo');
  await page.click('ec-nav-bar a[data-route="dashboard"]');
  await page.waitForSelector('ec-dashboard-panel .tiles[data-scope="branch"]');
  // All fifteen tiles of PRODUCT.md §1.
  assert.is(await page.locator('ec-dashboard-panel ec-kpi-tile').count(), 15);

  // Wait for some answered and missed calls, then for a moment when the live tiles and the export agree.
  const keys = ['totalCalls', 'answeredCalls', 'missedCalls'];
  const deadline = Date.now() + 90_000;
  let last: unknown = null;
  for (;;) {
    const want = await expected(page);
    const shown = await tiles(page, keys);
    last = { want, shown };
    if (want.answeredCalls > 0 && want.totalCalls >= 5 && JSON.stringify(want) === JSON.stringify(shown)) break;
    if (Date.now() > deadline) assert.unreachable(`tiles and export never agreed: ${JSON.stringify(last)}`);
    await page.waitForTimeout(500);
  }

  // A ratio over nothing is "—", never 0; each tile explains itself on demand.
  const sl = page.locator('ec-dashboard-panel ec-kpi-tile[data-kpi="serviceLevel"]');
  await sl.locator('button[data-action="formula"]').click();
  assert.match((await sl.locator('[data-field="formula"]').textContent()) ?? '', /T_sl|×/);
  assert.match((await sl.locator('[data-field="value"]').textContent()) ?? '', /%|—/);

  // Another scope: the sales group.
  await page.selectOption('ec-dashboard-panel select[name="scope"]', 'group:sales');
  await page.waitForSelector('ec-dashboard-panel .tiles[data-scope="group:sales"]');

  // Wallboard: large type, no formula buttons; leaving restores the normal view.
  await page.click('ec-dashboard-panel button[data-action="wallboard"]');
  await page.waitForSelector('ec-dashboard-panel[wallboard]');
  assert.is(await page.locator('ec-dashboard-panel button[data-action="formula"]').count(), 0);
  await page.click('ec-dashboard-panel button[data-action="wallboard"]');
  await page.waitForSelector('ec-dashboard-panel:not([wallboard])');
  assert.equal(watch.problems, []);
  await context.close();
});

test('an operator sees the figures of their own queue and group only', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await login(page, 'operator', 'operator-demo');
  await page.click('ec-nav-bar a[data-route="dashboard"]');
  await page.waitForSelector('ec-dashboard-panel .tiles');
  const scopes = await page.locator('ec-dashboard-panel select[name="scope"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  // Not the branch; the queues join once the agent is logged in and the appliance names them.
  assert.is(scopes[0], 'group:sales');
  assert.not.ok(scopes.includes('branch'));
  assert.equal(watch.problems, []);
  await context.close();
});

test.run();

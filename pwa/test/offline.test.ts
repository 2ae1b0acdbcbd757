import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { bannerState, login, newContext, watchPage } from './support/browser.ts';

const test = suite('connectivity: offline from the device, stale live data, lost sessions');
const env = useEnvironment(test);

async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

test('after one load, the shell, the user and the last data show offline with the offline banner', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await login(page, 'admin', 'admin-demo');
  await page.waitForSelector('ec-home-panel [data-field="welcome"]');
  await controlled(page);
  await page.click('ec-nav-bar a[data-route="audit"]');
  await page.waitForSelector('ec-audit-table tr[data-seq]');
  await page.click('ec-nav-bar a[data-route="users"]');
  await page.waitForSelector('ec-users-table tr[data-user="operator2"]');
  assert.is(await page.getAttribute('ec-users-panel ec-data-age', 'from-cache'), null, 'fresh data online');

  await context.setOffline(true);
  await page.reload();
  // The service worker serves the shell; the idb copy serves the session and the list.
  await page.waitForSelector('ec-connection-banner[state="offline"]');
  assert.is((await page.textContent('ec-app [data-field="current-user"]'))?.trim(), 'Demo Admin');
  await page.waitForSelector('ec-users-table tr[data-user="operator2"]');
  assert.is((await page.textContent('ec-users-table tr[data-user="operator2"] .display-name'))?.trim(), 'Rəşad Əliyev');
  assert.is(await page.locator('ec-users-table tr[data-user]').count(), 6);
  await page.waitForSelector('ec-users-panel ec-data-age[from-cache]');
  assert.is(await page.textContent('ec-users-panel ec-data-age .badge'), 'Saxlanmış nüsxə');
  assert.match((await page.textContent('ec-users-panel ec-data-age .when')) ?? '', /^Son yenilənmə: .*\d{4}.*\d\d:\d\d:\d\d$/);
  assert.match((await page.textContent('ec-connection-banner .text')) ?? '', /^Oflayn: filial serveri əlçatan deyil/);
  assert.ok(await page.isDisabled('ec-users-panel button[data-action="new-user"]'), 'no changes while offline');

  // Other panels open offline too, from their own saved copies.
  await page.click('ec-nav-bar a[data-route="audit"]');
  await page.waitForSelector('ec-audit-table tr[data-seq]');
  await page.waitForSelector('ec-audit-panel ec-data-age[from-cache]');
  await page.click('ec-nav-bar a[data-route="home"]');
  assert.is(await page.textContent('ec-home-panel [data-field="username"]'), 'admin');
  await page.waitForSelector('ec-home-panel ec-data-age[from-cache]');

  // "Retry" while still offline checks and stays offline.
  const probe = page.waitForRequest((r) => r.url().endsWith('/healthz'));
  await page.click('ec-connection-banner button[data-action="retry"]');
  await probe;
  await page.waitForSelector('ec-connection-banner button[data-action="retry"]:not([disabled])');
  assert.is(await bannerState(page), 'offline');

  // Back online: the banner leaves "offline" and the panels fetch fresh data by themselves.
  await context.setOffline(false);
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await page.waitForSelector('ec-home-panel ec-data-age:not([from-cache])');
  assert.not.equal(await bannerState(page), 'offline');
  assert.equal(watch.problems, []);
  await context.close();
});

test('a 401 from the appliance logs out and forgets the saved data; a network failure does not', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  await page.goto('/');
  await login(page, 'supervisor', 'supervisor-demo');
  await page.waitForSelector('ec-home-panel [data-field="welcome"]');
  await controlled(page);

  // The session cookie disappears (as when the appliance revoked or expired it).
  await context.clearCookies();
  await page.reload();
  await page.waitForSelector('ec-login-screen [data-note="expired"]');

  // Nothing of that session opens offline any more.
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('ec-login-screen');
  await page.waitForSelector('ec-connection-banner[state="offline"]');
  assert.is(await page.locator('ec-nav-bar').count(), 0);
  await context.close();
});

test('the banner turns stale when heartbeats stop, and live again when they resume', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  // The page's clock is Playwright's, so 15 silent seconds can pass without waiting for them.
  await page.clock.install();
  await page.goto('/');
  await login(page, 'operator', 'operator-demo');
  await page.waitForSelector('ec-connection-banner[state="live"]');
  env.appliance.pause();
  try {
    // Let a heartbeat already on the wire land first, so it cannot count as fresh after the jump.
    await page.waitForTimeout(300);
    await page.clock.fastForward(16_000);
    await page.waitForSelector('ec-connection-banner[state="stale"]');
    assert.match((await page.textContent('ec-connection-banner .text')) ?? '', /^Canlı kanal cavab vermir: son siqnal saat \d\d:\d\d:\d\d\./);
    assert.is(await page.textContent('ec-home-panel [data-field="live-status"]'), 'Qoşulub, amma siqnal gəlmir');
  } finally {
    env.appliance.resume();
  }
  // The next heartbeat (every 5 s) brings the channel back to live.
  await page.waitForSelector('ec-connection-banner[state="live"]');
  await context.close();
});

test.run();

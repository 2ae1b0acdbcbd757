import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { useEnvironment } from './support/harness.ts';
import { login, navRoutes, newContext, watchPage } from './support/browser.ts';

const test = suite('login and role-aware navigation');
const env = useEnvironment(test);

/** Each demo role sees exactly the panels that exist for its permissions, nothing more. */
const ROLES = [
  { username: 'admin', password: 'admin-demo', name: 'Demo Admin', routes: ['home', 'callbacks', 'calls', 'contacts', 'tickets', 'supervisor', 'dashboard', 'targets', 'alerts', 'target-settings', 'alert-rules', 'users', 'settings', 'audit'], agent: 'Təyin olunmayıb' },
  { username: 'supervisor', password: 'supervisor-demo', name: 'Demo Supervisor', routes: ['home', 'callbacks', 'calls', 'contacts', 'tickets', 'supervisor', 'dashboard', 'targets', 'alerts', 'audit'], agent: 'Təyin olunmayıb' },
  { username: 'operator', password: 'operator-demo', name: 'Aysel Məmmədova', routes: ['home', 'operator', 'callbacks', 'calls', 'contacts', 'tickets', 'dashboard'], agent: '101' },
];

for (const role of ROLES) {
  test(`${role.username} logs in and sees exactly its navigation`, async () => {
    const context = await newContext(env.browser, env.appliance.url);
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto('/');
    await login(page, role.username, role.password);
    await page.waitForSelector('ec-home-panel [data-field="welcome"]');
    assert.equal(await navRoutes(page), role.routes);
    assert.is(await page.textContent('ec-home-panel [data-field="username"]'), role.username);
    assert.is(await page.textContent('ec-home-panel [data-field="agent-number"]'), role.agent);
    assert.is(await page.textContent('ec-home-panel [data-field="site"]'), 'branch-1');
    assert.is((await page.textContent('ec-app [data-field="current-user"]'))?.trim(), role.name);
    // The live channel comes up with a fresh token and reports the appliance's heartbeat.
    await page.waitForSelector('ec-connection-banner[state="live"]');
    await page.waitForFunction(() => {
      const panel = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-home-panel');
      const hb = panel?.shadowRoot?.querySelector('[data-field="heartbeat"]')?.textContent ?? '';
      return /\d/.test(hb);
    });
    // A panel the profile may not open is not reachable by URL either: it lands on home.
    if (!role.routes.includes('users')) {
      await page.goto('/admin/users');
      await page.waitForSelector('ec-home-panel [data-field="welcome"]');
      assert.is(new URL(page.url()).pathname, '/');
    }
    await page.click('ec-app button[data-action="logout"]');
    await page.waitForSelector('ec-login-screen [data-note="logout"]');
    assert.equal(watch.problems, []);
    await context.close();
  });
}

test('a wrong password shows the invalid-credentials message', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await login(page, 'admin', 'not-the-password');
  const error = page.locator('ec-login-screen ec-error-message[data-error-id="invalid_credentials"] [role="alert"]');
  await error.waitFor();
  assert.is((await error.textContent())?.trim(), 'İstifadəçi adı və ya şifrə yanlışdır.');
  assert.is(await page.inputValue('ec-login-screen input[name="password"]'), '', 'the wrong password is cleared');
  assert.is(await page.locator('ec-nav-bar').count(), 0);
  assert.equal(watch.problems, []);
  await context.close();
});

test('repeated failures show the rate-limit message with the wait from Retry-After', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  await page.goto('/');
  // The appliance allows 5 failures per user and address in 15 minutes.
  const attempt = async (password: string) => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await login(page, 'operator4', password);
    return (await answered).status();
  };
  for (let i = 0; i < 5; i++) assert.is(await attempt(`wrong-${i}`), 401);
  // Even the right password is refused now.
  assert.is(await attempt('operator-demo'), 429);
  const error = page.locator('ec-login-screen ec-error-message[data-error-id="rate_limited"] [role="alert"]');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /Çox sayda uğursuz cəhd\. \d+ dəqiqə sonra yenidən cəhd edin\./);
  assert.ok(await page.isDisabled('ec-login-screen button[type="submit"]'), 'no new attempt before Retry-After has passed');
  await context.close();
});

test.run();

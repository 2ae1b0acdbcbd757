import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

const test = suite('language switch');
const env = useEnvironment(test);

const intro = (page: Page) => page.textContent('ec-login-screen h2');
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

test('az by default, switches to en and ru at once, and remembers the choice after a reload', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await page.waitForSelector('ec-login-screen h2');
  assert.is(await intro(page), 'Filial serverinə daxil olun');
  assert.is(await htmlLang(page), 'az');

  await page.click('ec-login-screen ec-language-switch button[data-locale="en"]');
  assert.is(await intro(page), 'Log in to the branch appliance');
  assert.is(await htmlLang(page), 'en');

  await page.click('ec-login-screen ec-language-switch button[data-locale="ru"]');
  assert.is(await intro(page), 'Вход на сервер филиала');
  assert.is(await htmlLang(page), 'ru');

  await page.reload();
  await page.waitForSelector('ec-login-screen h2');
  assert.is(await intro(page), 'Вход на сервер филиала');
  assert.is(await htmlLang(page), 'ru');

  // The choice carries into the app, and switching there re-renders the panels too.
  await login(page, 'admin', 'admin-demo');
  await page.waitForSelector('ec-home-panel [data-field="welcome"]');
  assert.is(await page.textContent('ec-nav-bar a[data-route="home"]'), 'Главная');
  assert.is(await page.textContent('ec-home-panel [data-field="welcome"]'), 'Добро пожаловать, Demo Admin');
  await page.click('ec-app ec-language-switch button[data-locale="az"]');
  assert.is(await page.textContent('ec-nav-bar a[data-route="home"]'), 'Əsas səhifə');
  assert.is(await page.textContent('ec-nav-bar a[data-route="users"]'), 'İstifadəçilər');
  assert.is(await page.textContent('ec-home-panel [data-field="welcome"]'), 'Xoş gəlmisiniz, Demo Admin');
  await page.click('ec-app ec-language-switch button[data-locale="en"]');
  assert.is(await page.textContent('ec-nav-bar a[data-route="audit"]'), 'Audit log');
  await page.reload();
  await page.waitForSelector('ec-nav-bar a[data-route="audit"]');
  assert.is(await page.textContent('ec-nav-bar a[data-route="audit"]'), 'Audit log');
  assert.is(await htmlLang(page), 'en');
  assert.equal(watch.problems, []);
  await context.close();
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

const test = suite('contacts panel: search, create, edit, merge, import, export, delete');
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

const P = 'ec-contacts-panel';

/** Types a search and waits for its answer: `rows` rows, each matching the text (the input is debounced). */
async function search(page: Page, text: string, rows: number) {
  await page.fill(`${P} input[name="search"]`, text);
  await page.waitForFunction(
    ([n, q]) => {
      const panel = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-contacts-panel')?.shadowRoot;
      const href = panel?.querySelector('a[data-action="export-contacts"]')?.getAttribute('href') ?? '';
      const found = [...(panel?.querySelector('ec-contacts-table')?.shadowRoot?.querySelectorAll('tr[data-contact-id]') ?? [])];
      return new URL(href, location.href).searchParams.get('search') === q && found.length === n && found.every((r) => r.textContent?.includes(q as string));
    },
    [rows, text] as const,
  );
}

async function fillContact(page: Page, name: string, phones: string) {
  await page.fill(`${P} ec-contact-form input[name="name"]`, name);
  await page.fill(`${P} ec-contact-form textarea[name="phones"]`, phones);
  await page.click(`${P} ec-contact-form button[data-action="save-contact"]`);
}

test('an operator manages contacts; bad import lines are listed and nothing is imported', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  page.on('dialog', (d) => void d.accept());
  await page.goto('/');
  await login(page, 'operator', 'operator-demo');
  await page.click('ec-nav-bar a[data-route="contacts"]');
  await page.waitForSelector(`${P} ec-contacts-table [data-field="empty"]`);

  // Create two duplicates of one person; the form checks the name and a number first.
  await page.click(`${P} button[data-action="new-contact"]`);
  await page.click(`${P} ec-contact-form button[data-action="save-contact"]`);
  assert.is((await page.textContent(`${P} ec-contact-form [data-error-for="phones"]`))?.trim(), 'Ən azı bir telefon nömrəsi daxil edin.');
  await fillContact(page, 'Aysel Quliyeva', '050 111 22 33');
  await page.waitForSelector(`${P} [data-field="contacts-notice"]`);
  // An invalid number: the appliance's message names the field.
  await page.click(`${P} button[data-action="new-contact"]`);
  await fillContact(page, 'Yanlış', '12');
  await page.waitForSelector(`${P} ec-contact-form [data-error-for="phones"]`);
  await page.click(`${P} ec-contact-form button[data-action="cancel-contact"]`);
  await page.click(`${P} button[data-action="new-contact"]`);
  await fillContact(page, 'A. Quliyeva', '+994 55 222 33 44');
  await search(page, 'Quliyeva', 2);

  // Merge: select both, keep the first.
  for (const box of await page.locator(`${P} ec-contacts-table input[name="select"]`).all()) await box.check();
  await page.click(`${P} button[data-action="merge-contacts"]`);
  await page.click(`${P} ec-contact-merge button[data-action="confirm-merge"]`);
  await search(page, 'Quliyeva', 1);
  const phones = (await page.textContent(`${P} ec-contacts-table [data-field="phones"]`)) ?? '';
  assert.match(phones, /501112233/);
  assert.match(phones, /552223344/);

  // Edit the kept one.
  await page.click(`${P} ec-contacts-table button[data-action="edit"]`);
  await page.fill(`${P} ec-contact-form input[name="name"]`, 'Aysel Quliyeva-Məmmədli');
  await page.click(`${P} ec-contact-form button[data-action="save-contact"]`);
  await page.waitForFunction(() =>
    document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-contacts-panel')?.shadowRoot?.querySelector('ec-contacts-table')?.shadowRoot?.querySelector('[data-field="name"]')?.textContent?.trim() === 'Aysel Quliyeva-Məmmədli',
  );

  // Import: one bad line refuses the whole file, and the line is shown.
  await page.click(`${P} button[data-action="import-contacts"]`);
  const bad = 'name,phones\nRauf Əliyev,+994701234567\n,+994702222222\n';
  await page.setInputFiles(`${P} ec-csv-import input[type="file"]`, { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.click(`${P} ec-csv-import button[data-action="import"]`);
  await page.waitForSelector(`${P} ec-csv-import [data-field="import-problems"] li[data-line="3"]`);
  await search(page, 'Rauf', 0);
  const good = 'name,phones\nRauf Əliyev,+994701234567\nNigar Səfərova,+994702222222;+994123456789\n';
  await page.setInputFiles(`${P} ec-csv-import input[type="file"]`, { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.click(`${P} ec-csv-import button[data-action="import"]`);
  await page.waitForSelector(`${P} [data-field="contacts-notice"]`);
  assert.match((await page.textContent(`${P} [data-field="contacts-notice"]`)) ?? '', /2 yeni/);
  await search(page, 'Səfərova', 1);

  // Export: the same search as CSV.
  const csv = await page.request.get((await page.getAttribute(`${P} a[data-action="export-contacts"]`, 'href'))!);
  assert.is(csv.status(), 200);
  assert.match(await csv.text(), /Nigar Səfərova/);

  // Delete.
  await page.click(`${P} ec-contacts-table button[data-action="delete"]`);
  await search(page, 'Səfərova', 0);
  assert.equal(watch.problems, []);
  await context.close();
});

test('a supervisor reads contacts but cannot change them', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  await page.goto('/');
  await login(page, 'supervisor', 'supervisor-demo');
  await page.click('ec-nav-bar a[data-route="contacts"]');
  await page.waitForSelector(`${P} ec-contacts-table tr[data-contact-id]`);
  assert.is(await page.locator(`${P} button[data-action="new-contact"]`).count(), 0);
  assert.is(await page.locator(`${P} ec-contacts-table button[data-action="edit"]`).count(), 0);
  await context.close();
});

test.run();

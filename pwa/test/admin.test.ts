import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, newContext, watchPage } from './support/browser.ts';

const test = suite('admin panels: users and audit log');
const env = useEnvironment(test);

const row = (username: string) => `ec-users-table tr[data-user="${username}"]`;

async function fillForm(page: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) {
    const selector = `ec-user-form [name="${name}"]`;
    if (name === 'profile' || name === 'locale') await page.selectOption(selector, value);
    else await page.fill(selector, value);
  }
}

test('an admin creates, edits, disables and deletes a user, and sees the appliance refuse with reasons', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/admin/users');
  await login(page, 'admin', 'admin-demo');
  await page.waitForSelector(row('operator'));

  // Refused: too short a password, with the field named in the UI language.
  await page.click('ec-users-panel button[data-action="new-user"]');
  await fillForm(page, { username: 'leyla', displayName: 'Leyla Əhmədova', password: 'short', agentNumber: '105', groups: 'sales' });
  await page.click('ec-user-form button[type="submit"]');
  const formError = page.locator('ec-user-form ec-error-message [role="alert"]');
  await formError.waitFor();
  assert.match((await formError.textContent()) ?? '', /Məlumat düzgün deyil\.[\s\S]*Şifrə/);

  // Refused: the agent number belongs to someone else; the appliance's reason is shown.
  await fillForm(page, { password: 'leyla-password-1', agentNumber: '101' });
  await page.click('ec-user-form button[type="submit"]');
  await page.waitForFunction(() => {
    const form = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-users-panel')?.shadowRoot?.querySelector('ec-user-form');
    const text = form?.shadowRoot?.querySelector('ec-error-message')?.shadowRoot?.textContent ?? '';
    return text.includes('belongs to operator');
  });
  assert.match((await formError.textContent()) ?? '', /Mövcud məlumatla ziddiyyət var\./);

  await fillForm(page, { agentNumber: '105' });
  await page.click('ec-user-form button[type="submit"]');
  await page.waitForSelector(row('leyla'));
  assert.is((await page.textContent(`${row('leyla')} .display-name`))?.trim(), 'Leyla Əhmədova');
  assert.is(await page.locator('ec-user-form').count(), 0, 'the form closes after saving');

  await page.click(`${row('leyla')} button[data-action="edit"]`);
  await fillForm(page, { displayName: 'Leyla Əhmədova-Quliyeva', profile: 'supervisor' });
  await page.click('ec-user-form button[type="submit"]');
  await page.waitForSelector(`${row('leyla')} >> text=Leyla Əhmədova-Quliyeva`);
  assert.match((await page.textContent(row('leyla'))) ?? '', /supervisor/);

  await page.click(`${row('leyla')} button[data-action="toggle-disabled"]`);
  await page.waitForSelector(`${row('leyla')} .status.disabled`);

  // The appliance refuses to let an admin delete themself; the reason is shown.
  await page.click(`${row('admin')} button[data-action="delete"]`);
  await page.click(`${row('admin')} button[data-action="confirm-delete"]`);
  const actionError = page.locator('ec-users-panel ec-error-message [role="alert"]');
  await actionError.waitFor();
  assert.match((await actionError.textContent()) ?? '', /Mövcud məlumatla ziddiyyət var\.[\s\S]*You cannot delete yourself/);
  assert.ok(await page.isVisible(row('admin')));

  await page.click(`${row('leyla')} button[data-action="delete"]`);
  await page.click(`${row('leyla')} button[data-action="confirm-delete"]`);
  await page.waitForSelector(row('leyla'), { state: 'detached' });

  // Search narrows the list on the appliance side.
  await page.fill('ec-users-panel input[name="search"]', 'Quliyev');
  await page.waitForFunction(() => {
    const table = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-users-panel')?.shadowRoot?.querySelector('ec-users-table');
    return table?.shadowRoot?.querySelectorAll('tr[data-user]').length === 1;
  });
  assert.ok(await page.isVisible(row('operator4')));
  assert.equal(watch.problems, []);
  await context.close();
});

test('the audit log lists those changes, verifies its chain and exports CSV', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/audit');
  await login(page, 'supervisor', 'supervisor-demo');
  await page.waitForSelector('ec-audit-table tr[data-seq]');
  const text = (await page.textContent('ec-audit-table tbody')) ?? '';
  assert.match(text, /user\.delete/);
  assert.match(text, /İstifadəçi silindi/);

  await page.fill('ec-audit-panel input[name="action"]', 'user.update');
  await page.click('ec-audit-panel form button[type="submit"]');
  await page.waitForFunction(() => {
    const table = document.querySelector('ec-app')?.shadowRoot?.querySelector('ec-audit-panel')?.shadowRoot?.querySelector('ec-audit-table');
    const rows = [...(table?.shadowRoot?.querySelectorAll('tr[data-seq]') ?? [])];
    return rows.length > 0 && rows.every((r) => r.textContent?.includes('user.update'));
  });

  await page.click('ec-audit-panel button[data-action="verify"]');
  const result = page.locator('ec-audit-panel [data-result]');
  await result.waitFor();
  assert.is(await result.getAttribute('data-result'), 'ok');
  assert.match((await result.textContent()) ?? '', /Zəncir bütövdür: \d+ qeyd yoxlanıldı\./);

  const href = await page.getAttribute('ec-audit-panel a[data-action="export-csv"]', 'href');
  assert.is(href, '/api/v1/audit?format=csv');
  const csv = await page.request.get(href!);
  assert.is(csv.status(), 200);
  assert.match(csv.headers()['content-type'] ?? '', /text\/csv/);
  // The appliance starts the file with a BOM so spreadsheet programs read UTF-8 (ə, ş…) correctly.
  assert.match((await csv.text()).split('\n')[0], /^\uFEFF?seq,at,actor,action/);
  assert.equal(watch.problems, []);
  await context.close();
});

test.run();

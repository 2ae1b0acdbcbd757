import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { useEnvironment } from './support/harness.ts';
import { login, navRoutes, newContext, watchPage } from './support/browser.ts';

/**
 * Issue 6's access and telephony settings end to end, against a real
 * appliance in demo mode: a profile without contacts:read takes the Contacts
 * panel (and its API) from the user put on it; an agent number becomes a PBX
 * endpoint with its password shown once; a template that needs approval is
 * inactive until it is submitted and approved.
 */
const test = suite('admin access: profiles, agent numbers, approvals');
const env = useEnvironment(test, { EDGECALL_DEMO_CALLS_PER_MINUTE: '0' });

const PANEL = 'ec-settings-panel';
const row = (name: string) => `${PANEL} ec-settings-table tr[data-name="${name}"]`;
const PROFILE = 'Kontaktsız operator';

let admin: Page;
let problems: string[];

async function openScreen(id: string) {
  await admin.click(`${PANEL} ec-nav-bar a[data-route="${id}"]`);
  await admin.waitForSelector(`${PANEL} [data-screen="${id}"]`);
}

test('a profile without contacts:read: its user loses the Contacts panel and the API answers 403', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  admin = await context.newPage();
  problems = watchPage(admin).problems;
  await admin.goto('/admin/settings/profiles');
  await login(admin, 'admin', 'admin-demo');
  await admin.waitForSelector(row('operator'));
  assert.match((await admin.textContent(`${row('operator')} [data-col="permissions"]`)) ?? '', /Kontaktlara baxmaq/);

  // The operator logs in elsewhere and has Contacts.
  const opContext = await newContext(env.browser, env.appliance.url);
  const op = await opContext.newPage();
  const opProblems = watchPage(op).problems;
  await op.goto('/');
  await login(op, 'operator2', 'operator-demo');
  assert.ok((await navRoutes(op)).includes('contacts'));

  // A new profile; without self:read it is refused at the permissions field.
  const FORM = `${PANEL} ec-settings-form[data-form="profiles"]`;
  await admin.click(`${PANEL} ec-catalog-panel button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="name"]`, PROFILE);
  await admin.uncheck(`${FORM} input[name="permissions"][value="self:read"]`);
  for (const p of ['agent:operate', 'calls:read', 'kpis:read']) await admin.check(`${FORM} input[name="permissions"][value="${p}"]`);
  await admin.click(`${FORM} button[data-action="save"]`);
  const permError = admin.locator(`${FORM} [data-error-for="permissions"]`);
  await permError.waitFor();
  assert.match((await permError.textContent()) ?? '', /self:read is needed/);
  await admin.check(`${FORM} input[name="permissions"][value="self:read"]`);
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.waitForSelector(row(PROFILE));
  assert.not.match((await admin.textContent(`${row(PROFILE)} [data-col="permissions"]`)) ?? '', /Kontakt/);
  assert.is(await admin.locator(`${row('admin')} button[data-action="delete"]`).count(), 0, 'built-in profiles are not deleted');

  // Assign operator2 to it in the users panel.
  await admin.goto('/admin/users');
  await admin.click('ec-users-table tr[data-user="operator2"] button[data-action="edit"]');
  await admin.selectOption('ec-user-form [name="profile"]', PROFILE);
  await admin.click('ec-user-form button[type="submit"]');
  await admin.waitForSelector(`ec-users-table tr[data-user="operator2"] >> text=${PROFILE}`);

  // The change ended operator2's session: logging in again, Contacts is gone from the navigation and the API.
  await op.reload();
  await login(op, 'operator2', 'operator-demo');
  await op.waitForSelector('ec-home-panel [data-field="welcome"]');
  assert.equal(await navRoutes(op), ['home', 'operator', 'callbacks', 'calls', 'dashboard']);
  const status = await op.evaluate(async () => (await fetch('/api/v1/contacts', { credentials: 'same-origin' })).status);
  assert.is(status, 403);
  await op.goto('/contacts');
  await op.waitForSelector('ec-home-panel [data-field="welcome"]');
  assert.is(new URL(op.url()).pathname, '/', 'the panel is not reachable by URL either');
  assert.equal(opProblems, []);
  await opContext.close();
});

test('an agent number: refused at its field when wrong, listed with its PBX state, the password shown once', async () => {
  await admin.goto('/admin/settings/agent-numbers');
  const FORM = `${PANEL} ec-settings-form[data-form="agent-numbers"]`;
  await admin.waitForSelector(`${PANEL} ec-catalog-panel [data-list="agent-numbers"]`);
  await admin.click(`${PANEL} ec-catalog-panel button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="number"]`, '2');
  await admin.fill(`${FORM} input[name="displayName"]`, 'Sevda Nəsibova');
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.locator(`${FORM} [data-error-for="number"]`).waitFor();
  await admin.fill(`${FORM} input[name="number"]`, '208');
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.waitForSelector(row('208'));
  const secret = (await admin.textContent(`${PANEL} ec-catalog-panel [data-field="secret"]`))?.trim() ?? '';
  assert.ok(secret.length >= 10, `a generated password is shown: ${secret}`);
  assert.match((await admin.textContent(`${row('208')} [data-col="pbx"]`)) ?? '', /PBX-dədir/);
  assert.match((await admin.textContent(`${row('208')} [data-col="name"]`)) ?? '', /Sevda Nəsibova/);
  // Reloaded, the list never shows the password again.
  await admin.reload();
  await admin.waitForSelector(row('208'));
  assert.not.ok((await admin.content()).includes(secret));
  assert.is(await admin.locator(`${PANEL} [data-field="secret"]`).count(), 0);
});

test('a template that needs approval is inactive until submitted and approved', async () => {
  await admin.goto('/admin/settings/approvals');
  await admin.waitForSelector(`${PANEL} ec-approvals-panel [data-list="approval-policies"]`);
  await admin.click(`${row('template')} button[data-action="edit"]`);
  const POLICY = `${PANEL} ec-settings-form[data-form="approval-policy"]`;
  await admin.check(`${POLICY} input[name="required"]`);
  await admin.click(`${POLICY} button[data-action="save"]`);
  // No approving profile: refused at that field.
  await admin.locator(`${POLICY} [data-error-for="approverProfiles"]`).waitFor();
  // Built-in profiles have their name as id.
  await admin.check(`${POLICY} input[name="approverProfiles"][value="admin"]`);
  await admin.check(`${POLICY} input[name="allowSelfApproval"]`);
  await admin.click(`${POLICY} button[data-action="save"]`);
  await admin.waitForSelector(POLICY, { state: 'detached' });
  assert.match((await admin.textContent(`${row('template')} [data-col="approvers"]`)) ?? '', /admin/);

  await openScreen('templates');
  const FORM = `${PANEL} ec-settings-form[data-form="templates"]`;
  await admin.click(`${PANEL} ec-catalog-panel button[data-action="new"]`);
  await admin.fill(`${FORM} input[name="name"]`, 'Salamlama SMS');
  await admin.fill(`${FORM} textarea[name="body"]`, 'Salam, {{contact.name}}!');
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.waitForSelector(row('Salamlama SMS'));
  assert.match((await admin.textContent(`${row('Salamlama SMS')} [data-col="approval"]`)) ?? '', /Qaralama/);
  assert.match((await admin.textContent(`${row('Salamlama SMS')} [data-col="active"]`)) ?? '', /Xeyr/);
  await admin.click(`${row('Salamlama SMS')} button[data-action="submit-approval"]`);
  await admin.waitForSelector(`${row('Salamlama SMS')} [data-col="approval"] >> text=Təsdiq gözləyir`);

  await openScreen('approvals');
  const request = `${PANEL} ec-approvals-panel [data-list="approvals"] tr[data-name="Salamlama SMS"]`;
  await admin.waitForSelector(request);
  await admin.click(`${request} button[data-action="approve"]`);
  await admin.waitForSelector(`${PANEL} ec-approvals-panel .notice >> text=təsdiqləndi`);

  await openScreen('templates');
  await admin.waitForSelector(`${row('Salamlama SMS')} [data-col="approval"] >> text=Təsdiqlənib`);
  assert.match((await admin.textContent(`${row('Salamlama SMS')} [data-col="active"]`)) ?? '', /Bəli/);
  assert.equal(problems, []);
});

test('the trunk: a SIP trunk refused at its field, then saved with the reload it needs; then E1 spans of a card', async () => {
  await openScreen('trunk');
  const TRUNK = `${PANEL} ec-trunk-panel`;
  const FORM = `${TRUNK} ec-settings-form[data-form="trunk"]`;
  await admin.selectOption(`${TRUNK} select[name="trunk-kind"]`, 'sip');
  await admin.fill(`${FORM} input[name="host"]`, 'sip provider');
  await admin.check(`${FORM} input[name="register"]`);
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.locator(`${FORM} [data-error-for="host"]`).waitFor();
  assert.match((await admin.textContent(`${FORM} [data-error-for="username"]`)) ?? '', /username/);
  await admin.fill(`${FORM} input[name="host"]`, 'sip.provider.az');
  await admin.fill(`${FORM} input[name="username"]`, '124405000');
  await admin.fill(`${FORM} input[name="secret"]`, 'provider-secret');
  await admin.fill(`${FORM} input[name="dids"]`, '124405000, 124405001');
  await admin.fill(`${FORM} input[name="callerNumber"]`, '124405000');
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.waitForSelector(`${TRUNK} [data-field="trunk-result"] [data-field="reload"]`);
  assert.match((await admin.textContent(`${TRUNK} [data-field="trunk-result"]`)) ?? '', /PJSIP\/\{number\}@trunk/);
  assert.match((await admin.textContent(`${TRUNK} [data-field="trunk-result"] [data-field="pbx"]`)) ?? '', /PBX-dədir/);

  await admin.selectOption(`${TRUNK} select[name="trunk-kind"]`, 'dahdi');
  await admin.selectOption(`${FORM} select[name="profile"]`, 'digium-te122');
  await admin.selectOption(`${FORM} select[name="span-1-line"]`, 'e1');
  await admin.fill(`${FORM} input[name="span-1-dids"]`, '124405000');
  await admin.click(`${FORM} button[data-action="save"]`);
  await admin.waitForSelector(`${TRUNK} [data-field="trunk-result"] >> text=DAHDI/g1/{number}`);
  assert.ok(await admin.isVisible(`${TRUNK} [data-field="trunk-result"] [data-field="reload"]`));
  assert.equal(problems, []);
});

test.run();

/**
 * The HQ console in Chromium against a real central server: sign-in, the
 * branches list, a KPI dashboard showing the figure HQ computes, editing a
 * FAQ item, the rejects queue with its reasons, languages, and what a viewer
 * is offered. The console is the production build (vite), served by the
 * central server under its CSP.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SYNC_SCHEMA_VERSION } from '@edgecall/contracts';
import type { CentralHandle } from '../src/server.ts';
import { ADMIN_PASSWORD, ADMIN_USER, ROOT, admin, adminCookie, enrollAppliance, http, startTestCentral } from './support/central.ts';
import { freshDatabase, type TestDatabase } from './support/pg.ts';
import { batch } from './support/records.ts';

const t = suite('hq console (browser)');
let db: TestDatabase;
let central: CentralHandle;
let browser: Browser;
let page: Page;
const problems: string[] = [];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  return st.isDirectory() ? Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n)))) : st.mtimeMs;
}

/** `npm test` builds the console first (sync:build); a lone run of this file builds it when missing or stale. */
function ensureConsoleBuilt() {
  const index = join(ROOT, 'sync/console/dist/index.html');
  const sources = Math.max(newest(join(ROOT, 'sync/console/src')), newest(join(ROOT, 'sync/console/index.html')), newest(join(ROOT, 'contracts/src')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync('npm', ['run', 'build', '-w', '@edgecall/sync'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`console build failed:\n${r.stdout}\n${r.stderr}`);
}

/** A whole call as the branch records it: arrived, queued, ringing, answered, ended, ACW ended. */
function answeredCall(seq: number, id: string, at: number) {
  const events = [
    { type: 'arrived', seq: 1, at, number: '+994501112233' },
    { type: 'ivr_left', seq: 2, at: at + 2000 },
    { type: 'queued', seq: 3, at: at + 2000, queue: 'sales' },
    { type: 'ringing', seq: 4, at: at + 3000, agent: '101', queue: 'sales' },
    { type: 'answered', seq: 5, at: at + 7000, agent: '101', queue: 'sales' },
    { type: 'ended', seq: 6, at: at + 67_000, cause: 'caller_hangup' },
    { type: 'acw_ended', seq: 7, at: at + 77_000, agent: '101' },
  ];
  return journey(seq, id, events, { stage: 'ended', queue: 'sales', agent: '101', arrivedAt: at, answeredAt: at + 7000, endedAt: at + 67_000, cause: 'caller_hangup' });
}

function abandonedCall(seq: number, id: string, at: number) {
  const events = [
    { type: 'arrived', seq: 1, at, number: '+994501112244' },
    { type: 'ivr_left', seq: 2, at: at + 2000 },
    { type: 'queued', seq: 3, at: at + 2000, queue: 'sales' },
    { type: 'ended', seq: 4, at: at + 32_000, cause: 'abandoned' },
  ];
  return journey(seq, id, events, { stage: 'ended', queue: 'sales', agent: null, arrivedAt: at, answeredAt: null, endedAt: at + 32_000, cause: 'abandoned' });
}

function journey(seq: number, id: string, events: object[], s: Record<string, unknown>) {
  return {
    seq,
    entity: 'call_journey',
    entityId: id,
    op: 'upsert',
    entityVersion: 1,
    schemaVersion: SYNC_SCHEMA_VERSION,
    payload: { callId: id, direction: 'inbound', events, summary: { number: '+994501112233', did: '1000', recording: null, lastSeq: events.length, ...s } },
  };
}

const inApp = (selector: string) => page.locator(selector);

t.before(async () => {
  ensureConsoleBuilt();
  db = await freshDatabase();
  central = await startTestCentral(db.url);
  const cred = await enrollAppliance(central.url, 'br-console');
  // Two calls that arrived a few minutes ago (today's period), and one record HQ must set aside.
  const at = Date.now() - 5 * 60_000;
  const poison = { ...journey(3, 'poison-1', [], {}), payload: { callId: 'poison-1', direction: 'sideways' } };
  const up = await http(central.url, 'POST', '/sync/v1/batches', { bearer: cred, body: batch('br-console', 'epoch-console', 0, [answeredCall(1, 'call-1', at), abandonedCall(2, 'call-2', at + 1000), poison]) });
  assert.is(up.status, 200, JSON.stringify(up.body));
  assert.is(up.body.rejected.length, 1);
  await adminCookie(central.url);
  assert.is((await admin(central.url, 'POST', '/hq/v1/users', { username: 'watcher', displayName: 'Watcher', role: 'hq_viewer', password: 'watcher-password' })).status, 201);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

t.after(async () => {
  await browser?.close();
  await central?.stop();
  await db?.drop();
});

async function openConsole() {
  const context = await browser.newContext({ baseURL: central.url, viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto('/');
}

async function signIn(username: string, password: string) {
  await inApp('ec-hq-login input[name="username"]').fill(username);
  await inApp('ec-hq-login input[name="password"]').fill(password);
  await inApp('ec-hq-login button[type="submit"]').click();
}

t('sign in (az by default); a wrong password is refused in the language of the page', async () => {
  await openConsole();
  await inApp('ec-hq-login h1').waitFor();
  assert.is((await inApp('ec-hq-login h1').textContent())?.trim(), 'Mərkəzi konsol');
  await signIn(ADMIN_USER, 'not-the-password');
  await inApp('ec-hq-login .error').waitFor();
  assert.match((await inApp('ec-hq-login .error').textContent()) ?? '', /yanlışdır/);
  await signIn(ADMIN_USER, ADMIN_PASSWORD);
  await inApp('nav a[data-route="branches"]').waitFor();
  assert.is((await inApp('nav a[data-route="branches"]').textContent())?.trim(), 'Filiallar');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'ec_hq_session')!;
  assert.ok(session.httpOnly, 'the session cookie is httpOnly');
  assert.is(session.sameSite, 'Strict');
});

t('the branches list shows last contact, backlog, lag, rejects and schema', async () => {
  const row = inApp('ec-hq-branches tr[data-branch="br-console"]');
  await row.waitFor();
  assert.is((await row.locator('[data-field="backlog"]').textContent())?.trim(), '0');
  assert.is((await row.locator('[data-field="rejects"]').textContent())?.trim(), '1 / 1');
  assert.is((await row.locator('[data-field="schema"]').textContent())?.trim(), String(SYNC_SCHEMA_VERSION));
  assert.not.match((await row.locator('[data-field="lastContact"]').textContent()) ?? '', /heç vaxt/);
});

t('the KPI dashboard shows the figures HQ computes, per branch, per queue and all together', async () => {
  await inApp('nav a[data-route="kpis"]').click();
  const cell = (scope: string, kpi: string) => inApp(`ec-hq-kpis tr[data-scope="${scope}"] td[data-kpi="${kpi}"]`);
  await cell('br-console', 'totalCalls').waitFor();
  assert.is((await cell('br-console', 'totalCalls').textContent())?.trim(), '2');
  assert.is((await cell('all', 'totalCalls').textContent())?.trim(), '2');
  assert.is((await cell('br-console:sales', 'answeredCalls').textContent())?.trim(), '1');
  // ASA of the one answered call: 5 s of queue time; the same number the API gives.
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const api = await admin(central.url, 'GET', `/hq/v1/kpis?appliance=br-console&from=${midnight.getTime()}&to=${midnight.getTime() + 86_400_000}`);
  assert.is(api.body.figures.asa, 5);
  assert.is((await cell('br-console', 'asa').textContent())?.trim(), '5 san');
  assert.is((await cell('br-console', 'serviceLevel').textContent())?.trim(), '50 %');
  // The detail card lists all twenty figures of the chosen scope.
  await inApp('ec-hq-kpis tr[data-scope="br-console"] button').click();
  assert.is(await inApp('ec-hq-kpi-table tr[data-kpi]').count(), 20);
  assert.is((await inApp('ec-hq-kpi-table tr[data-kpi="missedCalls"] [data-value]').textContent())?.trim(), '1');
  // Another period without calls: zero, and ratios as "—".
  await inApp('ec-hq-period-picker select[data-period]').selectOption('yesterday');
  await page.waitForFunction(() => {
    const root = (globalThis as any).document.querySelector('ec-hq-app')?.shadowRoot?.querySelector('ec-hq-kpis')?.shadowRoot;
    return root?.querySelector('tr[data-scope="br-console"] td[data-kpi="totalCalls"]')?.textContent?.trim() === '0';
  });
  assert.is((await cell('br-console', 'serviceLevel').textContent())?.trim(), '—');
});

t('editing a FAQ item: create, then edit; it is stored at HQ for the branches to pull', async () => {
  await inApp('nav a[data-route="reference"]').click();
  await inApp('ec-hq-reference button[data-new]').click();
  await inApp('ec-hq-ref-form input[name="key"]').fill('opening-hours');
  await inApp('ec-hq-ref-form input[name="question"]').fill('İş saatları nədir?');
  await inApp('ec-hq-ref-form textarea[name="answer"]').fill('09:00–18:00');
  await inApp('ec-hq-ref-form input[name="tags"]').fill('saat, iş');
  await inApp('ec-hq-ref-form button[type="submit"]').click();
  await inApp('ec-hq-reference tr[data-key="opening-hours"]').waitFor();
  let item = (await admin(central.url, 'GET', '/hq/v1/ref/faq')).body.items.find((i: { key: string }) => i.key === 'opening-hours');
  assert.equal(item.payload, { question: 'İş saatları nədir?', answer: '09:00–18:00', tags: ['saat', 'iş'], locale: 'az' });

  await inApp('ec-hq-reference tr[data-key="opening-hours"] button[data-edit]').click();
  assert.is(await inApp('ec-hq-ref-form textarea[name="answer"]').inputValue(), '09:00–18:00');
  await inApp('ec-hq-ref-form textarea[name="answer"]').fill('09:00–19:00');
  await inApp('ec-hq-ref-form button[type="submit"]').click();
  await inApp('ec-hq-reference .notice').waitFor();
  item = (await admin(central.url, 'GET', '/hq/v1/ref/faq')).body.items.find((i: { key: string }) => i.key === 'opening-hours');
  assert.is(item.payload.answer, '09:00–19:00');
  const changes = (await http(central.url, 'GET', '/sync/v1/ref?since=0', { bearer: await branchCredential() })).body.changes as { key: string }[];
  assert.is(changes.filter((c) => c.key === 'opening-hours').length, 2, 'both writes are in the change log branches pull');
  // A refused item shows the server's reason instead of failing silently.
  await inApp('ec-hq-reference button[data-dataset="evaluation_criterion"]').click();
  await inApp('ec-hq-reference button[data-new]').click();
  await inApp('ec-hq-ref-form input[name="key"]').fill('politeness');
  await inApp('ec-hq-ref-form input[name="name"]').fill('Nəzakət');
  await inApp('ec-hq-ref-form input[name="weight"]').fill('250');
  await page.evaluate(() => {
    const form = (globalThis as any).document.querySelector('ec-hq-app')?.shadowRoot?.querySelector('ec-hq-reference')?.shadowRoot?.querySelector('ec-hq-ref-form')?.shadowRoot?.querySelector('form');
    form?.querySelectorAll('input').forEach((i: { removeAttribute(n: string): void }) => i.removeAttribute('max'));
  });
  await inApp('ec-hq-ref-form button[type="submit"]').click();
  await inApp('ec-hq-reference .error').waitFor();
  assert.match((await inApp('ec-hq-reference .error').textContent()) ?? '', /weight/);
});

let cred: string | null = null;
async function branchCredential(): Promise<string> {
  // A second appliance just to read the change log as a branch would.
  cred ??= await enrollAppliance(central.url, 'br-reader');
  return cred;
}

t('the rejects queue shows each record with its reason, and dismisses it', async () => {
  await inApp('nav a[data-route="rejects"]').click();
  const row = inApp('ec-hq-rejects tr[data-reject]').first();
  await row.waitFor();
  assert.is(await row.locator('td[data-reason]').getAttribute('data-reason'), 'invalid_payload');
  assert.match((await row.locator('td[data-reason] strong').textContent()) ?? '', /Yanlış məzmun/);
  await row.locator('button[data-dismiss]').click();
  await inApp('ec-hq-rejects tr[data-reject]').first().waitFor({ state: 'detached' });
  assert.is((await admin(central.url, 'GET', '/hq/v1/rejects?status=open')).body.total, 0);
  const audit = (await admin(central.url, 'GET', '/hq/v1/audit?action=reject.')).body.items;
  assert.is(audit[0].action, 'reject.dismiss');
});

t('English and Russian; a viewer is offered the dashboards only', async () => {
  await inApp('header select').selectOption('en');
  await page.waitForFunction(() => (globalThis as any).document.querySelector('ec-hq-app')?.shadowRoot?.querySelector('nav a[data-route="branches"]')?.textContent?.trim() === 'Branches');
  await inApp('header select').selectOption('ru');
  await page.waitForFunction(() => (globalThis as any).document.querySelector('ec-hq-app')?.shadowRoot?.querySelector('nav a[data-route="branches"]')?.textContent?.trim() === 'Филиалы');
  await inApp('header button[data-logout]').click();
  await inApp('ec-hq-login').waitFor();
  await signIn('watcher', 'watcher-password');
  await inApp('nav a[data-route="branches"]').waitFor();
  const routes = await inApp('nav a[data-route]').evaluateAll((links) => links.map((a) => a.getAttribute('data-route')));
  assert.equal(routes, ['branches', 'kpis', 'account']);
  await inApp('ec-hq-branches tr[data-branch="br-console"]').waitFor();
  assert.is(await inApp('ec-hq-branches button.danger').count(), 0, 'no revoke button for a viewer');
  await page.goto('/#/reference');
  await inApp('ec-hq-branches').waitFor();
  assert.equal(problems, [], 'no page errors or CSP violations');
});

t.run();

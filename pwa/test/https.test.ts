/**
 * HTTPS on the branch LAN (issue 9): a tablet reaches the appliance by a LAN
 * name, not localhost. Chromium maps branch.test to 127.0.0.2 and trusts the
 * branch CA generated at the appliance's first start (by its SPKI); the app
 * must be installable there, its service worker must activate, and it must
 * open offline. The plain-HTTP port must lead there.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startAppliance, type RunningAppliance } from './support/appliance.ts';
import { launchBrowser, login, newContext, watchPage } from './support/browser.ts';

const NAME = 'branch.test';
const ADDRESS = '127.0.0.2';

const test = suite('https: the PWA at a LAN name over HTTPS, installable and offline');
let appliance: RunningAppliance | undefined;
let browser: Browser | undefined;
let failure: unknown = null;
let origin = '';
let httpOrigin = '';

/** Base64 SHA-256 of a certificate's SubjectPublicKeyInfo, as --ignore-certificate-errors-spki-list takes it. */
function spkiPin(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

// uvu swallows errors of `before`: keep the failure and throw it from every test (as support/harness.ts does).
test.before(async () => {
  try {
    appliance = await startAppliance({ EDGECALL_HTTPS: '1', EDGECALL_HTTP_PORT: '0', HOST: ADDRESS, EDGECALL_TLS_NAMES: NAME });
    const port = new URL(appliance.url).port;
    const httpPort = new URL(appliance.caPageUrl ?? 'http://x/').port;
    if (!appliance.url.startsWith('https://') || !httpPort) throw new Error(`expected HTTPS and an HTTP port, got ${appliance.url} and ${appliance.caPageUrl}`);
    origin = `https://${NAME}:${port}`;
    httpOrigin = `http://${NAME}:${httpPort}`;
    // Trust the branch CA made at first start: nothing but its key pin is handed to Chromium.
    const ca = readFileSync(join(appliance.dataDir, 'tls', 'ca.crt'), 'utf8');
    browser = await launchBrowser([`--host-resolver-rules=MAP ${NAME} ${ADDRESS}`, `--ignore-certificate-errors-spki-list=${spkiPin(ca)}`]);
  } catch (e) {
    failure = e;
  }
});
test.before.each(() => {
  if (failure) throw failure;
});
test.after(async () => {
  await browser?.close();
  await appliance?.stop();
});

async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

test('the plain-HTTP port shows the CA page and sends everything else to HTTPS', async () => {
  // A tablet set to Azerbaijani; the page follows its Accept-Language.
  const context = await browser!.newContext({ baseURL: httpOrigin, locale: 'az-AZ' });
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${httpOrigin}/ca`);
  assert.is(await page.getAttribute('html', 'lang'), 'az');
  await page.waitForSelector('[data-section="qr"] svg');
  assert.ok(await page.isVisible('a[data-format="mobileconfig"]'));
  await page.click('nav a[lang="en"]');
  await page.waitForSelector('html[lang="en"]');
  assert.is(await page.textContent('h1'), 'Install the branch certificate');
  assert.is(await page.getAttribute('a[data-action="open-app"]', 'href'), `${origin}/`);

  await page.goto(`${httpOrigin}/some/route?x=1`);
  assert.is(page.url(), `${origin}/some/route?x=1`);
  assert.equal(watch.problems, [], 'no CSP violation or error on the CA page');
  await context.close();
});

test('over HTTPS at a LAN name the app is installable, goes live over wss, and opens offline', async () => {
  const context = await newContext(browser!, origin);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  assert.is(await page.evaluate(() => window.isSecureContext), true);
  await login(page, 'admin', 'admin-demo');
  await page.waitForSelector('ec-home-panel [data-field="welcome"]');
  await controlled(page);
  // MQTT over WebSocket on the same HTTPS port.
  await page.waitForSelector('ec-connection-banner[state="live"]');

  // What decides the install prompt: Chromium finds nothing missing.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  // Playwright's contexts are incognito profiles, where Chromium never installs; nothing else may be missing.
  assert.equal(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), []);

  const cookies = await context.cookies(origin);
  assert.ok(cookies.length > 0);
  for (const c of cookies) assert.ok(c.secure, `cookie ${c.name} is Secure`);

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('ec-connection-banner[state="offline"]');
  assert.is((await page.textContent('ec-app [data-field="current-user"]'))?.trim(), 'Demo Admin');
  assert.is(new URL(page.url()).origin, origin);

  // Back online, /ca is the appliance's page, not the app shell from the service worker.
  await context.setOffline(false);
  await page.goto('/ca');
  await page.waitForSelector('[data-section="downloads"]');
  assert.equal(watch.problems, []);
  await context.close();
});

test.run();

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless; one per test file. `extraArgs`: e.g. host mapping and trusted SPKIs for HTTPS. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
}

/**
 * Collects what must never happen on a page: uncaught errors and CSP
 * violations (the appliance's CSP is strict, and a blocked script or worker
 * fails silently otherwise).
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() !== 'error') return;
    // Refusals (4xx) are answers the UI explains; only 5xx would be a fault.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    // Offline runs log failed fetches by design.
    if (/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|ERR_NETWORK_CHANGED/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return { problems };
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.fill('ec-login-screen input[name="username"]', username);
  await page.fill('ec-login-screen input[name="password"]', password);
  await page.click('ec-login-screen button[type="submit"]');
}

/** The panels the navigation offers, by route id, in order. */
export async function navRoutes(page: Page): Promise<string[]> {
  await page.waitForSelector('ec-nav-bar a[data-route]');
  return page.locator('ec-nav-bar a[data-route]').evaluateAll((links) => links.map((a) => a.getAttribute('data-route') ?? ''));
}

export async function bannerState(page: Page): Promise<string | null> {
  return page.locator('ec-connection-banner').first().getAttribute('state');
}

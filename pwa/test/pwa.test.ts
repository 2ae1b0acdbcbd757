import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { useEnvironment } from './support/harness.ts';
import { newContext, watchPage } from './support/browser.ts';

const test = suite('installable PWA: manifest and service worker');
const env = useEnvironment(test);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  assert.equal([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.is(buf.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('the manifest is linked, valid, and its icons load with the declared sizes', async () => {
  const html = await (await fetch(`${env.appliance.url}/`)).text();
  const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'index.html links a manifest');
  const res = await fetch(new URL(href!, env.appliance.url));
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/manifest\+json/);
  const m = (await res.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose?: string }[] };
  assert.is(m.name, 'EdgeCall');
  assert.ok(typeof m.short_name === 'string' && m.short_name.length > 0 && m.short_name.length <= 12);
  assert.is(m.lang, 'az');
  assert.is(m.start_url, '/');
  assert.is(m.display, 'standalone');
  assert.match(String(m.theme_color), /^#[0-9a-f]{6}$/i);
  assert.match(String(m.background_color), /^#[0-9a-f]{6}$/i);
  const sizes = new Set(m.icons.map((i) => i.sizes));
  assert.ok(sizes.has('192x192') && sizes.has('512x512'), 'icons of 192 and 512');
  assert.ok(m.icons.some((i) => i.purpose?.split(' ').includes('maskable')), 'a maskable icon');
  for (const icon of m.icons) {
    const r = await fetch(new URL(icon.src, env.appliance.url));
    assert.is(r.status, 200, icon.src);
    assert.is(r.headers.get('content-type'), 'image/png');
    const { width, height } = pngSize(Buffer.from(await r.arrayBuffer()));
    assert.is(`${width}x${height}`, icon.sizes, icon.src);
  }
});

test('the service worker activates and controls the page after a reload', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto('/');
  await page.waitForSelector('ec-login-screen');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForSelector('ec-login-screen');
  assert.is(await page.evaluate(() => navigator.serviceWorker.controller?.state), 'activated');
  // Only the shell is precached, with the lazily loaded panels; /api is never cached by the worker.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });
  assert.ok(cached.includes('/index.html'), 'index.html precached');
  assert.ok(cached.includes('/manifest.webmanifest'), 'manifest precached');
  assert.ok(cached.some((u) => /ec-users-panel-.*\.js$/.test(u)), 'lazy panels precached');
  assert.not.ok(cached.some((u) => u.startsWith('/api/')), 'no API answer in the worker caches');
  // The shell fallback never answers server routes: a navigation to /api still reaches the appliance.
  const api = await page.goto('/api/v1/auth/me');
  assert.is(api?.status(), 401);
  assert.match(api?.headers()['content-type'] ?? '', /application\/json/);
  assert.equal(watch.problems, []);
  await context.close();
});

test('an install button appears when the browser offers installation, and hands over to its prompt', async () => {
  const context = await newContext(env.browser, env.appliance.url);
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForSelector('ec-login-screen');
  assert.is(await page.locator('ec-pwa-actions button[data-action="install"]').count(), 0, 'no button before the offer');
  // Headless Chromium never offers installation itself, so the test plays the browser's part.
  // (A string, because tsx's keepNames helpers do not exist inside the page.)
  await page.evaluate(`{
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    offer.prompt = async () => { window.prompted = true; };
    offer.userChoice = Promise.resolve({ outcome: 'accepted' });
    window.dispatchEvent(offer);
  }`);
  const button = page.locator('ec-pwa-actions button[data-action="install"]');
  assert.is((await button.textContent())?.trim(), 'Tətbiqi quraşdır');
  await button.click();
  await page.waitForFunction(() => (window as unknown as { prompted?: boolean }).prompted === true);
  await button.waitFor({ state: 'detached' });
  await context.close();
});

test.run();

import type { Test } from 'uvu';
import type { Browser } from 'playwright-core';
import { startAppliance, type RunningAppliance } from './appliance.ts';
import { launchBrowser } from './browser.ts';

export interface Environment {
  readonly appliance: RunningAppliance;
  readonly browser: Browser;
}

// A hung browser or appliance must fail the run, not stall CI: unref'd, so it never keeps node alive.
const WATCHDOG_MS = 5 * 60_000;
setTimeout(() => {
  console.error(`pwa browser tests: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  process.exit(1);
}, WATCHDOG_MS).unref();

async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      console.error(`${what} did not finish within ${ms / 1000} s`);
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One appliance and one browser for a test file. uvu swallows an error
 * thrown by a `before` hook (the file would then "pass" with tests not run),
 * so a failed start is kept and re-thrown by every test instead.
 */
export function useEnvironment(test: Test, env: Record<string, string> = {}): Environment {
  let appliance: RunningAppliance | undefined;
  let browser: Browser | undefined;
  let failure: unknown = null;

  test.before(async () => {
    const [a, b] = await Promise.allSettled([startAppliance(env), launchBrowser()]);
    if (a.status === 'fulfilled') appliance = a.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (a.status === 'rejected') failure = a.reason;
    else if (b.status === 'rejected') failure = b.reason;
  });
  test.before.each(() => {
    if (failure) throw failure;
  });
  test.after(async () => {
    if (browser) await within(15_000, 'closing the browser', browser.close());
    if (appliance) await within(15_000, 'stopping the appliance', appliance.stop());
  });

  return {
    get appliance() {
      if (!appliance) throw new Error('the appliance is not running');
      return appliance;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running');
      return browser;
    },
  };
}

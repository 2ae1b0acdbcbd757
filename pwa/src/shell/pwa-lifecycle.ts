import { Workbox } from 'workbox-window';
import { Store } from '../state/store.ts';

/** Chromium's install prompt event (not in TypeScript's DOM lib). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface PwaState {
  /** The browser offered installation (beforeinstallprompt) and we have not used it yet. */
  installable: boolean;
  /** A new service worker is installed and waits for the user to reload. */
  updateReady: boolean;
}

/**
 * Install prompt and service-worker updates. Created before <ec-app> renders
 * because beforeinstallprompt may fire early. The service worker is
 * registered from this bundled module: the appliance's CSP forbids inline
 * scripts, so vite-plugin-pwa's injected registration is off.
 */
export class PwaLifecycle extends Store<PwaState> {
  #installEvent: BeforeInstallPromptEvent | null = null;
  #workbox: Workbox | null = null;

  constructor() {
    super({ installable: false, updateReady: false });
    window.addEventListener('beforeinstallprompt', (e) => {
      e.preventDefault(); // keep the browser's mini-infobar away; we show our own button
      this.#installEvent = e as BeforeInstallPromptEvent;
      this.patch({ installable: true });
    });
    window.addEventListener('appinstalled', () => {
      this.#installEvent = null;
      this.patch({ installable: false });
    });
  }

  registerServiceWorker(url = '/sw.js'): void {
    // The dev server has no service worker; caching there would only confuse.
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const wb = new Workbox(url, { scope: '/' });
    wb.addEventListener('waiting', () => this.patch({ updateReady: true }));
    this.#workbox = wb;
    wb.register().catch((e: unknown) => console.warn('service worker registration failed', e));
  }

  async install(): Promise<void> {
    const ev = this.#installEvent;
    if (!ev) return;
    this.#installEvent = null;
    this.patch({ installable: false });
    await ev.prompt();
    await ev.userChoice.catch(() => undefined);
  }

  applyUpdate(): void {
    const wb = this.#workbox;
    if (!wb) return;
    wb.addEventListener('controlling', () => location.reload());
    wb.messageSkipWaiting();
  }
}

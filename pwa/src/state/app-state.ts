import { createApiClient, type ApiClient } from '../data/http.ts';
import { createOfflineStore, type OfflineStore } from '../offline/last-data.ts';
import { sharedDb } from '../offline/db.ts';
import { createOfflineCaches, type OfflineCaches } from '../offline/caches.ts';
import { createBrowserOutbox } from '../offline/outbox-idb.ts';
import type { Outbox } from '../offline/outbox.ts';
import type { Contact } from '@edgecall/contracts/crm';
import { I18nStore } from './i18n.ts';
import { SessionStore } from './session.ts';
import { ConnectionStore } from './connection.ts';
import { CallbackBadgeStore } from './callback-badge.ts';
import { AlertsStore } from './alerts.ts';
import type { Store } from './store.ts';

/** The service-worker/install side as the state sees it (implemented in shell/pwa-lifecycle.ts). */
export interface PwaControls extends Store<{ installable: boolean; updateReady: boolean }> {
  install(): Promise<void>;
  applyUpdate(): void;
}

/** Everything the shell provides to panels (see context.ts). */
export interface AppState {
  i18n: I18nStore;
  session: SessionStore;
  connection: ConnectionStore;
  api: ApiClient;
  offline: OfflineStore;
  /** The reference bundle, contacts and FAQ kept for offline call handling. */
  caches: OfflineCaches;
  /** Saves not yet applied by the appliance (DESIGN.md §6). */
  outbox: Outbox;
  callbacks: CallbackBadgeStore;
  /** Active alerts of the supervised groups, with browser notifications (issue 4). */
  alerts: AlertsStore;
  pwa: PwaControls;
}

/**
 * Wires the state containers together. The api reports reachability and
 * lost sessions to stores created after it, hence the late-bound closures.
 */
export function createAppState(pwa: PwaControls): AppState {
  let session: SessionStore | undefined;
  let connection: ConnectionStore | undefined;
  const api = createApiClient({
    onReachable: () => connection?.markReachable(),
    onUnreachable: () => connection?.markUnreachable(),
    onUnauthorized: () => void session?.expire(),
  });
  const db = sharedDb();
  const offline = createOfflineStore(db);
  const caches = createOfflineCaches(db);
  const outbox = createBrowserOutbox(api, db);
  const i18n = new I18nStore();
  session = new SessionStore(api, offline);
  connection = new ConnectionStore(api, session);
  const callbacks = new CallbackBadgeStore(api, session, connection);
  const alerts = new AlertsStore(session, connection, i18n);

  session.subscribe((s, prev) => {
    // The profile's language applies only until the user picks one on this device.
    if (s.status === 'authenticated' && prev.status !== 'authenticated') i18n.suggest(s.user.locale);
  });
  connection.subscribe((c, prev) => {
    // Back from offline: make sure the remembered session still holds.
    const s = session!.value;
    if (c.reachable === true && prev.reachable === false && s.status === 'authenticated') void session!.confirm();
  });
  // Contacts created or changed through the outbox join the offline screen pop's copy.
  outbox.onApplied((item, result) => {
    const c = result as Contact | null;
    if ((item.kind === 'contact-create' || item.kind === 'contact-update') && c && typeof c.id === 'string' && Array.isArray(c.phones)) {
      void caches.saveContacts([c]);
    }
  });
  return { i18n, session, connection, api, offline, caches, outbox, callbacks, alerts, pwa };
}

/** Starts the side effects: restore the session, watch connectivity, replay the outbox. */
export async function startAppState(state: AppState): Promise<void> {
  const { session, connection, outbox } = state;
  connection.start();
  state.callbacks.start();
  state.alerts.start();
  session.subscribe((s) => void outbox.setUser(s.status === 'authenticated' ? s.user.id : null));
  // Back online or reconnected: send what waited, without waiting for the backoff.
  connection.subscribe((c, prev) => {
    if (c.reachable === true && prev.reachable !== true) outbox.kick();
  });
  window.addEventListener('online', () => outbox.kick());
  await session.restore();
}

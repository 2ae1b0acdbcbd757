import { createApiClient, type ApiClient } from '../data/http.ts';
import { createOfflineStore, type OfflineStore } from '../offline/last-data.ts';
import { I18nStore } from './i18n.ts';
import { SessionStore } from './session.ts';
import { ConnectionStore } from './connection.ts';
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
  const offline = createOfflineStore();
  const i18n = new I18nStore();
  session = new SessionStore(api, offline);
  connection = new ConnectionStore(api, session);

  session.subscribe((s, prev) => {
    // The profile's language applies only until the user picks one on this device.
    if (s.status === 'authenticated' && prev.status !== 'authenticated') i18n.suggest(s.user.locale);
  });
  connection.subscribe((c, prev) => {
    // Back from offline: make sure the remembered session still holds.
    const s = session!.value;
    if (c.reachable === true && prev.reachable === false && s.status === 'authenticated') void session!.confirm();
  });
  return { i18n, session, connection, api, offline, pwa };
}

/** Starts the side effects: restore the session, watch connectivity. */
export async function startAppState(state: AppState): Promise<void> {
  state.connection.start();
  await state.session.restore();
}

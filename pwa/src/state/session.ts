import type { SessionUser } from '@edgecall/contracts/auth';
import { Store } from './store.ts';
import type { ApiClient } from '../data/http.ts';
import { createSession, deleteSession, fetchMe, type LoginResponse } from '../data/session.ts';
import { isApiError, isNetworkError } from '../data/errors.ts';
import type { OfflineStore } from '../offline/last-data.ts';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason: 'start' | 'logout' | 'expired' }
  | {
      status: 'authenticated';
      user: SessionUser;
      site: string;
      /** When the appliance last confirmed this session (epoch ms). */
      confirmedAt: number;
      /** False while we only have the device's saved copy. */
      confirmed: boolean;
    };

const LOGOUT_PENDING = 'edgecall.logoutPending';

/**
 * Who is logged in. The device keeps the last confirmed session so the app
 * opens offline; only the appliance saying "not authenticated" ends it,
 * never a network failure.
 */
export class SessionStore extends Store<SessionState> {
  constructor(
    private readonly api: ApiClient,
    private readonly offline: OfflineStore,
  ) {
    super({ status: 'restoring' });
  }

  get user(): SessionUser | null {
    const s = this.value;
    return s.status === 'authenticated' ? s.user : null;
  }

  can(permission: string): boolean {
    return this.user?.permissions.includes(permission as never) ?? false;
  }

  async restore(): Promise<void> {
    const saved = await this.offline.loadSession();
    if (saved) this.set({ status: 'authenticated', ...saved, confirmed: false });
    if (this.#logoutPending()) {
      // Logged out while offline: end the server session now, before it silently logs us back in.
      await this.logout();
      return;
    }
    await this.confirm(saved === null);
  }

  /** Ask the appliance whether the session still holds (at start and whenever it comes back). */
  async confirm(anonymousIfUnknown = false): Promise<void> {
    try {
      const me = await fetchMe(this.api);
      await this.#authenticated(me.user, me.site);
    } catch (e) {
      if (isApiError(e) && e.status === 401) return this.expire();
      // Unreachable (or a transient 5xx): keep whatever the device remembers.
      if (anonymousIfUnknown && this.value.status === 'restoring') this.set({ status: 'anonymous', reason: 'start' });
      if (!isNetworkError(e) && !isApiError(e)) throw e;
    }
  }

  /** Throws ApiError / NetworkError for the login screen to explain. */
  async login(username: string, password: string): Promise<LoginResponse> {
    const res = await createSession(this.api, username, password);
    const saved = await this.offline.loadSession();
    // Another user's saved panels must never show to this one.
    if (saved && saved.user.id !== res.user.id) await this.offline.clear();
    await this.#authenticated(res.user, res.site);
    return res;
  }

  async logout(): Promise<void> {
    try {
      await deleteSession(this.api);
      this.#setLogoutPending(false);
    } catch (e) {
      this.#setLogoutPending(isNetworkError(e));
    }
    await this.offline.clear();
    this.set({ status: 'anonymous', reason: 'logout' });
  }

  /** The appliance answered 401: the session is over (expired, revoked, user disabled). */
  async expire(): Promise<void> {
    if (this.value.status === 'anonymous') return;
    // No session to lose yet (a fresh device at start): nothing "expired".
    const reason = this.value.status === 'authenticated' ? 'expired' : 'start';
    await this.offline.clear();
    this.set({ status: 'anonymous', reason });
  }

  async #authenticated(user: SessionUser, site: string): Promise<void> {
    const confirmedAt = Date.now();
    await this.offline.saveSession({ user, site, confirmedAt });
    this.set({ status: 'authenticated', user, site, confirmedAt, confirmed: true });
  }

  #logoutPending(): boolean {
    try {
      return localStorage.getItem(LOGOUT_PENDING) === '1';
    } catch {
      return false;
    }
  }

  #setLogoutPending(pending: boolean): void {
    try {
      if (pending) localStorage.setItem(LOGOUT_PENDING, '1');
      else localStorage.removeItem(LOGOUT_PENDING);
    } catch {
      // Without storage the server session simply lives until it expires.
    }
  }
}

import { topics } from '@edgecall/contracts/topics';
import { Store } from './store.ts';
import type { ApiClient } from '../data/http.ts';
import type { SessionStore } from './session.ts';
import type { ConnectionStore } from './connection.ts';
import { fetchMyOpenCallbackCount } from '../data/callbacks.ts';
import { isCallbackNotice } from '../data/agent.ts';

export interface CallbackBadge {
  /** Open callback entries assigned to me; null until known (or for users who are not agents). */
  count: number | null;
  /** Bumped on every callback notice, so an open callbacks panel reloads. */
  version: number;
}

/** Checked now and then as well: an entry may become mine without a notice reaching this tab. */
const REFRESH_EVERY_MS = 60_000;
/** The permission the callback list needs (the appliance's route checks it too). */
export const CALLBACKS_PERMISSION = 'agent:operate';

/**
 * The nav badge of the feedback (callback) module. Follows the agent's
 * inbox for `callback_assigned` / `callback_due` and asks the appliance for
 * the count, so the badge is right on every tab, whichever panel is open.
 */
export class CallbackBadgeStore extends Store<CallbackBadge> {
  #unwatch: (() => void) | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #seq = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly session: SessionStore,
    private readonly connection: ConnectionStore,
  ) {
    super({ count: null, version: 0 });
  }

  start(): void {
    this.session.subscribe((s, prev) => {
      if (s.status === 'authenticated' && (prev.status !== 'authenticated' || prev.user.id !== s.user.id)) this.#follow();
      if (s.status !== 'authenticated') this.#stop();
    });
    this.connection.subscribe((c, prev) => {
      if (c.reachable === true && prev.reachable !== true && this.#unwatch) void this.refresh();
    });
    if (this.session.value.status === 'authenticated') this.#follow();
  }

  async refresh(): Promise<void> {
    const user = this.session.user;
    if (!user?.agentNumber || !user.permissions.includes(CALLBACKS_PERMISSION)) return;
    const seq = ++this.#seq;
    try {
      const count = await fetchMyOpenCallbackCount(this.api);
      if (seq === this.#seq) this.patch({ count });
    } catch {
      // Offline or refused: the badge keeps its last count.
    }
  }

  #follow(): void {
    this.#stop();
    const s = this.session.value;
    if (s.status !== 'authenticated' || !s.user.agentNumber || !s.user.permissions.includes(CALLBACKS_PERMISSION)) return;
    this.#unwatch = this.connection.watch([topics.agentInbox(s.site, s.user.agentNumber)], (_topic, envelope) => {
      if (!isCallbackNotice(envelope?.data)) return;
      this.patch({ version: this.value.version + 1 });
      void this.refresh();
    });
    this.#timer = setInterval(() => void this.refresh(), REFRESH_EVERY_MS);
    void this.refresh();
  }

  #stop(): void {
    this.#unwatch?.();
    this.#unwatch = null;
    clearInterval(this.#timer);
    this.#seq++;
    this.patch({ count: null });
  }
}

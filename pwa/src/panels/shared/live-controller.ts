import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveEnvelope } from '@edgecall/contracts/topics';
import type { AppState } from '../../state/app-state.ts';

/**
 * A panel's live topics: subscribed while the panel is on screen, dropped
 * when it leaves. `refresh()` follows a change of the filters (the agent's
 * queues became known, another scope was chosen).
 */
export class LiveController implements ReactiveController {
  #stop: (() => void) | null = null;
  #key = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly app: () => AppState,
    private readonly filters: (app: AppState, site: string) => string[],
    private readonly onMessage: (topic: string, envelope: LiveEnvelope | null) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = null;
    this.#key = '';
  }

  refresh(): void {
    const app = this.app();
    const s = app.session.value;
    const filters = s.status === 'authenticated' ? this.filters(app, s.site) : [];
    const key = filters.join('\n');
    if (key === this.#key && this.#stop) return;
    this.#stop?.();
    this.#key = key;
    this.#stop = filters.length
      ? app.connection.watch(filters, (topic, envelope) => {
          this.onMessage(topic, envelope);
          this.host.requestUpdate();
        })
      : null;
  }
}

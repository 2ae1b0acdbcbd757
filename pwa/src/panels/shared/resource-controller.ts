import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppState } from '../../state/app-state.ts';
import { fetchOrLast, type Fetched } from '../../offline/last-data.ts';
import { isNetworkError } from '../../data/errors.ts';

/**
 * One panel's data: fetched from the appliance and saved on the device, or
 * the saved copy when the appliance cannot be reached. When the appliance
 * comes back, a panel showing a saved copy fetches again by itself.
 */
export class ResourceController<T> implements ReactiveController {
  current: Fetched<T> | null = null;
  error: unknown = null;
  loading = false;
  #seq = 0;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly app: () => AppState,
    /** Where the last answer is saved on the device. */
    private readonly key: string,
    private readonly fetcher: (app: AppState) => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { connection } = this.app();
    this.#unsubscribe = connection.subscribe((c, prev) => {
      const back = c.reachable === true && prev.reachable !== true;
      const needed = this.current?.fromCache || isNetworkError(this.error);
      if (back && needed && !this.loading) void this.load();
    });
    void this.load();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#seq++; // answers arriving after this are dropped
  }

  async load(): Promise<void> {
    const seq = ++this.#seq;
    const app = this.app();
    this.loading = true;
    this.host.requestUpdate();
    try {
      const result = await fetchOrLast(app.offline, this.key, () => this.fetcher(app));
      if (seq !== this.#seq) return;
      this.current = result;
      this.error = null;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.error = e;
    } finally {
      if (seq === this.#seq) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}

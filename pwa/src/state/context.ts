import type { ReactiveControllerHost } from 'lit';
import type { AppState } from './app-state.ts';
import { StoreController, type Subscribable } from './store.ts';

/**
 * A minimal context protocol (the idea of @lit/context without the
 * dependency): an element asks for the app state with a composed event that
 * crosses shadow roots up to <ec-app>, which answers synchronously.
 */
const REQUEST = 'ec-app-state-request';

class AppStateRequest extends Event {
  state: AppState | null = null;
  constructor() {
    super(REQUEST, { bubbles: true, composed: true });
  }
}

export function provideAppState(host: EventTarget, state: AppState): void {
  host.addEventListener(REQUEST, (e) => {
    (e as AppStateRequest).state = state;
    e.stopPropagation();
  });
}

/**
 * Gives an element the app state once it is connected and re-renders it when
 * the chosen stores change. `app` is only valid from connectedCallback on.
 */
export class AppStateController {
  #state: AppState | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    pick: (s: AppState) => Subscribable[],
    onChange?: () => void,
  ) {
    // Registered first so the request is answered before the store controller subscribes.
    host.addController({ hostConnected: () => this.#request() });
    new StoreController(host, () => pick(this.app), onChange);
  }

  get app(): AppState {
    if (!this.#state) this.#request();
    if (!this.#state) throw new Error(`${this.host.localName} is not inside <ec-app>`);
    return this.#state;
  }

  #request(): void {
    if (this.#state) return;
    const req = new AppStateRequest();
    this.host.dispatchEvent(req);
    this.#state = req.state;
  }
}

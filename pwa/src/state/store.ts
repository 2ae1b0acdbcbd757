import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Listener<T> = (value: T, previous: T) => void;

/**
 * A tiny observable value: the app's state containers extend it and views
 * follow it with StoreController. Replaces @lit/context, which is not a
 * dependency here.
 */
export class Store<T> {
  #value: T;
  readonly #listeners = new Set<Listener<T>>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  subscribe(listener: Listener<T>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected set(next: T): void {
    if (Object.is(next, this.#value)) return;
    const previous = this.#value;
    this.#value = next;
    for (const l of [...this.#listeners]) l(next, previous);
  }

  protected patch(changes: Partial<T>): void {
    const current = this.#value as Record<string, unknown>;
    const changed = Object.entries(changes).some(([k, v]) => !Object.is(current[k], v));
    if (changed) this.set({ ...this.#value, ...changes });
  }
}

/** Anything a view can follow: every Store is one. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/** Re-renders its host whenever one of the stores changes (while connected). */
export class StoreController implements ReactiveController {
  #unsubscribe: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly stores: () => Subscribable[],
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = this.stores().map((s) =>
      s.subscribe(() => {
        this.onChange?.();
        this.host.requestUpdate();
      }),
    );
  }

  hostDisconnected(): void {
    for (const u of this.#unsubscribe) u();
    this.#unsubscribe = [];
  }
}

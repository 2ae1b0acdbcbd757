/** The shape mqtt.js accepts as `timerVariant` (set/clear an interval). */
export interface IntervalTimer {
  set(callback: () => void, ms: number): number;
  clear(id: number): void;
  /** Ends the worker; the timer must not be used afterwards. */
  dispose(): void;
}

/**
 * Worker-backed intervals (see interval-worker.ts for why), or null when
 * workers are unavailable and native timers must do.
 */
export function createIntervalTimer(): IntervalTimer | null {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./interval-worker.ts', import.meta.url), { type: 'module', name: 'edgecall-intervals' });
  } catch {
    return null;
  }
  const callbacks = new Map<number, () => void>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<number>) => callbacks.get(e.data)?.();
  return {
    set(callback, ms) {
      const id = next++;
      callbacks.set(id, callback);
      worker.postMessage({ op: 'set', id, ms });
      return id;
    },
    clear(id) {
      callbacks.delete(id);
      worker.postMessage({ op: 'clear', id });
    },
    dispose() {
      callbacks.clear();
      worker.terminate();
    },
  };
}

// Simulated time for the ARI simulator.
//
// Every duration the simulator models (prompt length, ring time, DTMF timing, recording
// length, originate timeout) is expressed in simulated milliseconds. Only when a duration
// reaches a real timer is it multiplied by `timeScale`, so a test can run a 2 s prompt in
// 100 ms while every value Asterisk would report (duration_ms, recording duration, event
// timestamps) stays in simulated units and therefore consistent with itself.

export interface TimerHandle {
  cancel(): void;
}

/** Formats like Asterisk does in events: `2026-11-27T13:53:36.885+0000` (UTC, ms, no `Z`). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class SimClock {
  readonly timeScale: number;
  private readonly wallStart = Date.now();
  private readonly perfStart = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly onError: (err: unknown) => void;

  constructor(timeScale: number, onError: (err: unknown) => void) {
    // A zero or negative scale would make every timer fire at once and reorder flows.
    this.timeScale = Number.isFinite(timeScale) && timeScale > 0 ? timeScale : 1;
    this.onError = onError;
  }

  /** Simulated epoch milliseconds (runs `1 / timeScale` times faster than the wall clock). */
  now(): number {
    return this.wallStart + (performance.now() - this.perfStart) / this.timeScale;
  }

  timestamp(ms: number = this.now()): string {
    return formatTimestamp(ms);
  }

  /** Real milliseconds that correspond to `simMs` simulated milliseconds. */
  toReal(simMs: number): number {
    return Math.max(0, simMs) * this.timeScale;
  }

  /** Runs `fn` after `simMs` simulated ms. Errors are reported, never thrown into the loop. */
  after(simMs: number, fn: () => void): TimerHandle {
    if (this.stopped) return { cancel: () => {} };
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      if (this.stopped) return;
      try {
        fn();
      } catch (err) {
        this.onError(err);
      }
    }, this.toReal(simMs));
    this.timers.add(handle);
    return {
      cancel: () => {
        clearTimeout(handle);
        this.timers.delete(handle);
      },
    };
  }

  /** Resolves after `simMs` simulated ms (used by control handles and the traffic generator). */
  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      this.after(simMs, resolve);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

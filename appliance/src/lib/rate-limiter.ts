import type { Clock } from '../core/ports.ts';

/**
 * Sliding-window failure counter. Login failures are counted per key
 * (username, address); a key over its limit is refused until the oldest
 * failure leaves the window.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string): number {
    const list = this.prune(key);
    if (list.length < this.limit) return 0;
    return list[0] + this.windowMs - this.clock.now();
  }

  fail(key: string): void {
    const list = this.prune(key);
    list.push(this.clock.now());
    this.failures.set(key, list);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string): number[] {
    const since = this.clock.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}

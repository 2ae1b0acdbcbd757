import type { Clock } from '../http/limits.ts';

/**
 * Failed HQ logins per key within a sliding window. Keys are a username at
 * an address (guessing one account) and the address alone (spraying many),
 * the latter allowed four times as many failures. Only failures count, so a
 * user who types the password right is never slowed down by colleagues
 * behind the same NAT; a success clears its username's count.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly clock: Clock,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  private keys(username: string, address: string): [string, number][] {
    return [
      [`u:${username}@${address}`, this.maxFailures],
      [`a:${address}`, this.maxFailures * 4],
    ];
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** 0 when a login may be tried now, else the seconds until the oldest counted failure leaves the window. */
  retryAfter(username: string, address: string): number {
    const now = this.clock.now();
    let wait = 0;
    for (const [key, max] of this.keys(username, address)) {
      const list = this.recent(key, now);
      if (list.length >= max) wait = Math.max(wait, Math.ceil((list[list.length - max] + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(username: string, address: string): void {
    const now = this.clock.now();
    for (const [key] of this.keys(username, address)) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 50_000) for (const k of this.failures.keys()) this.recent(k, now);
  }

  succeed(username: string, address: string): void {
    this.failures.delete(`u:${username}@${address}`);
  }
}

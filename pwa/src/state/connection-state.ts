/**
 * The connection banner's four states, derived purely from what the app
 * observed so it can be tested without a browser or a clock.
 *
 * - offline:   the appliance cannot be reached over HTTP
 * - reachable: the appliance answers HTTP, the live channel is not (yet) up
 * - live:      the live channel is up and heartbeats arrive
 * - stale:     the live channel is up but no heartbeat came for > 15 s
 * - checking:  nothing observed yet (first moments after start)
 */
export type BannerState = 'checking' | 'offline' | 'reachable' | 'live' | 'stale';

export type LiveStatus = 'idle' | 'connecting' | 'up' | 'down';

/** sys/seq beats every 5 s: three missed beats means the data can no longer be trusted. */
export const STALE_AFTER_MS = 15_000;

export interface ConnectionFacts {
  /** null until the first request or probe answered or failed. */
  reachable: boolean | null;
  live: LiveStatus;
  /** Local time the live channel came up (epoch ms). */
  liveSince: number | null;
  /** Local time the last sys/seq heartbeat arrived (epoch ms). */
  lastHeartbeatAt: number | null;
}

export function bannerState(f: ConnectionFacts, now: number): BannerState {
  if (f.live === 'up') {
    // Measured from the later of "channel up" and "last beat": a fresh channel gets 15 s to hear one.
    const since = Math.max(f.lastHeartbeatAt ?? 0, f.liveSince ?? 0);
    return now - since > STALE_AFTER_MS ? 'stale' : 'live';
  }
  if (f.reachable === false) return 'offline';
  if (f.reachable === null) return 'checking';
  return 'reachable';
}

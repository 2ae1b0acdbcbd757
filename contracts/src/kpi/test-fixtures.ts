/**
 * Test helpers (not exported by the package): a fluent builder of hand-made
 * journeys whose times read in seconds from a fixed origin, and a small
 * seeded PRNG so property tests replay exactly from their seed.
 */
import type { AgentState, AgentTransition, CallDirection, CallJourney, EndCause, JourneyEvent } from './journey.ts';

/** A fixed Monday 08:00 UTC; tests never read the clock. */
export const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);
export const sec = (s: number): number => T0 + Math.round(s * 1000);

type Extra<K extends JourneyEvent['type']> = Omit<Extract<JourneyEvent, { type: K }>, 'type' | 'seq' | 'at'>;

export class JourneyBuilder {
  private readonly events: JourneyEvent[] = [];
  private t: number;

  constructor(
    private readonly callId: string,
    startSeconds: number,
    private readonly direction: CallDirection = 'inbound',
  ) {
    this.t = sec(startSeconds);
  }

  /** Moves the call's clock forward by `seconds`. */
  wait(seconds: number): this {
    this.t += Math.round(seconds * 1000);
    return this;
  }

  private push<K extends JourneyEvent['type']>(type: K, extra: Extra<K>): this {
    this.events.push({ type, seq: this.events.length + 1, at: this.t, ...extra } as JourneyEvent);
    return this;
  }

  arrive(number?: string, agent?: string): this {
    return this.push('arrived', { ...(number ? { number } : {}), ...(agent ? { agent } : {}) });
  }
  ivrLeft(): this {
    return this.push('ivr_left', {});
  }
  queued(queue: string): this {
    return this.push('queued', { queue });
  }
  ring(agent: string, queue?: string): this {
    return this.push('ringing', { agent, ...(queue ? { queue } : {}) });
  }
  noAnswer(agent: string): this {
    return this.push('ring_no_answer', { agent });
  }
  answer(agent: string, queue?: string): this {
    return this.push('answered', { agent, ...(queue ? { queue } : {}) });
  }
  hold(): this {
    return this.push('hold', {});
  }
  unhold(): this {
    return this.push('unhold', {});
  }
  transferToQueue(queue: string): this {
    return this.push('transferred', { toQueue: queue });
  }
  transferToAgent(agent: string): this {
    return this.push('transferred', { toAgent: agent });
  }
  end(cause: EndCause, queue?: string): this {
    return this.push('ended', { cause, ...(queue ? { queue } : {}) });
  }
  acw(agent: string): this {
    return this.push('acw_ended', { agent });
  }

  build(): CallJourney {
    return { callId: this.callId, direction: this.direction, events: [...this.events] };
  }
}

export const call = (callId: string, startSeconds = 0, direction: CallDirection = 'inbound'): JourneyBuilder =>
  new JourneyBuilder(callId, startSeconds, direction);

export const agentAt = (agent: string, state: AgentState, seconds: number, reason?: string): AgentTransition => ({
  agent,
  state,
  at: sec(seconds),
  ...(reason ? { reason } : {}),
});

/** mulberry32: tiny, fast, and good enough to shuffle test scenarios. */
export function prng(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
} {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

// Seeded randomness for the traffic generator. Every random choice of a call or a ring is
// drawn from its own stream derived from (seed, label), so a run is reproducible no matter
// in which order the appliance handles calls.

export type Distribution =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'exponential'; meanMs: number; maxMs?: number }
  | { kind: 'normal'; meanMs: number; sdMs: number; minMs?: number; maxMs?: number };

/** xmur3 string hash: turns a seed and a label into a 32-bit state. */
function hash(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

export class Rng {
  private state: number;

  constructor(private readonly seed: string) {
    this.state = hash(seed);
  }

  /** An independent stream for one purpose, e.g. `call:17` or `ring:1001:3`. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  weighted<T extends { weight?: number }>(items: T[]): T {
    const total = items.reduce((s, i) => s + (i.weight ?? 1), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight ?? 1;
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }

  /** Exponential waiting time with the given mean (Poisson arrivals). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  normal(mean: number, sd: number): number {
    // Box-Muller; 1 - next() avoids log(0).
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  sample(d: Distribution): number {
    let v: number;
    switch (d.kind) {
      case 'fixed':
        return Math.max(0, d.ms);
      case 'uniform':
        return d.minMs + this.next() * (d.maxMs - d.minMs);
      case 'exponential':
        v = this.exponential(d.meanMs);
        return d.maxMs !== undefined ? Math.min(v, d.maxMs) : v;
      case 'normal':
        v = this.normal(d.meanMs, d.sdMs);
        if (d.minMs !== undefined) v = Math.max(v, d.minMs);
        if (d.maxMs !== undefined) v = Math.min(v, d.maxMs);
        return Math.max(0, v);
    }
  }
}

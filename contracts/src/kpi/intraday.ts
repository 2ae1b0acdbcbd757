/**
 * Intraday series: offered, answered, SL and ASA per bucket (15 minutes by
 * default), each call in the bucket in which it arrived, with exactly the
 * definitions of the period figures. Buckets start at `from`: the caller
 * aligns it (local midnight, in the branch's time zone).
 */
import { addUnit, emptyBasis, meanSeconds, serviceLevels, type KpiBasis } from './basis.ts';
import { scopeVariant, tracesAt, type KpiOptions } from './compute.ts';
import type { CallJourney } from './journey.ts';
import { settingsResolver } from './settings.ts';
import { unitsOf } from './units.ts';

export interface IntradayBucket {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive (the period's `to` for the last bucket). */
  end: number;
  /** Calls that entered a queue of the scope, still waiting ones included. */
  offered: number;
  answered: number;
  /** The scope's SL variant, as `serviceLevel`; null over no known outcome. */
  serviceLevel: number | null;
  /** Seconds; null when nothing was answered. */
  asa: number | null;
}

export interface IntradayOptions extends Omit<KpiOptions, 'membership'> {
  bucketMinutes?: number;
}

export function intradaySeries(journeys: Iterable<CallJourney>, options: IntradayOptions): IntradayBucket[] {
  const size = Math.max(1, Math.round((options.bucketMinutes ?? 15) * 60_000));
  const resolve = settingsResolver(options);
  const count = Math.max(0, Math.ceil((options.to - options.from) / size));
  const bases: KpiBasis[] = Array.from({ length: count }, emptyBasis);
  for (const t of tracesAt(journeys, options.now)) {
    if (t.arrivedAt === null || t.arrivedAt < options.from || t.arrivedAt >= options.to) continue;
    const b = bases[Math.floor((t.arrivedAt - options.from) / size)];
    for (const u of unitsOf(t, options.scope, resolve)) addUnit(b, u, 1);
  }
  const variant = scopeVariant(options.scope, resolve);
  return bases.map((b, i) => ({
    start: options.from + i * size,
    end: Math.min(options.from + (i + 1) * size, options.to),
    offered: b.offered + b.pendingOffered,
    answered: b.answered,
    serviceLevel: serviceLevels(b)[variant],
    asa: meanSeconds(b.waitAnsweredMs, b.answered),
  }));
}

import {
  callbackTimes,
  contactsFrom,
  missedCallsFrom,
  phoneKey,
  recoveryRate,
  settingsResolver,
  type CallbackStats,
  type CallJourney,
  type KpiSettings,
} from '@edgecall/contracts';

/**
 * The contracts' callback helpers compare numbers as given, expecting them
 * normalised; the journey keeps what the trunk sent (+994 50…) and what the
 * agent dialled (050…). So the numbers become their phoneKey first: the same
 * caller is the same party however the number was written.
 */
export function withNumberKeys(journeys: readonly CallJourney[]): CallJourney[] {
  return journeys.map((j) => {
    let changed = false;
    const events = j.events.map((e) => {
      if (e.type !== 'arrived' || !e.number) return e;
      const key = phoneKey(e.number);
      if (!key || key === e.number) return e;
      changed = true;
      return { ...e, number: key };
    });
    return changed ? { ...j, events } : j;
  });
}

/** How far after a period its callbacks may still count: the longest callback window. */
export function longestWindowMs(settings: KpiSettings, queues: readonly string[]): number {
  const resolve = settingsResolver(settings);
  return Math.max(resolve(null).callbackWindow, ...queues.map((q) => resolve(q).callbackWindow)) * 1000;
}

/**
 * Callback time and recovery rate of the period's missed calls, from the
 * stored journeys (the period's, plus those after it within the callback
 * window) with the contracts' functions: the figures HQ computes too.
 */
export function callbackStats(journeys: readonly CallJourney[], settings: KpiSettings, period: { from: number; to: number }, now: number): CallbackStats {
  const rawNumber = new Map<string, string>();
  for (const j of journeys) {
    const arrived = j.events.find((e) => e.type === 'arrived');
    if (arrived?.type === 'arrived' && arrived.number) rawNumber.set(j.callId, arrived.number);
  }
  const keyed = withNumberKeys(journeys);
  const missed = missedCallsFrom(keyed, { ...settings, ...period, now });
  const contacts = contactsFrom(keyed, now);
  const times = callbackTimes(missed, contacts);
  const recovery = recoveryRate(missed, contacts, settings);
  const attempted = times.filter((t) => t.callbackTime !== null);
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    missedCalls: missed.length,
    missedCallers: recovery.missedCallers,
    recovered: recovery.recovered,
    recoveryRate: recovery.recoveryRate,
    attempted: attempted.length,
    averageCallbackTime: attempted.length ? attempted.reduce((s, t) => s + (t.callbackTime as number), 0) / attempted.length : null,
    callbackTimes: times.map((t) => ({
      callId: t.callId,
      number: rawNumber.get(t.callId) ?? t.number,
      endedAt: new Date(t.endedAt).toISOString(),
      firstAttemptAt: iso(t.firstAttemptAt),
      callbackTime: t.callbackTime,
    })),
  };
}

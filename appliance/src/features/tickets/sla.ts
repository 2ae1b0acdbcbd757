/**
 * SLA clocks of a request, pure. Both clocks count working time (the
 * branch's hours, holidays and special days) spent in statuses of kind
 * `open`: waiting on the customer and closed statuses pause them. The
 * response clock stops when the request first leaves its initial status or
 * gets a public answer; the resolution clock when it reaches a closed status
 * (a reopened request counts on from where it stopped).
 *
 * What is stored: `slaAccMs`, the working time counted before `statusSince`
 * (the start of the current status), and `responseMs`, the response clock
 * frozen when it stopped. Everything else is derived from them and the hours.
 */
import { addWorkingMs, workingMsBetween, type SlaClock, type TicketStatusKind, type WorkingHours } from '@edgecall/contracts';

const HOUR = 3_600_000;
/** A clock is "due soon" once this share of its budget is used. */
export const DUE_SOON_SHARE = 0.8;

export interface SlaState {
  statusKind: TicketStatusKind;
  statusSince: number;
  slaAccMs: number;
  respondedAt: number | null;
  responseMs: number | null;
  responseHours: number | null;
  resolutionHours: number | null;
}

/** Working time counted up to `now`. */
export function elapsedMs(t: SlaState, hours: WorkingHours, now: number): number {
  return t.slaAccMs + (t.statusKind === 'open' ? workingMsBetween(hours, t.statusSince, Math.max(now, t.statusSince)) : 0);
}

/** Instants at which a running clock reaches `share` of its budget, or null when it is not running. */
function instantAt(t: SlaState, hours: WorkingHours, budgetMs: number, share: number): number | null {
  if (t.statusKind !== 'open') return null;
  const left = budgetMs * share - t.slaAccMs;
  if (left < 0) return t.statusSince;
  return addWorkingMs(hours, t.statusSince, left);
}

export interface ClockMs extends Omit<SlaClock, 'dueAt'> {
  dueAt: number | null;
  warnAt: number | null;
}

function clockOf(budgetHours: number, elapsed: number, state: SlaClock['state'], dueAt: number | null, warnAt: number | null): ClockMs {
  const budget = budgetHours * HOUR;
  const breached = elapsed > budget;
  return {
    budgetHours,
    elapsedMs: elapsed,
    remainingMs: budget - elapsed,
    dueAt: state === 'running' ? dueAt : null,
    warnAt: state === 'running' ? warnAt : null,
    state,
    breached,
    dueSoon: state === 'running' && !breached && elapsed >= budget * DUE_SOON_SHARE,
  };
}

export function responseClock(t: SlaState, hours: WorkingHours, now: number): ClockMs | null {
  if (t.responseHours === null) return null;
  if (t.respondedAt !== null) return clockOf(t.responseHours, t.responseMs ?? 0, 'done', null, null);
  // Closed without ever responding cannot happen (leaving the initial status is the response); counted as done.
  const state = t.statusKind === 'open' ? 'running' : t.statusKind === 'waiting_customer' ? 'paused' : 'done';
  const budget = t.responseHours * HOUR;
  return clockOf(t.responseHours, elapsedMs(t, hours, now), state, instantAt(t, hours, budget, 1), instantAt(t, hours, budget, DUE_SOON_SHARE));
}

export function resolutionClock(t: SlaState, hours: WorkingHours, now: number): ClockMs | null {
  if (t.resolutionHours === null) return null;
  const state = t.statusKind === 'open' ? 'running' : t.statusKind === 'waiting_customer' ? 'paused' : 'done';
  const budget = t.resolutionHours * HOUR;
  return clockOf(t.resolutionHours, elapsedMs(t, hours, now), state, instantAt(t, hours, budget, 1), instantAt(t, hours, budget, DUE_SOON_SHARE));
}

export interface Deadlines {
  responseDueAt: number | null;
  responseWarnAt: number | null;
  resolutionDueAt: number | null;
  resolutionWarnAt: number | null;
}

/** The instants the lists filter on (overdue, due soon); null for a clock that does not run. */
export function deadlinesOf(t: SlaState, hours: WorkingHours): Deadlines {
  const running = t.statusKind === 'open';
  const response = running && t.responseHours !== null && t.respondedAt === null;
  const resolution = running && t.resolutionHours !== null;
  return {
    responseDueAt: response ? instantAt(t, hours, t.responseHours! * HOUR, 1) : null,
    responseWarnAt: response ? instantAt(t, hours, t.responseHours! * HOUR, DUE_SOON_SHARE) : null,
    resolutionDueAt: resolution ? instantAt(t, hours, t.resolutionHours! * HOUR, 1) : null,
    resolutionWarnAt: resolution ? instantAt(t, hours, t.resolutionHours! * HOUR, DUE_SOON_SHARE) : null,
  };
}

/**
 * The request moves to a status of `toKind` at `now`: the time of the
 * status it leaves is counted (when that one counts), and the response clock
 * stops when `responds`.
 */
export function moveClock<T extends SlaState>(t: T, hours: WorkingHours, now: number, toKind: TicketStatusKind, responds: boolean): T {
  const at = Math.max(now, t.statusSince);
  const acc = elapsedMs(t, hours, at);
  const respond = responds && t.respondedAt === null;
  return { ...t, slaAccMs: acc, statusSince: at, statusKind: toKind, respondedAt: respond ? at : t.respondedAt, responseMs: respond ? acc : t.responseMs };
}

/** The response clock stops without a status change (a public answer to the customer). */
export function respond<T extends SlaState>(t: T, hours: WorkingHours, now: number): T {
  if (t.respondedAt !== null) return t;
  return { ...t, respondedAt: now, responseMs: elapsedMs(t, hours, now) };
}

/**
 * Watches the SLA clocks of requests not closed: a clock that has used 80 %
 * of its budget raises a warning to the supervisors of the executing group,
 * a breached one a critical alert, recorded once in the request's history
 * and escalating it. A request escalated by hand raises its own alert.
 * Alerts are derived from the stored requests on every pass, so a restart
 * or a change of the working hours never leaves a stale one; the deadlines
 * the lists filter on are brought in line with the hours on the same pass.
 */
import { deadlinesOf, resolutionClock, responseClock, type ClockMs } from './sla.ts';
import type { StoredTicket, TicketDeps } from './ports.ts';
import type { Tickets } from './service.ts';

const HOUR = 3_600_000;
const OWN = /^(sla|esc)-/;
type Clock = 'response' | 'resolution';
const LABEL: Record<Clock, { due: string; breached: string; figure: string }> = {
  response: { due: 'cavab müddəti bitmək üzrədir', breached: 'cavab müddəti keçib', figure: 'slaResponse' },
  resolution: { due: 'həll müddəti bitmək üzrədir', breached: 'həll müddəti keçib', figure: 'slaResolution' },
};

export function createSlaMonitor(deps: TicketDeps, tickets: Tickets) {
  let running: Promise<void> | null = null;
  let again = false;

  async function recordBreaches(t: StoredTicket, clocks: Clock[]) {
    await tickets.change(
      t,
      null,
      async (cur, at) => ({
        next: {
          ...cur,
          responseBreachedAt: clocks.includes('response') ? (cur.responseBreachedAt ?? at) : cur.responseBreachedAt,
          resolutionBreachedAt: clocks.includes('resolution') ? (cur.resolutionBreachedAt ?? at) : cur.resolutionBreachedAt,
          // A breach escalates the request to the supervisor.
          escalatedAt: cur.escalatedAt ?? at,
        },
        events: clocks.map((c) => tickets.event(cur, null, at, 'sla', { clock: c, breached: true, budgetHours: c === 'response' ? cur.responseHours : cur.resolutionHours })),
      }),
      { expect: undefined },
    );
  }

  async function pass() {
    const now = deps.clock.now();
    const hours = deps.hours();
    const desired = new Map<string, Parameters<TicketDeps['alerts']['raise']>[0]>();
    for (const t of await deps.store.watched()) {
      const d = deadlinesOf(t, hours);
      if (d.responseDueAt !== t.responseDueAt || d.responseWarnAt !== t.responseWarnAt || d.resolutionDueAt !== t.resolutionDueAt || d.resolutionWarnAt !== t.resolutionWarnAt) {
        await deps.store.setDeadlines(t.id, d);
      }
      const clocks: [Clock, ClockMs | null][] = [
        ['response', responseClock(t, hours, now)],
        ['resolution', resolutionClock(t, hours, now)],
      ];
      const fresh = clocks.filter(([c, v]) => v?.breached && v.state !== 'done' && (c === 'response' ? t.responseBreachedAt : t.resolutionBreachedAt) === null).map(([c]) => c);
      if (fresh.length) await recordBreaches(t, fresh).catch(() => undefined);
      const groups = t.group ? [t.group] : deps.groups();
      const scope = t.group ? `group:${t.group}` : 'branch';
      let critical = false;
      for (const [c, v] of clocks) {
        if (!v || v.state === 'done' || !(v.breached || v.dueSoon)) continue;
        critical ||= v.breached;
        desired.set(`sla-${t.ref}-${c}`, {
          ruleId: `sla-${t.ref}-${c}`,
          name: `${t.ref} (${t.subject}): ${v.breached ? LABEL[c].breached : LABEL[c].due}`,
          severity: v.breached ? 'critical' : 'warning',
          scope,
          figure: LABEL[c].figure,
          threshold: v.budgetHours,
          value: Math.round((v.elapsedMs / HOUR) * 10) / 10,
          groups,
        });
      }
      if (t.escalatedAt !== null && !critical) {
        desired.set(`esc-${t.ref}`, { ruleId: `esc-${t.ref}`, name: `${t.ref} (${t.subject}): eskalasiya edilib`, severity: 'warning', scope, figure: 'ticketEscalation', threshold: 0, value: 1, groups });
      }
    }
    for (const id of deps.alerts.activeIds()) if (OWN.test(id) && !desired.has(id)) deps.alerts.clear(id);
    for (const a of desired.values()) deps.alerts.raise(a);
  }

  /** One pass now (after a change, or on the timer main.ts runs); passes never overlap. */
  function check(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return { check };
}

export type SlaMonitor = ReturnType<typeof createSlaMonitor>;

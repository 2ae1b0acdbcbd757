import type { Clock, Logger, Scheduler } from '../../core/ports.ts';
import type { AgentRef, CallbackNotifier, CallbackStore } from './ports.ts';

/** Open entries an agent is handed automatically before the rest wait for someone else (or a `take`). */
export const DEFAULT_ASSIGN_CAP = 5;
/** Timers are re-armed at least this often, so a far-off due time never overflows setTimeout. */
const MAX_TIMER_MS = 6 * 3_600_000;

export interface AssignerDeps {
  store: CallbackStore;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  agents: () => Iterable<AgentRef>;
  notifier: CallbackNotifier;
  cap?: number;
}

/**
 * Who calls back, and when an ordered callback falls due.
 *
 * Every agent counts as blended until operator modes exist (issue 6): an
 * open entry nobody holds goes to a ready agent of its queue (any agent
 * when it has none) with the fewest open entries, the least recently given
 * one on a tie, up to a cap each. It runs when an agent becomes ready and
 * when an entry is created; passes never overlap.
 */
export function createAssigner(deps: AssignerDeps) {
  const { store, clock, scheduler, notifier } = deps;
  const log = deps.logger.child('feature:callbacks');
  const cap = deps.cap ?? DEFAULT_ASSIGN_CAP;
  const lastGiven = new Map<string, number>();
  let running = false;
  let again = false;
  let stopped = false;
  let dueTimer: (() => void) | null = null;

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    scheduler.after(0, () => void run());
  }

  async function run() {
    try {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    } catch (err) {
      log.error('callback assignment failed', { err });
    } finally {
      running = false;
    }
  }

  async function pass() {
    const ready = [...deps.agents()].filter((a) => a.state === 'ready');
    if (ready.length === 0) return;
    const now = clock.now();
    const load = await store.read.openLoad();
    for (const entry of await store.read.unassigned(now, 200)) {
      const candidates = ready.filter((a) => (entry.queue === null || a.queues.includes(entry.queue)) && (load.get(a.agent) ?? 0) < cap);
      if (candidates.length === 0) continue;
      candidates.sort(
        (a, b) => (load.get(a.agent) ?? 0) - (load.get(b.agent) ?? 0) || (lastGiven.get(a.agent) ?? 0) - (lastGiven.get(b.agent) ?? 0) || (a.agent < b.agent ? -1 : 1),
      );
      const agent = candidates[0].agent;
      const { result: given } = await store.transact(null, now, (q) => q.assignIfFree(entry.id, agent, now));
      if (!given) continue;
      load.set(agent, (load.get(agent) ?? 0) + 1);
      lastGiven.set(agent, now);
      notifier.assigned(agent, { ...entry, assignedAgent: agent, assignedAt: now });
    }
  }

  /** Arms one timer for the next due ordered callback; call again whenever one is added or changed. */
  async function planDue() {
    if (stopped) return;
    dueTimer?.();
    dueTimer = null;
    const next = await store.read.nextDue();
    if (next === null || stopped) return;
    const wait = Math.min(Math.max(0, next - clock.now()), MAX_TIMER_MS);
    dueTimer = scheduler.after(wait, () => {
      dueTimer = null;
      void fireDue().catch((err) => log.error('due callbacks not announced', { err }));
    });
  }

  async function fireDue() {
    const now = clock.now();
    for (const entry of await store.read.dueUnnotified(now)) {
      await store.transact(null, now, (q) => q.update(entry.id, { dueNotifiedAt: now }));
      if (entry.assignedAgent) notifier.due(entry.assignedAgent, entry);
    }
    // A due entry nobody holds is now up for automatic assignment.
    kick();
    await planDue();
  }

  return {
    kick,
    planDue: () => planDue().catch((err) => log.error('due timer not armed', { err })),
    agentChanged(a: AgentRef) {
      if (a.state === 'ready') kick();
    },
    stop() {
      stopped = true;
      dueTimer?.();
      dueTimer = null;
    },
  };
}

export type Assigner = ReturnType<typeof createAssigner>;

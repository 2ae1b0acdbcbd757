import { topics, type JourneyEvent } from '@edgecall/contracts';
import type { Clock, Publisher, Scheduler } from '../../core/ports.ts';
import type { AgentRuntime } from '../../core/acd/agents.ts';
import type { AcdListener } from './service.ts';
import type { CallContext } from './call-context.ts';
import type { CallSummary } from './ports.ts';

const COALESCE_MS = 250;

/**
 * Domain → topics. Retained topics carry the full state of one thing; a topic
 * is published at most once per 250 ms with its latest state (DESIGN.md §5).
 */
export function createAcdNotifier(deps: {
  site: string;
  publisher: Publisher;
  clock: Clock;
  scheduler: Scheduler;
  calls: () => Iterable<CallContext>;
  agents: () => Iterable<AgentRuntime>;
}) {
  const { site, publisher, clock, scheduler } = deps;
  const last = new Map<string, number>();
  const pending = new Map<string, () => unknown>();

  function coalesced(topic: string, build: () => unknown) {
    const wait = (last.get(topic) ?? 0) + COALESCE_MS - clock.now();
    if (wait <= 0 && !pending.has(topic)) {
      last.set(topic, clock.now());
      publisher.publish(topic, build(), { retain: true });
      return;
    }
    const first = !pending.has(topic);
    pending.set(topic, build);
    if (first) {
      scheduler.after(Math.max(wait, 0), () => {
        const b = pending.get(topic);
        pending.delete(topic);
        if (!b) return;
        last.set(topic, clock.now());
        publisher.publish(topic, b(), { retain: true });
      });
    }
  }

  const agentPayload = (a: AgentRuntime) => ({
    agent: a.agent,
    state: a.state,
    reason: a.reason,
    since: new Date(a.since).toISOString(),
    callId: a.callId,
    queues: a.queues,
    callsToday: a.callsToday,
    missedInARow: a.missedInARow,
    acwUntil: a.acwUntil === null ? null : new Date(a.acwUntil).toISOString(),
  });

  function queuePayload(queue: string) {
    const now = clock.now();
    const waiting = [...deps.calls()]
      .filter((c) => c.summary.queue === queue && (c.summary.stage === 'queued' || c.summary.stage === 'ringing') && c.queuedAt !== null)
      .sort((a, b) => a.queuedAt! - b.queuedAt!)
      .map((c, i) => ({ callId: c.summary.id, number: c.summary.number, position: i + 1, since: new Date(c.queuedAt!).toISOString(), waitSeconds: Math.round((now - c.queuedAt!) / 1000), ringing: c.summary.stage === 'ringing' }));
    const members = [...deps.agents()].filter((a) => a.queues.includes(queue) && a.state !== 'logged_out');
    const onHold = [...deps.calls()].filter((c) => c.summary.queue === queue && c.onHold).map((c) => ({ callId: c.summary.id, agent: c.summary.agent }));
    return {
      queue,
      waiting,
      onHold,
      agents: {
        loggedIn: members.length,
        ready: members.filter((a) => a.state === 'ready').length,
        busy: members.filter((a) => ['ringing', 'talking', 'holding'].includes(a.state)).length,
        paused: members.filter((a) => a.state === 'paused').length,
        acw: members.filter((a) => a.state === 'acw').length,
      },
      longestWaitSeconds: waiting.length ? Math.max(...waiting.map((w) => w.waitSeconds)) : null,
    };
  }

  const listener: AcdListener = {
    agentChanged(a) {
      const payload = () => agentPayload(a);
      coalesced(topics.agentState(site, a.agent), payload);
      // A group's board: until groups and queues differ (decision 0002) each queue is a group.
      for (const g of a.queues) coalesced(topics.groupAgentState(site, g, a.agent), payload);
    },
    queueChanged(queue) {
      coalesced(topics.queueState(site, queue), () => queuePayload(queue));
    },
    journey(call: CallSummary, events: JourneyEvent[]) {
      for (const e of events) {
        // The screen pop: not retained, it matters only while the phone rings.
        if (e.type === 'ringing') {
          publisher.publish(topics.agentInbox(site, e.agent), { type: 'offer', callId: call.id, number: call.number, queue: e.queue ?? null, did: call.did });
        }
        if (e.type === 'answered') {
          publisher.publish(topics.agentInbox(site, e.agent), { type: 'answered', callId: call.id, number: call.number, queue: e.queue ?? null, did: call.did });
        }
      }
    },
  };

  return {
    listener,
    /** Boot: every agent's and queue's retained state from what the ACD restored. */
    publishAll(queues: string[]) {
      for (const a of deps.agents()) listener.agentChanged(a);
      for (const q of queues) listener.queueChanged(q);
    },
  };
}

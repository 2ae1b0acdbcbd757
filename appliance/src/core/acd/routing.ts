import type { QueueSettings } from '@edgecall/contracts';
import type { AgentRuntime } from './agents.ts';

/**
 * Who to offer a call to: the ready members of the queue not yet tried for
 * this call, ordered by penalty (skill level) and then by the strategy.
 * ring_all offers everyone of the best penalty at once.
 */
export function selectAgents(
  queue: QueueSettings,
  agents: AgentRuntime[],
  tried: ReadonlySet<string>,
  cursor: string | null,
): AgentRuntime[] {
  const candidates = agents.filter((a) => a.state === 'ready' && a.queues.includes(queue.id) && !tried.has(a.agent));
  if (candidates.length === 0) return [];
  const penalty = (a: AgentRuntime) => queue.penalties[a.agent] ?? 0;
  const best = Math.min(...candidates.map(penalty));
  const tier = candidates.filter((a) => penalty(a) === best).sort((x, y) => x.agent.localeCompare(y.agent, 'en', { numeric: true }));
  switch (queue.strategy) {
    case 'ring_all':
      return tier;
    case 'longest_idle':
      return [tier.reduce((a, b) => (b.idleSince < a.idleSince ? b : a))];
    case 'fewest_calls':
      return [tier.reduce((a, b) => (b.callsToday < a.callsToday || (b.callsToday === a.callsToday && b.idleSince < a.idleSince) ? b : a))];
    case 'round_robin': {
      // The next agent after the one offered last, in agent-number order.
      const next = cursor === null ? undefined : tier.find((a) => a.agent.localeCompare(cursor, 'en', { numeric: true }) > 0);
      return [next ?? tier[0]];
    }
  }
}

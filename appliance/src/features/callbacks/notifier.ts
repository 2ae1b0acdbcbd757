import { topics } from '@edgecall/contracts';
import type { Publisher } from '../../core/ports.ts';
import type { CallbackNotifier } from './ports.ts';

/** Domain → the agent's inbox topic (not retained: the list itself is the lasting state). */
export function createCallbackNotifier(deps: { site: string; publisher: Publisher }): CallbackNotifier {
  const send = (agent: string, type: 'callback_assigned' | 'callback_due', entry: { id: string; number: string; scheduledFor: number | null }) =>
    deps.publisher.publish(topics.agentInbox(deps.site, agent), {
      type,
      entryId: entry.id,
      number: entry.number,
      scheduledFor: entry.scheduledFor === null ? null : new Date(entry.scheduledFor).toISOString(),
    });
  return {
    assigned: (agent, entry) => void send(agent, 'callback_assigned', entry),
    due: (agent, entry) => void send(agent, 'callback_due', entry),
  };
}

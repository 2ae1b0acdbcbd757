import { AppError } from '@edgecall/contracts';
import type { Acd } from './service.ts';

/**
 * The supervisor's hands on a call (issue 4, flash panel): give a waiting
 * call to a chosen agent ahead of the routing strategy, or end a call. The
 * journey says what happened: the chosen agent's `ringing` stays in the
 * call's queue stint (KPIs count the wait as usual), and a call a supervisor
 * ends is `interrupted`, never a caller's abandon.
 */
export function createQueueIntervention(deps: { acd: Acd }) {
  const { acd } = deps;

  function liveCall(callId: string) {
    const call = acd.calls.get(callId);
    if (!call || call.summary.stage === 'ended') throw new AppError('not_found', 'No such live call');
    return call;
  }

  return {
    /** Rings the chosen agent now; if they do not answer the call goes back to normal routing. */
    giveTo(callId: string, agent: string) {
      const call = liveCall(callId);
      if (call.summary.stage !== 'queued' && call.summary.stage !== 'ringing') throw new AppError('conflict', 'Only a waiting call can be given to an agent');
      const queue = acd.queueOf(call.summary.queue);
      if (!queue || call.direct) throw new AppError('conflict', 'The call is not waiting in a queue');
      const a = acd.agents.get(agent);
      if (!a) throw new AppError('not_found', `Agent ${agent} is not known`);
      if (a.state !== 'ready') throw new AppError('conflict', `Agent ${agent} is not ready`);
      // Whoever is ringing now stops (not counted as their miss), then only the chosen agent rings.
      acd.cancelOffers(call);
      acd.offer(call, queue, a);
      return { callId, agent, queue: queue.id };
    },
    hangup(callId: string) {
      const call = liveCall(callId);
      if (call.summary.stage === 'talking') acd.endAnswered(call, 'interrupted');
      else acd.endUnanswered(call, 'interrupted', 'ended by a supervisor', null);
      return { callId, ended: true };
    },
  };
}

export type QueueIntervention = ReturnType<typeof createQueueIntervention>;

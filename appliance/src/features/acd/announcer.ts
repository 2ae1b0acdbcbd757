import type { QueueSettings } from '@edgecall/contracts';
import type { Scheduler } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import type { AgentRuntime } from '../../core/acd/agents.ts';
import { setTimer, type CallContext } from './call-context.ts';

/**
 * Position and expected-wait announcements for waiting callers. The estimate
 * is the callers ahead plus one, times the queue's recent talk time, divided
 * by the agents serving the queue.
 */
export function createAnnouncer(deps: {
  tel: Telephony;
  scheduler: Scheduler;
  safe: (what: string, p: Promise<unknown>) => Promise<unknown>;
  ids: () => string;
  queueOf: (id: string | null | undefined) => QueueSettings | undefined;
  calls: Map<string, CallContext>;
  agents: Map<string, AgentRuntime>;
}) {
  const { tel, scheduler, safe, queueOf, calls, agents } = deps;
  /** Recent talk times per queue, in seconds. */
  const handleTimes = new Map<string, number[]>();
  const avgHandleSeconds = (queue: string) => {
    const list = handleTimes.get(queue) ?? [];
    return list.length ? list.reduce((a, b) => a + b, 0) / list.length : 180;
  };

  /** Position and expected wait, played to a waiting caller (music resumes after). */
  function announce(call: CallContext) {
    const queue = queueOf(call.summary.queue);
    if (!queue?.announcePosition || call.summary.stage !== 'queued' || call.queuedAt === null) return;
    const ahead = [...calls.values()].filter((c) => c.summary.queue === queue.id && c.queuedAt !== null && (c.summary.stage === 'queued' || c.summary.stage === 'ringing') && c.queuedAt < call.queuedAt!).length;
    const serving = Math.max(1, [...agents.values()].filter((a) => a.queues.includes(queue.id) && a.state !== 'logged_out' && a.state !== 'paused').length);
    const minutes = Math.max(1, Math.round(((ahead + 1) * avgHandleSeconds(queue.id)) / serving / 60));
    void safe('announce position', tel.play(call.channelId, ['sound:edgecall/queue-position', `number:${ahead + 1}`, 'sound:queue-holdtime', `number:${minutes}`].join(','), `ann-${deps.ids()}`));
    setTimer(call, 'announce', scheduler.after(queue.announceEverySeconds * 1000, () => announce(call)));
  }

  return {
    announce,
    handled(queue: string, seconds: number) {
      const list = handleTimes.get(queue) ?? [];
      list.push(seconds);
      handleTimes.set(queue, list.slice(-20));
    },
  };
}

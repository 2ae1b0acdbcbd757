import { transition } from '../../core/acd/agents.ts';
import type { Telephony } from '../../core/telephony.ts';
import type { CallContext } from './call-context.ts';
import type { Acd } from './service.ts';

/**
 * A call changing hands without ending for the caller: the agent leaves it
 * (a transfer), or the whole call leaves the ACD (to an external number).
 */
export function createHandover(acd: Acd, tel: Telephony) {
  const { safe, channels, calls, agents } = acd;

  /** The agent leaves a call that goes on (a transfer): ACW for them, the call stays. */
  function releaseAgent(call: CallContext) {
    const agent = call.summary.agent;
    const leg = call.agentChannel;
    if (call.recording) void safe('stop recording', tel.stopRecording(call.recording));
    if (leg) {
      channels.delete(leg);
      void safe('hang up transferring agent', tel.hangup(leg));
    }
    if (call.mixingBridge) void safe('drop call bridge', tel.destroyBridge(call.mixingBridge));
    call.agentChannel = null;
    call.mixingBridge = null;
    const a = agent ? agents.get(agent) : undefined;
    if (a && a.callId === call.summary.id) {
      const queue = acd.queueOf(call.summary.queue) ?? acd.queueOf(a.queues[0]);
      const wrap = (queue?.wrapUpSeconds ?? 0) * 1000;
      acd.acwCalls.set(a.agent, call);
      acd.setAgent(transition(a, { type: 'call_ended', wrapUpMs: wrap }, acd.now()));
      if (wrap === 0) {
        acd.acwCalls.delete(a.agent);
        void acd.record(call, [{ type: 'acw_ended', agent: a.agent }]);
      }
    }
  }

  /**
   * The call leaves the ACD while its caller stays connected elsewhere (an
   * external transfer): the journey ends, the agent goes to ACW, but the
   * caller's channel is not hung up.
   */
  function handOff(call: CallContext, cause: 'transferred_out') {
    void acd.record(call, [{ type: 'ended', cause }], { stage: 'ended', endedAt: acd.now(), cause });
    releaseAgent(call);
    for (const cancel of call.timers.values()) cancel();
    call.timers.clear();
    channels.delete(call.channelId);
    calls.delete(call.summary.id);
    if (call.summary.queue) acd.queueChanged(call.summary.queue);
  }

  return { releaseAgent, handOff };
}

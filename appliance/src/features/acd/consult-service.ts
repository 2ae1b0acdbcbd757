import { AppError } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import { transition } from '../../core/acd/agents.ts';
import type { Acd } from './service.ts';
import { createHandover } from './handover.ts';
import type { AgentCalls } from './agent-call-service.ts';

interface Consult {
  callId: string;
  from: string;
  to: string;
  leg: string;
  bridge: string;
  answered: boolean;
}

/**
 * Attended transfer: the caller waits on hold while the agent talks to a
 * colleague in a consult bridge; then the agent completes (the caller is
 * bridged with the colleague, the agent goes to ACW) or cancels (back to the
 * caller). If the agent hangs up after the colleague answered, the transfer
 * completes, as on a desk phone.
 */
export function createConsults(deps: { acd: Acd; tel: Telephony; logger: Logger; agentCalls: AgentCalls; ids: () => string }) {
  const { acd, tel } = deps;
  const handover = createHandover(acd, tel);
  const log = deps.logger.child('feature:transfer');
  const safe = (what: string, p: Promise<unknown>) => p.catch((err) => log.debug(`${what} failed`, { err: (err as Error)?.message ?? String(err) }));
  const consults = new Map<string, Consult>();
  const byLeg = new Map<string, Consult>();

  function ofAgent(agent: string): Consult {
    const call = acd.callOfAgent(agent);
    const c = call ? consults.get(call.summary.id) : undefined;
    if (!c || c.from !== agent) throw new AppError('conflict', 'No consultation in progress');
    return c;
  }

  async function start(agent: string, to: string) {
    const call = acd.callOfAgent(agent);
    if (!call || call.summary.stage !== 'talking' || call.summary.direction !== 'inbound') throw new AppError('conflict', 'No inbound call to transfer');
    if (consults.has(call.summary.id)) throw new AppError('conflict', 'A consultation is already in progress');
    const target = acd.agents.get(to);
    if (to === agent) throw new AppError('validation_failed', 'You cannot consult yourself');
    if (!target || target.state !== 'ready') throw new AppError('conflict', `Agent ${to} is not ready`);
    if (!call.onHold) await deps.agentCalls.hold(agent);
    const c: Consult = { callId: call.summary.id, from: agent, to, leg: `cons-${deps.ids().slice(0, 12)}`, bridge: `consult-${call.summary.id}`, answered: false };
    consults.set(c.callId, c);
    byLeg.set(c.leg, c);
    acd.agentAction(to, { type: 'offer', callId: c.callId });
    try {
      await tel.originate({
        endpoint: acd.dialStringOf(to),
        channelId: c.leg,
        appArgs: `consult,${c.callId}`,
        callerId: `consult:${agent}`,
        timeoutSeconds: acd.queueOf(call.summary.queue)?.ringTimeoutSeconds ?? 20,
      });
    } catch {
      failed(c);
      throw new AppError('conflict', `Agent ${to}'s phone could not be rung`);
    }
    return { callId: c.callId, to, state: 'ringing' };
  }

  /** The colleague never answered: they are free again, the agent stays with the held caller. */
  function failed(c: Consult) {
    drop(c);
    const t = acd.agents.get(c.to);
    if (t?.state === 'ringing' && t.callId === c.callId) acd.setAgent(transition(t, { type: 'offer_ended', missed: false }, acd.now()));
  }

  function drop(c: Consult) {
    consults.delete(c.callId);
    byLeg.delete(c.leg);
  }

  async function cancel(agent: string) {
    const c = ofAgent(agent);
    drop(c);
    void safe('hang up consult', tel.hangup(c.leg));
    void safe('drop consult bridge', tel.destroyBridge(c.bridge));
    const t = acd.agents.get(c.to);
    if (t && t.callId === c.callId) {
      acd.setAgent(transition(t, t.state === 'ringing' ? { type: 'offer_ended', missed: false } : { type: 'call_ended', wrapUpMs: 0 }, acd.now()));
    }
    const call = acd.calls.get(c.callId);
    if (call?.mixingBridge && call.agentChannel) await safe('agent back to the call', tel.addToBridge(call.mixingBridge, [call.agentChannel]));
    await deps.agentCalls.unhold(agent);
    return { callId: c.callId, state: 'cancelled' };
  }

  function complete(c: Consult) {
    const call = acd.calls.get(c.callId);
    if (!call) return;
    drop(c);
    if (call.onHold) {
      call.onHold = false;
      void acd.record(call, [{ type: 'unhold' }]);
    }
    void acd.record(call, [{ type: 'transferred', toAgent: c.to }]);
    const park = call.holdBridge;
    call.holdBridge = null;
    handover.releaseAgent(call);
    // The colleague's leg becomes the call's agent leg in a fresh call bridge.
    call.mixingBridge = `mix-${call.summary.id}-${call.summary.lastSeq}`;
    call.agentChannel = c.leg;
    acd.channels.set(c.leg, { callId: call.summary.id, role: 'agent' });
    const recording = `call-${call.summary.id}-${call.summary.lastSeq}`;
    call.recording = recording;
    void acd.record(call, [{ type: 'answered', agent: c.to }], { agent: c.to, recording });
    const t = acd.agents.get(c.to);
    if (t && t.state === 'talking') acd.setAgent({ ...t, callId: call.summary.id });
    void (async () => {
      await safe('call bridge', tel.createBridge(call.mixingBridge!, 'mixing', `call-${call.summary.id}`));
      await safe('join', tel.addToBridge(call.mixingBridge!, [call.channelId, c.leg]));
      if (park) await safe('drop hold bridge', tel.destroyBridge(park));
      await safe('drop consult bridge', tel.destroyBridge(c.bridge));
      await safe('record', tel.recordBridge(call.mixingBridge!, recording));
    })();
  }

  acd.extra.stasis.set('consult', (e) => {
    const c = byLeg.get(e.channel.id);
    const call = c ? acd.calls.get(c.callId) : undefined;
    if (!c || !call?.agentChannel) return void safe('hang up stray consult', tel.hangup(e.channel.id));
    c.answered = true;
    acd.agentAction(c.to, { type: 'answered', callId: c.callId });
    void (async () => {
      await safe('consult bridge', tel.createBridge(c.bridge, 'mixing', `consult-${c.callId}`));
      await safe('agent and colleague', tel.addToBridge(c.bridge, [call.agentChannel!, c.leg]));
    })();
  });
  acd.extra.dial.push((e) => {
    const c = byLeg.get(e.channelId);
    if (c && !c.answered && ['NOANSWER', 'BUSY', 'CONGESTION', 'CHANUNAVAIL'].includes(e.status)) failed(c);
  });
  acd.extra.channelGone.push((id) => {
    const byConsultLeg = byLeg.get(id);
    if (byConsultLeg) {
      // The colleague hung up (or never answered): back to the caller.
      if (byConsultLeg.answered) void cancel(byConsultLeg.from).catch(() => undefined);
      else failed(byConsultLeg);
      return;
    }
    for (const c of [...consults.values()]) {
      const call = acd.calls.get(c.callId);
      if (call?.agentChannel === id && c.answered) complete(c);
      else if (call && (call.channelId === id || call.agentChannel === id)) {
        drop(c);
        void safe('hang up consult', tel.hangup(c.leg));
      }
    }
  });
  acd.extra.auxiliary.push((id) => byLeg.has(id));

  return {
    start,
    cancel,
    complete: async (agent: string) => {
      const c = ofAgent(agent);
      if (!c.answered) throw new AppError('conflict', `Agent ${c.to} has not answered yet`);
      complete(c);
      return { callId: c.callId, to: c.to, state: 'transferred' };
    },
  };
}

export type Consults = ReturnType<typeof createConsults>;

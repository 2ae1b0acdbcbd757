import { AppError } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import type { Acd } from './service.ts';
import { createHandover } from './handover.ts';

export type TransferTarget = { queue: string } | { agent: string } | { number: string };

/**
 * Blind transfer of the agent's current call to a queue or to another agent.
 * The journey closes the stint with `transferred` and opens the next: in the
 * queue at its `queued`, or at once with a direct `ringing` of the agent. A
 * direct transfer that is not answered falls back to the call's queue. The
 * transferring agent goes into after-call work.
 */
export function createTransfers(deps: { acd: Acd; tel: Telephony; logger: Logger; ids: () => string }) {
  const { acd, tel } = deps;
  const handover = createHandover(acd, tel);
  /** Calls handed to an external number: external leg ↔ caller, bridged until either hangs up. */
  const handoffs = new Map<string, { callId: string; caller: string; external: string; bridge: string; up: boolean }>();
  const log = deps.logger.child('feature:transfer');
  const safe = (what: string, p: Promise<unknown>) => p.catch((err) => log.debug(`${what} failed`, { err: (err as Error)?.message ?? String(err) }));

  async function blind(agent: string, to: TransferTarget) {
    const call = acd.callOfAgent(agent);
    if (!call || call.summary.stage !== 'talking' || call.summary.direction !== 'inbound') throw new AppError('conflict', 'No inbound call to transfer');
    if ('queue' in to && !acd.queueOf(to.queue)) throw new AppError('validation_failed', `Unknown queue ${to.queue}`);
    if ('agent' in to) {
      const target = acd.agents.get(to.agent);
      if (to.agent === agent) throw new AppError('validation_failed', 'You cannot transfer a call to yourself');
      if (!target || target.state !== 'ready') throw new AppError('conflict', `Agent ${to.agent} is not ready`);
    }
    if (call.onHold) {
      call.onHold = false;
      void acd.record(call, [{ type: 'unhold' }]);
      if (call.holdBridge) void safe('drop hold bridge', tel.destroyBridge(call.holdBridge));
      call.holdBridge = null;
    }
    if ('number' in to) return toNumber(agent, to.number);
    void acd.record(call, [{ type: 'transferred', ...('queue' in to ? { toQueue: to.queue } : { toAgent: to.agent }) }]);
    handover.releaseAgent(call);
    if ('queue' in to) {
      call.summary.stage = 'queued';
      await acd.enterQueue(call, to.queue);
      return { callId: call.summary.id, to };
    }
    // Park the caller with music while the colleague's phone rings.
    call.holdingBridge = `hold-${call.summary.id}`;
    call.summary.stage = 'ringing';
    call.queuedAt = null;
    call.tried.clear();
    call.direct = true;
    await safe('park caller', tel.createBridge(call.holdingBridge, 'holding', `transfer-${call.summary.id}`));
    await safe('park caller', tel.addToBridge(call.holdingBridge, [call.channelId]));
    await safe('music', tel.startBridgeMoh(call.holdingBridge));
    // Ring time and the fallback come from the queue the call was in (inbound calls always have one).
    acd.offer(call, acd.queueOf(call.summary.queue)!, acd.agents.get(to.agent)!);
    return { callId: call.summary.id, to };
  }

  /**
   * To an external number through the trunk: the agent stays with the caller
   * while it rings; on answer the call leaves the center (ended
   * transferred_out), the agent goes to ACW, and the two parties stay
   * bridged until one hangs up. If nobody answers, the agent still has the caller.
   */
  async function toNumber(agent: string, number: string) {
    const call = acd.callOfAgent(agent)!;
    const h = { callId: call.summary.id, caller: call.channelId, external: `ext-${deps.ids().slice(0, 12)}`, bridge: `handoff-${call.summary.id}`, up: false };
    handoffs.set(h.external, h);
    try {
      await tel.originate({
        endpoint: acd.settings().outboundTemplate.replace('{number}', number),
        channelId: h.external,
        appArgs: `external,${h.callId}`,
        callerId: call.summary.number,
        timeoutSeconds: 45,
      });
    } catch {
      handoffs.delete(h.external);
      throw new AppError('conflict', `${number} could not be dialled`);
    }
    return { callId: call.summary.id, to: { number }, state: 'ringing' };
  }

  acd.extra.stasis.set('external', (e) => {
    const h = handoffs.get(e.channel.id);
    const call = h ? acd.calls.get(h.callId) : undefined;
    if (!h || !call || call.summary.stage !== 'talking') {
      if (h) handoffs.delete(h.external);
      return void safe('hang up stray external leg', tel.hangup(e.channel.id));
    }
    h.up = true;
    // The caller leaves the ACD: the journey ends here as a transfer out.
    handover.handOff(call, 'transferred_out');
    void (async () => {
      await safe('handoff bridge', tel.createBridge(h.bridge, 'mixing', `handoff-${h.callId}`));
      await safe('caller and external party', tel.addToBridge(h.bridge, [h.caller, h.external]));
    })();
  });
  acd.extra.channelGone.push((id) => {
    for (const h of [...handoffs.values()]) {
      if (id === h.external && !h.up) {
        handoffs.delete(h.external); // nobody answered: the agent still has the caller
      } else if (h.up && (id === h.external || id === h.caller)) {
        handoffs.delete(h.external);
        void safe('hang up the other party', tel.hangup(id === h.caller ? h.external : h.caller));
        void safe('drop handoff bridge', tel.destroyBridge(h.bridge));
      }
    }
  });
  acd.extra.auxiliary.push((id) => [...handoffs.values()].some((h) => h.external === id || (h.up && h.caller === id)));

  return { blind };
}

export type Transfers = ReturnType<typeof createTransfers>;

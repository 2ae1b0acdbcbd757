import { AppError } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import type { Acd } from './service.ts';

export type TransferTarget = { queue: string } | { agent: string };

/**
 * Blind transfer of the agent's current call to a queue or to another agent.
 * The journey closes the stint with `transferred` and opens the next: in the
 * queue at its `queued`, or at once with a direct `ringing` of the agent. A
 * direct transfer that is not answered falls back to the call's queue. The
 * transferring agent goes into after-call work.
 */
export function createTransfers(deps: { acd: Acd; tel: Telephony; logger: Logger }) {
  const { acd, tel } = deps;
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
    void acd.record(call, [{ type: 'transferred', ...('queue' in to ? { toQueue: to.queue } : { toAgent: to.agent }) }]);
    acd.releaseAgent(call);
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

  return { blind };
}

export type Transfers = ReturnType<typeof createTransfers>;

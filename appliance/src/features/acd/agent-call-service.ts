import { AppError } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import type { Acd } from './service.ts';

/**
 * What an agent does to the call they are on: hold (the caller moves to a
 * holding bridge with music, the agent stays), unhold, hang up.
 */
export function createAgentCalls(deps: { acd: Acd; tel: Telephony; logger: Logger }) {
  const { acd, tel } = deps;
  const log = deps.logger.child('feature:acd');
  const { agentAction, record, endAnswered, queueOf, callOfAgent } = acd;
  const safe = (what: string, p: Promise<unknown>) => p.catch((err) => log.debug(`${what} failed`, { err: (err as Error)?.message ?? String(err) }));

  async function hold(agent: string) {
    const call = callOfAgent(agent);
    if (!call || call.summary.stage !== 'talking' || call.onHold) throw new AppError('conflict', 'No call to put on hold');
    agentAction(agent, { type: 'hold' });
    call.onHold = true;
    call.holdBridge = `park-${call.summary.id}`;
    void record(call, [{ type: 'hold' }]);
    // The caller moves to a holding bridge with music; the agent stays in the call bridge.
    await safe('create hold bridge', tel.createBridge(call.holdBridge, 'holding', `hold-${call.summary.id}`));
    await safe('park caller', tel.addToBridge(call.holdBridge, [call.channelId]));
    await safe('hold music', tel.startBridgeMoh(call.holdBridge, queueOf(call.summary.queue)?.mohClass));
  }

  async function unhold(agent: string) {
    const call = callOfAgent(agent);
    if (!call || !call.onHold || !call.mixingBridge) throw new AppError('conflict', 'The call is not on hold');
    agentAction(agent, { type: 'unhold' });
    call.onHold = false;
    void record(call, [{ type: 'unhold' }]);
    await safe('unpark caller', tel.addToBridge(call.mixingBridge, [call.channelId]));
    if (call.holdBridge) await safe('drop hold bridge', tel.destroyBridge(call.holdBridge));
    call.holdBridge = null;
  }

  function hangupBy(agent: string) {
    const call = callOfAgent(agent);
    if (!call || call.summary.stage !== 'talking') throw new AppError('conflict', 'No call to hang up');
    if (call.onHold) void record(call, [{ type: 'unhold' }]);
    endAnswered(call, 'agent_hangup');
  }

  return { hold, unhold, hangupBy };
}

export type AgentCalls = ReturnType<typeof createAgentCalls>;

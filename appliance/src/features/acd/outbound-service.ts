import { AppError, type AcdSettings } from '@edgecall/contracts';
import type { Clock, Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import { newContext } from './call-context.ts';
import type { Acd } from './service.ts';

/**
 * Click-to-call and callbacks: the agent's phone is rung first; when the
 * agent answers, the customer is dialled through the trunk and both are
 * bridged and recorded. The journey is an outbound call: `arrived{number,
 * agent}`, `answered` when the customer picks up, `ended` with no_answer /
 * busy / failed when they never do.
 */
/** The branch's outbound caller id (it follows the trunk, issue 6); without one the PBX's default applies. */
function callerIdOf(s: AcdSettings): { callerId?: string } {
  const c = s.outboundCallerId;
  return c ? { callerId: c.name ? `"${c.name}" <${c.number}>` : c.number } : {};
}

export function createOutbound(deps: { acd: Acd; tel: Telephony; clock: Clock; logger: Logger; ids: () => string; settings: () => AcdSettings }) {
  const { acd, tel, clock } = deps;
  const log = deps.logger.child('feature:outbound');
  const safe = (what: string, p: Promise<unknown>) => p.catch((err) => log.debug(`${what} failed`, { err: (err as Error)?.message ?? String(err) }));

  async function dial(agent: string, number: string) {
    const a = acd.agents.get(agent);
    if (!a || a.state !== 'ready') throw new AppError('conflict', 'Be ready (not paused, not on a call) to place a call');
    const id = `out-${deps.ids().replace(/-/g, '').slice(0, 12)}`;
    const call = newContext(
      { id, direction: 'outbound', number, did: '', stage: 'ringing', queue: null, agent, arrivedAt: clock.now(), answeredAt: null, endedAt: null, cause: null, recording: null, lastSeq: 0 },
      `cust-${id}`,
    );
    call.agentChannel = `ag-${id}`;
    acd.calls.set(id, call);
    acd.channels.set(call.agentChannel, { callId: id, role: 'agent' });
    acd.channels.set(call.channelId, { callId: id, role: 'caller' });
    acd.agentAction(agent, { type: 'offer', callId: id });
    void acd.record(call, [{ type: 'arrived', number, agent }]);
    try {
      await tel.originate({
        endpoint: acd.dialStringOf(agent),
        channelId: call.agentChannel,
        appArgs: `outagent,${id}`,
        callerId: number,
        timeoutSeconds: 30,
      });
    } catch (e) {
      acd.endUnanswered(call, 'failed', `agent phone: ${(e as { message?: string }).message}`, null);
      throw new AppError('conflict', 'Your phone could not be rung');
    }
    return { callId: id, number };
  }

  acd.extra.stasis.set('outagent', (e) => {
    const call = acd.calls.get(e.args[1] ?? '');
    if (!call || call.summary.stage !== 'ringing') return void safe('hang up late agent leg', tel.hangup(e.channel.id));
    const agent = call.summary.agent!;
    acd.agentAction(agent, { type: 'answered', callId: call.summary.id });
    call.mixingBridge = `mix-${call.summary.id}`;
    void (async () => {
      await safe('create call bridge', tel.createBridge(call.mixingBridge!, 'mixing', `call-${call.summary.id}`));
      await safe('agent joins', tel.addToBridge(call.mixingBridge!, [call.agentChannel!]));
      try {
        await tel.originate({
          endpoint: deps.settings().outboundTemplate.replace('{number}', call.summary.number),
          channelId: call.channelId,
          appArgs: `customer,${call.summary.id}`,
          ...callerIdOf(deps.settings()),
          timeoutSeconds: 45,
        });
      } catch (err) {
        log.warn('customer could not be dialled', { number: call.summary.number, err: (err as { message?: string }).message });
        acd.endAnswered(call, 'interrupted');
      }
    })();
  });

  acd.extra.stasis.set('customer', (e) => {
    const call = acd.calls.get(e.args[1] ?? '');
    if (!call || call.summary.stage !== 'ringing') return void safe('hang up late customer leg', tel.hangup(e.channel.id));
    const recording = `call-${call.summary.id}`;
    call.recording = recording;
    void acd.record(call, [{ type: 'answered', agent: call.summary.agent! }], { stage: 'talking', answeredAt: clock.now(), recording });
    void (async () => {
      await safe('customer joins', tel.addToBridge(call.mixingBridge!, [call.channelId]));
      await safe('record', tel.recordBridge(call.mixingBridge!, recording));
    })();
  });

  acd.extra.dial.push((e) => {
    const owner = acd.channels.get(e.channelId);
    const call = owner ? acd.calls.get(owner.callId) : undefined;
    if (!call || call.summary.direction !== 'outbound' || call.summary.stage !== 'ringing' || e.channelId !== call.channelId) return;
    const cause = e.status === 'BUSY' ? 'busy' : e.status === 'NOANSWER' ? 'no_answer' : ['CONGESTION', 'CHANUNAVAIL'].includes(e.status) ? 'failed' : null;
    if (cause) acd.endUnanswered(call, cause, `customer ${e.status}`, null);
  });

  return { dial };
}

export type Outbound = ReturnType<typeof createOutbound>;

import type { Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import { transition } from '../../core/acd/agents.ts';
import { newContext } from './call-context.ts';
import type { Acd } from './service.ts';
import type { AcdStore } from './ports.ts';

/**
 * Brings the ACD in line with the PBX after every (re)connect: events sent
 * while the link was down are never replayed (NOTES.md), and after a restart
 * the calls in the database may or may not still exist.
 *  - a call whose caller channel vanished is closed (interrupted if it was
 *    answered; abandoned if it was waiting, since only the caller ends a wait);
 *  - a live call we own but do not know (after a restart) is adopted: a talking
 *    call keeps its bridge, a waiting call goes back into its queue;
 *  - offers whose agent leg vanished are withdrawn without blaming the agent.
 */
export function createRecovery(deps: { acd: Acd; tel: Telephony; store: AcdStore; logger: Logger; now: () => number; defaultQueue: () => string }) {
  const { acd, tel, store } = deps;
  const log = deps.logger.child('feature:acd');
  let firstConnect = true;
  let running: Promise<void> = Promise.resolve();

  /** Resyncs never overlap: a second one waits for the first. */
  function resync(): Promise<void> {
    running = running.then(resyncOnce, resyncOnce);
    return running;
  }

  async function resyncOnce() {
    const [channels, appIds, bridges] = await Promise.all([tel.listChannels(), tel.appChannelIds(), tel.listBridges()]);
    const alive = new Set(channels.map((c) => c.id));
    const inApp = new Set(appIds);
    let closed = 0;
    let adopted = 0;

    for (const call of [...acd.calls.values()]) {
      for (const leg of [...call.offers.keys()]) {
        if (!alive.has(leg)) acd.handle({ type: 'channel_destroyed', channelId: leg, cause: 0, causeText: 'vanished', at: deps.now() });
      }
      if (!alive.has(call.channelId)) {
        closed++;
        if (call.summary.stage === 'talking') acd.endAnswered(call, 'interrupted');
        else acd.endUnanswered(call, call.summary.stage === 'ivr' ? 'abandoned_ivr' : 'abandoned', 'vanished while the link was down', null);
      } else if (call.agentChannel && call.summary.stage === 'talking' && !alive.has(call.agentChannel)) {
        closed++;
        acd.endAnswered(call, 'interrupted');
      }
    }

    if (firstConnect) {
      firstConnect = false;
      for (const summary of await store.openCalls()) {
        if (acd.calls.has(summary.id)) continue;
        const call = newContext(summary, summary.id);
        if (!inApp.has(summary.id)) {
          // Gone while we were not running: close it without touching the PBX.
          await acd.record(call, [{ type: 'ended', cause: 'interrupted' }], { stage: 'ended', endedAt: deps.now(), cause: 'interrupted' });
          closed++;
          continue;
        }
        acd.calls.set(summary.id, call);
        acd.channels.set(summary.id, { callId: summary.id, role: 'caller' });
        const mix = bridges.find((b) => b.id === `mix-${summary.id}`);
        const agentLeg = mix?.channelIds.find((id) => id !== summary.id && inApp.has(id));
        if (summary.stage === 'talking' && mix && agentLeg) {
          call.mixingBridge = mix.id;
          call.agentChannel = agentLeg;
          call.recording = summary.recording;
          acd.channels.set(agentLeg, { callId: summary.id, role: 'agent' });
          adopted++;
          continue;
        }
        if (summary.stage === 'talking') {
          acd.endAnswered(call, 'interrupted');
          closed++;
          continue;
        }
        // Waiting calls: drop stale offers and queue them again where they were.
        for (const id of appIds) if (id.startsWith(`ag-${summary.id}-`)) void tel.hangup(id).catch(() => undefined);
        const journey = await store.journey(summary.id);
        const queued = journey?.events.filter((e) => e.type === 'queued').pop();
        call.summary.stage = 'queued';
        call.queuedAt = queued?.at ?? deps.now();
        call.holdingBridge = `hold-${summary.id}`;
        await tel.createBridge(call.holdingBridge, 'holding', `queue-${summary.queue ?? ''}`).catch(() => undefined);
        await tel.addToBridge(call.holdingBridge, [summary.id]).catch(() => undefined);
        await tel.startBridgeMoh(call.holdingBridge).catch(() => undefined);
        if (!queued) {
          summary.stage = 'ivr';
          call.summary.stage = 'ivr';
          call.queuedAt = null;
          await acd.record(call, [{ type: 'ivr_left' }, { type: 'queued', queue: deps.defaultQueue() }], { stage: 'queued', queue: deps.defaultQueue() });
          call.queuedAt = deps.now();
        }
        adopted++;
      }
      // Agents busy with calls that no longer exist go back to work.
      for (const a of [...acd.agents.values()]) {
        const call = a.callId ? acd.calls.get(a.callId) : undefined;
        if (a.state === 'ringing' && !call?.offers.size) acd.setAgent(transition(a, { type: 'offer_ended', missed: false }, deps.now()));
        else if ((a.state === 'talking' || a.state === 'holding') && !call) acd.setAgent(transition(a, { type: 'call_ended', wrapUpMs: 0 }, deps.now()));
        else if (a.state === 'acw' && a.acwUntil !== null && a.acwUntil <= deps.now()) acd.setAgent(transition(a, { type: 'acw_end' }, deps.now()));
        else if (a.state === 'acw') acd.setAgent({ ...a });
      }
    }
    // Channels in our app that no call owns (their call ended while the link was down): release them.
    let released = 0;
    for (const id of inApp) {
      if (!acd.channels.has(id) && !acd.isAuxiliary(id)) {
        released++;
        void tel.hangup(id).catch(() => undefined);
      }
    }
    if (closed || adopted || released) log.info('resynchronised with the PBX', { closed, adopted, released });
    acd.dispatch();
  }

  return { resync };
}

import { AppError } from '@edgecall/contracts';
import type { Logger } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import type { Acd } from './service.ts';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** What the supervisor's voice reaches: nobody, the agent (out of the agent's channel), or both sides. */
const WHISPER = { listen: 'none', whisper: 'out', barge: 'both' } as const;

interface Session {
  id: string;
  callId: string;
  mode: MonitorMode;
  supervisor: string;
  phoneLeg: string;
  snoopLeg: string;
  bridge: string | null;
  phoneUp: boolean;
  snoopUp: boolean;
}

/**
 * Supervisor listen / whisper / barge on a live call. Every mode snoops the
 * agent's channel (spy both: the supervisor hears agent and caller) and
 * bridges the snoop with the supervisor's phone; the whisper direction makes
 * the mode: none (listen), out (to the agent only), both (barge: agent and
 * caller hear the supervisor). Barge stays a snoop rather than joining the
 * call bridge, so the call's own bridge (and its recording, and the ACD's
 * view of who is on the call) never changes. The supervisor's phone is rung
 * first; nothing touches the call until the supervisor answers.
 */
export function createSupervision(deps: { acd: Acd; tel: Telephony; logger: Logger; ids: () => string; dialTemplate: () => string }) {
  const { acd, tel } = deps;
  const log = deps.logger.child('feature:supervision');
  const sessions = new Map<string, Session>();
  const byLeg = new Map<string, Session>();
  const safe = (what: string, p: Promise<unknown>) => p.catch((err) => log.debug(`${what} failed`, { err: (err as Error)?.message ?? String(err) }));

  async function start(callId: string, mode: MonitorMode, supervisor: string, phone: string) {
    const call = acd.calls.get(callId);
    if (!call || call.summary.stage !== 'talking' || !call.agentChannel || !call.mixingBridge) {
      throw new AppError('conflict', 'The call is not being talked on now');
    }
    const id = deps.ids().slice(0, 12);
    const s: Session = { id, callId, mode, supervisor, phoneLeg: `sup-${id}`, snoopLeg: `snp-${id}`, bridge: null, phoneUp: false, snoopUp: false };
    sessions.set(id, s);
    byLeg.set(s.phoneLeg, s);
    byLeg.set(s.snoopLeg, s);
    try {
      await tel.originate({
        endpoint: deps.dialTemplate().replace('{number}', phone),
        channelId: s.phoneLeg,
        appArgs: `supervisor,${id}`,
        callerId: `${mode}:${call.summary.number}`,
        timeoutSeconds: 30,
      });
    } catch (e) {
      end(s);
      throw new AppError('conflict', `The supervisor's phone ${phone} could not be rung: ${(e as { message?: string }).message}`);
    }
    return { session: id, callId, mode, phoneChannel: s.phoneLeg, snoopChannel: s.snoopLeg };
  }

  async function onPhoneAnswered(s: Session) {
    s.phoneUp = true;
    const call = acd.calls.get(s.callId);
    if (!call?.agentChannel || !call.mixingBridge) return end(s);
    await safe('snoop', tel.snoop({
      channelId: call.agentChannel,
      snoopId: s.snoopLeg,
      spy: 'both',
      whisper: WHISPER[s.mode],
      appArgs: `snoop,${s.id}`,
    }));
  }

  async function onSnoopStarted(s: Session) {
    s.snoopUp = true;
    s.bridge = `mon-${s.id}`;
    await safe('monitor bridge', tel.createBridge(s.bridge, 'mixing', `monitor-${s.callId}`));
    await safe('join monitor bridge', tel.addToBridge(s.bridge, [s.snoopLeg, s.phoneLeg]));
  }

  function end(s: Session) {
    if (!sessions.delete(s.id)) return;
    byLeg.delete(s.phoneLeg);
    byLeg.delete(s.snoopLeg);
    void safe('hang up supervisor', tel.hangup(s.phoneLeg));
    void safe('hang up snoop', tel.hangup(s.snoopLeg));
    if (s.bridge) void safe('drop monitor bridge', tel.destroyBridge(s.bridge));
  }

  acd.extra.stasis.set('supervisor', (e) => {
    const s = sessions.get(e.args[1] ?? '');
    if (!s) return void safe('hang up unknown', tel.hangup(e.channel.id));
    void onPhoneAnswered(s);
  });
  acd.extra.stasis.set('snoop', (e) => {
    const s = sessions.get(e.args[1] ?? '');
    if (!s) return void safe('hang up unknown', tel.hangup(e.channel.id));
    void onSnoopStarted(s);
  });
  acd.extra.channelGone.push((channelId: string) => {
    const s = byLeg.get(channelId);
    if (s) return end(s);
    // The monitored call ended: its sessions end with it.
    for (const x of [...sessions.values()]) {
      const call = acd.calls.get(x.callId);
      if (!call || call.agentChannel === channelId || call.channelId === channelId) end(x);
    }
  });
  acd.extra.auxiliary.push((id: string) => byLeg.has(id));

  return {
    start,
    stop(sessionId: string) {
      const s = sessions.get(sessionId);
      if (!s) throw new AppError('not_found', 'No such monitoring session');
      end(s);
    },
    list: () => [...sessions.values()].map(({ id, callId, mode, supervisor }) => ({ id, callId, mode, supervisor })),
  };
}

export type Supervision = ReturnType<typeof createSupervision>;

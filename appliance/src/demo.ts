/**
 * Demo mode: the Asterisk simulator in-process, simulated agents 102–104 and
 * simulated callers, so `npm start` shows a living call center. Never used
 * when a real Asterisk is configured.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startAriSimulator, type AriSimulator, type InboundCall } from '@edgecall/asterisk-image/sim';
import type { Logger } from './core/ports.ts';
import type { Acd } from './features/acd/service.ts';

/** Prompts the demo IVR uses, with their length in ms (a real branch uploads its own). */
export const DEMO_SOUNDS: Record<string, number> = { 'ivr-main': 4000, 'option-is-invalid': 1500, 'closed-message': 3000 };
const HUMAN_AGENT = '101';
const SIMULATED_AGENTS = ['102', '103', '104'];

export interface DemoPbx {
  ari: { url: string; user: string; password: string; app: string };
  sim: AriSimulator;
  startTraffic(deps: { acd: Acd; agentUsers: Map<string, { userId: string; queues: string[] }> }): void;
  stopTraffic(): Promise<void>;
  stop(): Promise<void>;
}

const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const exponential = (mean: number) => -Math.log(1 - Math.random()) * mean;

export async function startDemoPbx(opts: { dataDir: string; logger: Logger; callsPerMinute: number }): Promise<DemoPbx> {
  const log = opts.logger.child('appliance:demo');
  const simLog = opts.logger.child('appliance:sim');
  const password = randomBytes(12).toString('base64url');
  const sim = await startAriSimulator({
    dataDir: join(opts.dataDir, 'pbx'),
    username: 'edgecall',
    password,
    sounds: DEMO_SOUNDS,
    log: (level, msg) => simLog[level](msg),
  });
  // The human operator's handset rings a little; simulated agents pick up in 1–4 s.
  sim.control.registerPhone(HUMAN_AGENT, { behaviour: { kind: 'answer', afterMs: 2500 } });
  for (const n of SIMULATED_AGENTS) sim.control.registerPhone(n, { behaviour: () => ({ kind: 'answer', afterMs: Math.round(between(1000, 4000)) }) });

  let timer: NodeJS.Timeout | null = null;
  const live = new Set<InboundCall>();
  let serial = 0;

  function placeCall() {
    const call = sim.control.inboundCall({ did: '1000', callerNumber: `+99450${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}` });
    live.add(call);
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, fn: () => void) => timers.push(setTimeout(fn, ms));
    call.once('answered', () => {
      // Most callers choose in the menu; some hang up in the IVR; some wait for the default.
      const r = Math.random();
      if (r < 0.05) later(between(1000, 3000), () => call.hangup());
      else if (r < 0.9) later(between(1500, 3500), () => void call.sendDtmf(Math.random() < 0.6 ? '1' : '2').catch(() => undefined));
    });
    // Patience: a caller not connected within 40–150 s hangs up (abandon).
    later(between(40_000, 150_000), () => call.state !== 'ended' && call.connectedTo.length === 0 && call.hangup());
    call.once('connected', () => later(between(20_000, 90_000), () => call.hangup()));
    void call.ended.then(() => {
      for (const t of timers) clearTimeout(t);
      live.delete(call);
    });
    serial++;
  }

  function schedule() {
    if (opts.callsPerMinute <= 0) return;
    timer = setTimeout(() => {
      try {
        placeCall();
      } catch (err) {
        log.warn('demo call failed', { err });
      }
      schedule();
    }, exponential(60_000 / opts.callsPerMinute));
  }

  return {
    ari: { url: sim.url, user: 'edgecall', password, app: 'edgecall' },
    sim,
    startTraffic({ acd, agentUsers }) {
      for (const agent of SIMULATED_AGENTS) {
        const user = agentUsers.get(agent);
        if (!user) continue;
        acd.newAgentIfMissing(agent, user.userId);
        try {
          acd.agentAction(agent, { type: 'login', queues: user.queues });
          acd.agentAction(agent, { type: 'ready' });
        } catch {
          // already logged in and busy after a restart: the ACD keeps them
        }
      }
      schedule();
      log.info('demo traffic started', { callsPerMinute: opts.callsPerMinute, simulatedAgents: SIMULATED_AGENTS });
    },
    async stopTraffic() {
      if (timer) clearTimeout(timer);
      timer = null;
      for (const call of live) call.hangup();
    },
    stop: () => sim.stop(),
  };
}

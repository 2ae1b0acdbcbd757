/**
 * Demo mode: the Asterisk simulator in-process, simulated agents 102–104 and
 * simulated callers, so `npm start` shows a living call center. Never used
 * when a real Asterisk is configured.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { demoScenario, parseScenario, startAriSimulator, startTraffic, type AriSimulator, type TrafficRun } from '@edgecall/asterisk-image/sim';
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
  // The human operator's handset: it rings a little, then the operator is on the line until someone hangs up.
  sim.control.registerPhone(HUMAN_AGENT, { behaviour: { kind: 'answer', afterMs: 2500 }, afterAnswerApps: [['Wait', '3600']] });

  let run: TrafficRun | null = null;

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
      if (opts.callsPerMinute > 0) {
        // The simulator's own traffic generator plays the callers and the simulated agents' phones.
        const base = demoScenario({ callsPerMinute: opts.callsPerMinute, did: '1000', seed: `demo-${Date.now()}` });
        const scenario = parseScenario({ ...base, agents: { ...base.agents, numbers: SIMULATED_AGENTS, noAnswerProbability: 0.05 } });
        run = startTraffic(sim.control, scenario, (msg) => log.debug(msg));
      }
      log.info('demo traffic started', { callsPerMinute: opts.callsPerMinute, simulatedAgents: SIMULATED_AGENTS });
    },
    async stopTraffic() {
      await run?.stop();
      run = null;
    },
    stop: () => sim.stop(),
  };
}

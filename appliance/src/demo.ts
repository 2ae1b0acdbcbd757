/**
 * Demo mode: the Asterisk simulator in-process, simulated agents 102–104 and
 * simulated callers, so `npm start` shows a living call center. Never used
 * when a real Asterisk is configured.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { demoScenario, parseScenario, startAriSimulator, startTraffic, type AriSimulator, type TrafficRun } from '@edgecall/asterisk-image/sim';
import { z } from 'zod';
import { PHONE } from '@edgecall/contracts';
import type { Logger } from './core/ports.ts';
import type { Acd } from './features/acd/service.ts';
import type { RouteSpec } from './lib/http-route.ts';

/** Prompts the demo IVR uses, with their length in ms (a real branch uploads its own). */
export const DEMO_SOUNDS: Record<string, number> = { 'ivr-main': 4000, 'option-is-invalid': 1500, 'closed-message': 3000 };
const HUMAN_AGENT = '101';
const SIMULATED_AGENTS = ['102', '103', '104'];

export interface DemoPbx {
  ari: { url: string; user: string; password: string; app: string };
  sim: AriSimulator;
  startTraffic(deps: { acd: Acd; agentUsers: Map<string, { userId: string; queues: string[] }> }): void;
  stopTraffic(): Promise<void>;
  /** A caller from a chosen number (demos, browser tests); the number answers when called back. */
  placeCall(o: DemoCall): { simCallId: string };
  stop(): Promise<void>;
}

export const DemoCall = z.strictObject({
  number: PHONE,
  did: z.string().regex(/^[0-9]{1,20}$/).default('1000'),
  /** IVR digits the caller presses once the menu plays (demo menu: 1 sales, 2 support). */
  digits: z.string().regex(/^[0-9*#]{1,10}$/).optional(),
  /** The caller gives up after this long, answered or not; absent: they stay until someone hangs up. */
  hangupAfterSeconds: z.number().min(1).max(3600).optional(),
  /** How the number behaves when the branch calls it back. */
  whenCalledBack: z.enum(['answer', 'busy', 'no_answer']).default('answer'),
});
export type DemoCall = z.output<typeof DemoCall>;


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
    placeCall(o) {
      const phone = o.number;
      if (!sim.control.phone(phone)) {
        const behaviour = o.whenCalledBack === 'answer' ? { kind: 'answer' as const, afterMs: 1500 } : o.whenCalledBack === 'busy' ? { kind: 'busy' as const } : { kind: 'no-answer' as const };
        sim.control.registerPhone(phone, { behaviour, afterAnswerApps: [['Wait', '3600']] });
      }
      const call = sim.control.inboundCall({ did: o.did, callerNumber: o.number });
      if (o.digits) void call.sendDtmf(o.digits, { before: 1500 }).catch((err: unknown) => log.debug('demo caller digits', { err: String(err) }));
      if (o.hangupAfterSeconds) setTimeout(() => call.hangup(), o.hangupAfterSeconds * 1000).unref();
      log.info('demo call placed', { number: o.number, did: o.did });
      return { simCallId: call.callId };
    },
    stop: () => sim.stop(),
  };
}

/** Demo mode only: let an admin make the simulator ring the branch from a chosen number. */
export function demoRoutes(pbx: DemoPbx): RouteSpec[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/demo/calls',
      access: 'settings:manage',
      summary: 'Demo mode: a simulated caller from the given number calls the branch',
      body: DemoCall,
      handler: (ctx) => ({ status: 202, json: pbx.placeCall(ctx.body as DemoCall) }),
    },
    {
      method: 'GET',
      path: '/api/v1/demo/pbx',
      access: 'settings:manage',
      // Browser tests cannot reach the in-process simulator: this is how they see what an intervention did to the PBX.
      summary: "Demo mode: the simulator's channels, bridges and phones now, and the snoops it was asked for",
      handler: () => ({
        ...pbx.sim.control.snapshot(),
        // Spy/whisper directions are not part of a channel's snapshot; the simulator's activity log has them.
        snoops: pbx.sim.control.history('activity').filter((e) => e.kind === 'activity' && e.what === 'snoop-created'),
      }),
    },
  ];
}

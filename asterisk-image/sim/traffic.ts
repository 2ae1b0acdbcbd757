// Traffic generator: simulated callers and agent phones around the simulator, driven by a
// scenario (scenario.ts, README.md). It only uses the `control` API, exactly like a test
// would, so the appliance under test sees nothing but ARI.
//
// Determinism: the whole call plan (arrival times, numbers, patience, IVR choices, talk
// times, who hangs up) is drawn up front from the seed, and each agent ring draws from its
// own stream (`ring:<number>:<n>`), so the same seed gives the same traffic whatever order
// the appliance handles calls in.
import type { SimControl } from './control.ts';
import type { InboundCall } from './inbound.ts';
import { Rng } from './random.ts';
import { parseScenario, type TrafficScenario } from './scenario.ts';

export interface PlannedCall {
  index: number;
  atMs: number;
  did: string;
  callerNumber: string;
  patienceMs: number;
  ivrDigits: string;
  ivrDelayMs: number;
  talkTimeMs: number;
  agentHangsUp: boolean;
}

export interface TrafficStats {
  planned: number;
  started: number;
  answered: number;
  connected: number;
  abandoned: number;
  completed: number;
  /** Calls that never reached the app (no WebSocket connected). */
  rejected: number;
  active: number;
  agentRings: number;
  agentNoAnswers: number;
}

export interface TrafficRun {
  readonly scenario: TrafficScenario;
  readonly plan: PlannedCall[];
  readonly stats: TrafficStats;
  /** Resolves when every planned caller has arrived and every call has ended. */
  readonly done: Promise<TrafficStats>;
  /** Stops arrivals, hangs up active calls and resolves with the final stats. */
  stop(): Promise<TrafficStats>;
}

/** Draws every caller of the scenario from its seed (pure: same input, same plan). */
export function planCalls(input: TrafficScenario | unknown): PlannedCall[] {
  // parseScenario is idempotent, so an already parsed scenario goes through it unchanged.
  const s = parseScenario(input);
  const rng = new Rng(s.seed);
  const arrivals = rng.fork('arrivals');
  const plan: PlannedCall[] = [];
  let at = s.arrivals.kind === 'fixed' ? s.arrivals.firstAtMs ?? 0 : 0;
  const limit = s.maxCalls ?? Number.POSITIVE_INFINITY;
  const until = s.durationMs ?? Number.POSITIVE_INFINITY;
  // A hard cap keeps a day-long demo scenario from allocating a huge plan at once.
  const cap = Math.min(limit, 100_000);
  for (let index = 0; index < cap; index++) {
    if (s.arrivals.kind === 'poisson') at += arrivals.exponential(60_000 / s.arrivals.ratePerMinute);
    else if (index > 0) at += s.arrivals.intervalMs;
    if (at > until) break;
    const r = rng.fork(`call:${index}`);
    const did = r.weighted(s.callers.dids).did;
    const callerNumber = `${s.callers.numberPrefix}${String(r.int(0, 10 ** s.callers.numberDigits - 1)).padStart(s.callers.numberDigits, '0')}`;
    const ivr = s.callers.ivr;
    plan.push({
      index,
      atMs: Math.round(at),
      did,
      callerNumber,
      patienceMs: Math.round(r.sample(s.callers.patience)),
      ivrDigits: ivr ? r.weighted(ivr.choices).digits : '',
      ivrDelayMs: ivr ? Math.round(r.sample(ivr.delay)) : 0,
      talkTimeMs: Math.round(r.sample(s.agents.talkTime)),
      agentHangsUp: r.chance(s.agents.agentHangupProbability),
    });
  }
  return plan;
}

export function startTraffic(control: SimControl, input: TrafficScenario | unknown, log: (msg: string) => void = () => {}): TrafficRun {
  const scenario = parseScenario(input);
  const plan = planCalls(scenario);
  const rng = new Rng(scenario.seed);
  // Traffic callbacks run on timers: a failure must be logged, never an unhandled rejection.
  const later = (simMs: number, fn: () => void): void => {
    control.clock.sleep(simMs).then(fn).catch((err: unknown) => log(`traffic: ${String(err)}`));
  };
  const stats: TrafficStats = { planned: plan.length, started: 0, answered: 0, connected: 0, abandoned: 0, completed: 0, rejected: 0, active: 0, agentRings: 0, agentNoAnswers: 0 };
  const active = new Set<InboundCall>();
  let stopped = false;
  let arrivalsDone = false;
  let resolveDone!: (s: TrafficStats) => void;
  const done = new Promise<TrafficStats>((r) => (resolveDone = r));
  const checkDone = (): void => {
    if (!arrivalsDone || active.size > 0) return;
    for (const off of detach.splice(0)) off();
    resolveDone({ ...stats });
  };

  const detach: Array<() => void> = [];
  for (const number of scenario.agents.numbers) {
    const phone = control.registerPhone(number, {
      context: scenario.agents.context,
      behaviour: (ring) => {
        const r = rng.fork(`ring:${number}:${ring.ringIndex}`);
        stats.agentRings++;
        if (r.chance(scenario.agents.noAnswerProbability)) {
          stats.agentNoAnswers++;
          return { kind: 'no-answer' };
        }
        return { kind: 'answer', afterMs: Math.round(r.sample(scenario.agents.ringDelay)) };
      },
    });
    // An agent who answered into silence (the caller left meanwhile and the app did not
    // bridge or hang up) eventually hangs up, as a person would.
    const onAnswered = ({ channelId }: { channelId: string }): void => {
      later(scenario.agents.hangupIfAloneMs, () => {
        if (!stopped && phone.call?.appSide.id === channelId && phone.call.connectedTo.length === 0) phone.hangup();
      });
    };
    phone.on('answered', onAnswered);
    detach.push(() => phone.off('answered', onAnswered));
  }

  const runCall = (p: PlannedCall): void => {
    let call: InboundCall;
    try {
      call = control.inboundCall({ did: p.did, callerNumber: p.callerNumber, via: scenario.callers.via });
    } catch (err) {
      log(`traffic: call ${p.index} could not start: ${String(err)}`);
      return;
    }
    stats.started++;
    stats.active++;
    active.add(call);
    let connected = false;
    call.on('answered', () => {
      stats.answered++;
      if (!p.ivrDigits) return;
      later(p.ivrDelayMs, () => {
        if (call.state === 'up' && !connected) {
          call.sendDtmf(p.ivrDigits, { duration: scenario.callers.ivr?.dtmfDurationMs, between: scenario.callers.ivr?.betweenMs }).catch((err: unknown) => log(`traffic: ${String(err)}`));
        }
      });
    });
    call.on('connected', ({ peers }: { peers: string[] }) => {
      if (connected || peers.length === 0) return;
      connected = true;
      stats.connected++;
      later(p.talkTimeMs, () => {
        if (call.state === 'ended') return;
        const phone = peers.map((id) => control.phoneForChannel(id)).find((ph) => ph?.state === 'talking');
        if (p.agentHangsUp && phone) phone.hangup();
        else call.hangup();
      });
    });
    later(p.patienceMs, () => {
      if (!connected && call.state !== 'ended') {
        stats.abandoned++;
        call.hangup();
      }
    });
    call.ended
      .then((end) => {
        active.delete(call);
        stats.active--;
        if (end.reason === 'no-app') stats.rejected++;
        else if (connected) stats.completed++;
        checkDone();
      })
      .catch((err: unknown) => log(`traffic: ${String(err)}`));
  };

  (async () => {
    const start = control.clock.now();
    for (const p of plan) {
      const wait = start + p.atMs - control.clock.now();
      if (wait > 0) await control.clock.sleep(wait);
      if (stopped) break;
      runCall(p);
    }
    arrivalsDone = true;
    checkDone();
  })().catch((err: unknown) => log(`traffic: arrivals stopped: ${String(err)}`));

  return {
    scenario,
    plan,
    stats,
    done,
    async stop() {
      stopped = true;
      arrivalsDone = true;
      for (const call of [...active]) call.hangup();
      checkDone();
      return done;
    },
  };
}

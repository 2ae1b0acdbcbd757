// The traffic scenario format (documented in README.md) and its validation. Every error
// names the offending field, e.g. `scenario.callers.patience.meanMs must be a number >= 0`.
import { readFileSync } from 'node:fs';
import type { Distribution } from './random.ts';

export interface TrafficScenario {
  name?: string;
  /** Same seed, same calls: arrival times, callers, choices, ring and talk times. */
  seed: string;
  /** Simulated ms during which callers arrive (optional when maxCalls is set). */
  durationMs?: number;
  /** Stop after this many callers (optional when durationMs is set). */
  maxCalls?: number;
  arrivals: { kind: 'fixed'; intervalMs: number; firstAtMs?: number } | { kind: 'poisson'; ratePerMinute: number };
  callers: {
    dids: Array<{ did: string; weight?: number }>;
    numberPrefix: string;
    numberDigits: number;
    via: 'local' | 'pjsip';
    /** How long a caller waits for an agent before hanging up (from arrival). */
    patience: Distribution;
    ivr?: {
      /** Delay after the call is answered before the caller presses keys. */
      delay: Distribution;
      choices: Array<{ digits: string; weight?: number }>;
      dtmfDurationMs: number;
      betweenMs: number;
    };
  };
  agents: {
    numbers: string[];
    /** Dialplan context for Local/<number>@<context> (PJSIP/<number> always works). */
    context?: string;
    ringDelay: Distribution;
    noAnswerProbability: number;
    talkTime: Distribution;
    /** Probability that the agent (not the caller) hangs up when the talk time is over. */
    agentHangupProbability: number;
    /** An agent who answered but is not bridged with anyone after this long hangs up. */
    hangupIfAloneMs: number;
  };
}

export class ScenarioError extends Error {}

type Obj = Record<string, unknown>;

function fail(path: string, msg: string): never {
  throw new ScenarioError(`${path} ${msg}`);
}

function obj(v: unknown, path: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(path, 'must be an object');
  return v as Obj;
}

function num(v: unknown, path: string, min = 0, max = Number.POSITIVE_INFINITY): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(path, `must be a number >= ${min}${Number.isFinite(max) ? ` and <= ${max}` : ''}`);
  }
  return v;
}

function optNum(v: unknown, path: string, def: number, min = 0, max = Number.POSITIVE_INFINITY): number {
  return v === undefined ? def : num(v, path, min, max);
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(path, 'must be a non-empty string');
  return v;
}

function weight(v: unknown, path: string): number | undefined {
  return v === undefined ? undefined : num(v, path, 0);
}

export function parseDistribution(v: unknown, path: string): Distribution {
  const d = obj(v, path);
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', ms: num(d.ms, `${path}.ms`) };
    case 'uniform': {
      const minMs = num(d.minMs, `${path}.minMs`);
      const maxMs = num(d.maxMs, `${path}.maxMs`, minMs);
      return { kind: 'uniform', minMs, maxMs };
    }
    case 'exponential':
      return { kind: 'exponential', meanMs: num(d.meanMs, `${path}.meanMs`), maxMs: d.maxMs === undefined ? undefined : num(d.maxMs, `${path}.maxMs`) };
    case 'normal':
      return {
        kind: 'normal',
        meanMs: num(d.meanMs, `${path}.meanMs`),
        sdMs: num(d.sdMs, `${path}.sdMs`),
        minMs: d.minMs === undefined ? undefined : num(d.minMs, `${path}.minMs`),
        maxMs: d.maxMs === undefined ? undefined : num(d.maxMs, `${path}.maxMs`),
      };
    default:
      return fail(`${path}.kind`, 'must be one of fixed, uniform, exponential, normal');
  }
}

export function parseScenario(input: unknown): TrafficScenario {
  const s = obj(input, 'scenario');
  const arrivals = obj(s.arrivals, 'scenario.arrivals');
  let parsedArrivals: TrafficScenario['arrivals'];
  if (arrivals.kind === 'fixed') {
    parsedArrivals = { kind: 'fixed', intervalMs: num(arrivals.intervalMs, 'scenario.arrivals.intervalMs', 1), firstAtMs: optNum(arrivals.firstAtMs, 'scenario.arrivals.firstAtMs', 0) };
  } else if (arrivals.kind === 'poisson') {
    parsedArrivals = { kind: 'poisson', ratePerMinute: num(arrivals.ratePerMinute, 'scenario.arrivals.ratePerMinute', Number.MIN_VALUE) };
  } else {
    fail('scenario.arrivals.kind', 'must be "fixed" or "poisson"');
  }
  const durationMs = s.durationMs === undefined ? undefined : num(s.durationMs, 'scenario.durationMs', 1);
  const maxCalls = s.maxCalls === undefined ? undefined : num(s.maxCalls, 'scenario.maxCalls', 1);
  if (maxCalls !== undefined && !Number.isInteger(maxCalls)) fail('scenario.maxCalls', 'must be an integer');
  if (durationMs === undefined && maxCalls === undefined) fail('scenario', 'needs durationMs or maxCalls (or both)');

  const c = obj(s.callers, 'scenario.callers');
  if (!Array.isArray(c.dids) || c.dids.length === 0) fail('scenario.callers.dids', 'must be a non-empty list');
  const dids = (c.dids as unknown[]).map((d, i) => {
    const p = `scenario.callers.dids[${i}]`;
    if (typeof d === 'string') return { did: str(d, p) };
    const o = obj(d, p);
    return { did: str(o.did, `${p}.did`), weight: weight(o.weight, `${p}.weight`) };
  });
  const via = c.via ?? 'local';
  if (via !== 'local' && via !== 'pjsip') fail('scenario.callers.via', 'must be "local" or "pjsip"');
  let ivr: TrafficScenario['callers']['ivr'];
  if (c.ivr !== undefined) {
    const i = obj(c.ivr, 'scenario.callers.ivr');
    if (!Array.isArray(i.choices) || i.choices.length === 0) fail('scenario.callers.ivr.choices', 'must be a non-empty list');
    ivr = {
      delay: parseDistribution(i.delay, 'scenario.callers.ivr.delay'),
      choices: (i.choices as unknown[]).map((ch, k) => {
        const p = `scenario.callers.ivr.choices[${k}]`;
        const o = obj(ch, p);
        if (typeof o.digits !== 'string' || !/^[0-9A-D*#]*$/i.test(o.digits)) fail(`${p}.digits`, 'must be a string of DTMF digits (may be empty for no input)');
        return { digits: o.digits, weight: weight(o.weight, `${p}.weight`) };
      }),
      dtmfDurationMs: optNum(i.dtmfDurationMs, 'scenario.callers.ivr.dtmfDurationMs', 100, 1),
      betweenMs: optNum(i.betweenMs, 'scenario.callers.ivr.betweenMs', 100),
    };
  }
  const numberDigits = optNum(c.numberDigits, 'scenario.callers.numberDigits', 7, 1, 15);
  if (!Number.isInteger(numberDigits)) fail('scenario.callers.numberDigits', 'must be an integer');

  const a = obj(s.agents, 'scenario.agents');
  let numbers: string[];
  if (Array.isArray(a.numbers)) {
    numbers = (a.numbers as unknown[]).map((n, i) => str(n, `scenario.agents.numbers[${i}]`));
    if (numbers.length === 0) fail('scenario.agents.numbers', 'must not be empty');
  } else if (a.count !== undefined) {
    const count = num(a.count, 'scenario.agents.count', 1, 1000);
    const first = Number(str(String(a.firstNumber ?? '1001'), 'scenario.agents.firstNumber'));
    if (!Number.isInteger(first)) fail('scenario.agents.firstNumber', 'must be a number like "1001"');
    numbers = Array.from({ length: Math.floor(count) }, (_, i) => String(first + i));
  } else {
    fail('scenario.agents', 'needs numbers (a list) or count (with optional firstNumber)');
  }
  return {
    name: s.name === undefined ? undefined : str(s.name, 'scenario.name'),
    seed: s.seed === undefined ? '1' : String(s.seed),
    durationMs,
    maxCalls,
    arrivals: parsedArrivals,
    callers: {
      dids,
      numberPrefix: c.numberPrefix === undefined ? '99450' : str(c.numberPrefix, 'scenario.callers.numberPrefix'),
      numberDigits,
      via,
      patience: parseDistribution(c.patience, 'scenario.callers.patience'),
      ivr,
    },
    agents: {
      numbers,
      context: a.context === undefined ? undefined : str(a.context, 'scenario.agents.context'),
      ringDelay: parseDistribution(a.ringDelay, 'scenario.agents.ringDelay'),
      noAnswerProbability: optNum(a.noAnswerProbability, 'scenario.agents.noAnswerProbability', 0, 0, 1),
      talkTime: parseDistribution(a.talkTime, 'scenario.agents.talkTime'),
      agentHangupProbability: optNum(a.agentHangupProbability, 'scenario.agents.agentHangupProbability', 0.5, 0, 1),
      hangupIfAloneMs: optNum(a.hangupIfAloneMs, 'scenario.agents.hangupIfAloneMs', 30_000),
    },
  };
}

export function loadScenario(path: string): TrafficScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioError(`cannot read scenario file ${path}: ${String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(`scenario file ${path} is not valid JSON: ${String(err)}`);
  }
  return parseScenario(json);
}

/** A plain rate for the demo: `callsPerMinute` Poisson arrivals and `agents` phones. */
export function demoScenario(o: { callsPerMinute?: number; agents?: number; seed?: string; did?: string } = {}): TrafficScenario {
  return parseScenario({
    name: 'demo',
    seed: o.seed ?? 'demo',
    durationMs: 24 * 3600 * 1000,
    arrivals: { kind: 'poisson', ratePerMinute: o.callsPerMinute ?? 4 },
    callers: {
      dids: [{ did: o.did ?? '100' }],
      patience: { kind: 'exponential', meanMs: 90_000, maxMs: 600_000 },
      ivr: { delay: { kind: 'uniform', minMs: 2000, maxMs: 6000 }, choices: [{ digits: '1', weight: 6 }, { digits: '2', weight: 3 }, { digits: '', weight: 1 }] },
    },
    agents: {
      count: o.agents ?? 4,
      firstNumber: '1001',
      ringDelay: { kind: 'uniform', minMs: 1500, maxMs: 6000 },
      noAnswerProbability: 0.1,
      talkTime: { kind: 'normal', meanMs: 120_000, sdMs: 45_000, minMs: 15_000 },
      agentHangupProbability: 0.4,
    },
  });
}

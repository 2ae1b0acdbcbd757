/**
 * Targets (issue 4): per queue, limits on the KPIS.md figures; per agent,
 * amounts to reach in a day, week or month. Progress is computed here, from
 * figures the KPI engine produced (computeKpis, computeAgentFigures): this file
 * defines no figure of its own, only how a figure compares with its target.
 *
 * Queue targets are levels: `ok` when the figure meets the target, `warn`
 * when it misses it by at most `warnMarginPercent` of the target (e.g. SL
 * target 80 %, margin 10 % → 72 ≤ SL < 80 is warn, below 72 breach; ASA
 * target 20 s → 20 < ASA ≤ 22 is warn), `breach` beyond. A figure that is
 * "—" (null: nothing to divide by yet) has no status.
 *
 * Agent targets are amounts: `done` when reached, `on_pace` when what is
 * achieved is at least the target × the elapsed fraction of the period,
 * `behind` otherwise. The evaluation score is a level, not an amount: `done`
 * when at or above the target, `behind` below.
 */
import { z } from 'zod';
import type { KpiFigures, KpiKey } from './kpi/definitions.ts';
import type { AgentFigures } from './kpi/agent-figures.ts';

export const TARGET_PERIODS = ['day', 'week', 'month'] as const;
export const TargetPeriod = z.enum(TARGET_PERIODS);
export type TargetPeriod = z.infer<typeof TargetPeriod>;

const QUEUE_ID = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, dash, underscore; at most 32');
const AMOUNT = z.number().int().positive().max(1_000_000);

export const QueueTarget = z.strictObject({
  queue: QUEUE_ID,
  /** Minimum service level, % (the queue's SL variant, `serviceLevel`). */
  serviceLevel: z.number().min(0).max(100).optional(),
  /** Maximum average speed of answer, seconds (`asa`). */
  asa: z.number().min(0).max(7200).optional(),
  /** Maximum lost call rate, % (`lostCallRate`). */
  lostCallRate: z.number().min(0).max(100).optional(),
  /** Maximum longest current wait, seconds (`longestWaitNow`, a live figure: see QUEUE_TARGET_FIGURES). */
  longestWait: z.number().min(0).max(7200).optional(),
});
export type QueueTarget = z.output<typeof QueueTarget>;

export const AgentTarget = z.strictObject({
  /** An agent number, or `*`: the default of every agent without an entry of their own for that period. */
  agent: z.union([z.literal('*'), z.string().regex(/^[0-9]{2,8}$/, 'an agent number or *')]),
  period: TargetPeriod,
  incomingCalls: AMOUNT.optional(),
  outgoingCalls: AMOUNT.optional(),
  talkTimeSeconds: AMOUNT.optional(),
  scheduledCallbacks: AMOUNT.optional(),
  evaluationScore: z.number().min(0).max(100).optional(),
});
export type AgentTarget = z.output<typeof AgentTarget>;

export const Targets = z
  .strictObject({
    /** How far (as % of the target) a queue figure may miss it and still be `warn` rather than `breach`. */
    warnMarginPercent: z.number().min(0).max(100).default(10),
    queues: z.array(QueueTarget).max(100).default([]),
    agents: z.array(AgentTarget).max(2000).default([]),
  })
  .superRefine((t, ctx) => {
    const queues = new Set<string>();
    t.queues.forEach((q, i) => {
      if (queues.has(q.queue)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'queue'], message: `queue ${q.queue} has two entries` });
      queues.add(q.queue);
    });
    const agents = new Set<string>();
    t.agents.forEach((a, i) => {
      const key = `${a.agent}|${a.period}`;
      if (agents.has(key)) ctx.addIssue({ code: 'custom', path: ['agents', i], message: `agent ${a.agent} has two entries for a ${a.period}` });
      agents.add(key);
    });
  });
export type Targets = z.output<typeof Targets>;
export type TargetsInput = z.input<typeof Targets>;

export const EMPTY_TARGETS: Targets = Object.freeze({ warnMarginPercent: 10, queues: [], agents: [] }) as Targets;

export type QueueTargetKey = 'serviceLevel' | 'asa' | 'lostCallRate' | 'longestWait';
export type AgentTargetKey = 'incomingCalls' | 'outgoingCalls' | 'talkTimeSeconds' | 'scheduledCallbacks' | 'evaluationScore';

/**
 * The KPI figure each queue target is compared with, and its direction. The
 * longest wait is KPIS.md's only longest-wait figure, the live `longestWaitNow`:
 * the engine keeps no maximum over a period, so this target speaks of now.
 */
export const QUEUE_TARGET_FIGURES: Readonly<Record<QueueTargetKey, { figure: KpiKey; kind: 'min' | 'max' }>> = Object.freeze({
  serviceLevel: { figure: 'serviceLevel', kind: 'min' },
  asa: { figure: 'asa', kind: 'max' },
  lostCallRate: { figure: 'lostCallRate', kind: 'max' },
  longestWait: { figure: 'longestWaitNow', kind: 'max' },
});
const QUEUE_KEYS = Object.keys(QUEUE_TARGET_FIGURES) as QueueTargetKey[];
const AGENT_KEYS: readonly AgentTargetKey[] = ['incomingCalls', 'outgoingCalls', 'talkTimeSeconds', 'scheduledCallbacks', 'evaluationScore'];

export type LevelStatus = 'ok' | 'warn' | 'breach';
export type PaceStatus = 'done' | 'on_pace' | 'behind';

export interface LevelCheck {
  figure: KpiKey;
  kind: 'min' | 'max';
  target: number;
  value: number | null;
  status: LevelStatus | null;
}

export interface QueueTargetStatus {
  queue: string;
  /** The worst status of the checks; null when no check has one. */
  status: LevelStatus | null;
  checks: Partial<Record<QueueTargetKey, LevelCheck>>;
}

export interface AgentCheck {
  target: number;
  /** null: not measured (yet) on this appliance. */
  achieved: number | null;
  /** achieved / target, four decimals. */
  ratio: number | null;
  /** target × elapsed fraction of the period; null for the score, which is a level. */
  expected: number | null;
  status: PaceStatus | null;
}

export interface AgentTargetProgress {
  agent: string;
  /** Whose entry applies: the agent's own, the `*` default, or none. */
  source: 'agent' | 'default' | null;
  status: PaceStatus | null;
  checks: Partial<Record<AgentTargetKey, AgentCheck>>;
}

/** What the KPI engine (and the stores for what it does not cover) measured for an agent in the period. */
export interface AgentActuals {
  agent: string;
  /** From computeAgentFigures; null when the agent did nothing in the period (every amount is 0). */
  figures: AgentFigures | null;
  /** null when not measured. */
  scheduledCallbacks: number | null;
  /** null when not measured. */
  evaluationScore: number | null;
}

export interface TargetProgress {
  period: TargetPeriod;
  from: number;
  to: number;
  now: number;
  /** Share of the period already gone, 0..1. */
  elapsed: number;
  warnMarginPercent: number;
  queues: QueueTargetStatus[];
  agents: AgentTargetProgress[];
}

const DAY_MS = 86_400_000;

/** The day, week (from Monday) or month containing `now`, in the branch's fixed UTC offset. */
export function targetPeriodRange(period: TargetPeriod, now: number, utcOffsetMinutes: number): { from: number; to: number } {
  const shift = utcOffsetMinutes * 60_000;
  const local = new Date(now + shift);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  if (period === 'day') {
    const from = Date.UTC(y, m, d) - shift;
    return { from, to: from + DAY_MS };
  }
  if (period === 'week') {
    const sinceMonday = (local.getUTCDay() + 6) % 7;
    const from = Date.UTC(y, m, d - sinceMonday) - shift;
    return { from, to: from + 7 * DAY_MS };
  }
  return { from: Date.UTC(y, m, 1) - shift, to: Date.UTC(y, m + 1, 1) - shift };
}

export function elapsedFraction(range: { from: number; to: number }, now: number): number {
  if (range.to <= range.from) return 1;
  return Math.min(1, Math.max(0, (now - range.from) / (range.to - range.from)));
}

/** A level against its target; null for a figure shown "—". */
export function levelStatus(value: number | null, target: number, kind: 'min' | 'max', warnMarginPercent: number): LevelStatus | null {
  if (value === null) return null;
  const margin = (Math.abs(target) * warnMarginPercent) / 100;
  if (kind === 'min') return value >= target ? 'ok' : value >= target - margin ? 'warn' : 'breach';
  return value <= target ? 'ok' : value <= target + margin ? 'warn' : 'breach';
}

const LEVEL_RANK: Record<LevelStatus, number> = { ok: 0, warn: 1, breach: 2 };
const PACE_RANK: Record<PaceStatus, number> = { done: 0, on_pace: 1, behind: 2 };

function worst<S extends string>(statuses: (S | null)[], rank: Record<S, number>): S | null {
  let out: S | null = null;
  for (const s of statuses) if (s !== null && (out === null || rank[s] > rank[out])) out = s;
  return out;
}

/** A queue's figures (live snapshot or a period's) against its targets; checks only for targets set. */
export function queueTargetStatus(queue: string, target: QueueTarget | undefined, figures: KpiFigures, warnMarginPercent: number): QueueTargetStatus {
  const checks: Partial<Record<QueueTargetKey, LevelCheck>> = {};
  if (target) {
    for (const key of QUEUE_KEYS) {
      const t = target[key];
      if (t === undefined) continue;
      const { figure, kind } = QUEUE_TARGET_FIGURES[key];
      const value = figures[figure];
      checks[key] = { figure, kind, target: t, value, status: levelStatus(value, t, kind, warnMarginPercent) };
    }
  }
  return { queue, status: worst(Object.values(checks).map((c) => c!.status), LEVEL_RANK), checks };
}

/** The agent's own entry for the period, else the `*` default for it. */
export function agentTargetFor(targets: Targets, agent: string, period: TargetPeriod): { target: AgentTarget; source: 'agent' | 'default' } | null {
  const own = targets.agents.find((a) => a.agent === agent && a.period === period);
  if (own) return { target: own, source: 'agent' };
  const def = targets.agents.find((a) => a.agent === '*' && a.period === period);
  return def ? { target: def, source: 'default' } : null;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** An amount against its target at `elapsed` (0..1) of the period. */
export function paceCheck(achieved: number | null, target: number, elapsed: number): AgentCheck {
  const expected = target * elapsed;
  if (achieved === null) return { target, achieved, ratio: null, expected: round(expected, 2), status: null };
  const status: PaceStatus = achieved >= target ? 'done' : achieved >= expected ? 'on_pace' : 'behind';
  return { target, achieved, ratio: round(achieved / target, 4), expected: round(expected, 2), status };
}

function scoreCheck(achieved: number | null, target: number): AgentCheck {
  if (achieved === null) return { target, achieved, ratio: null, expected: null, status: null };
  return { target, achieved, ratio: target > 0 ? round(achieved / target, 4) : null, expected: null, status: achieved >= target ? 'done' : 'behind' };
}

function achievedOf(key: AgentTargetKey, a: AgentActuals): number | null {
  switch (key) {
    // Inbound calls the agent answered, outbound calls they placed, seconds in the talking state.
    case 'incomingCalls':
      return a.figures?.answered ?? 0;
    case 'outgoingCalls':
      return a.figures?.outboundMade ?? 0;
    case 'talkTimeSeconds':
      return a.figures?.talk ?? 0;
    case 'scheduledCallbacks':
      return a.scheduledCallbacks;
    case 'evaluationScore':
      return a.evaluationScore;
  }
}

export function agentTargetProgress(targets: Targets, period: TargetPeriod, a: AgentActuals, elapsed: number): AgentTargetProgress {
  const found = agentTargetFor(targets, a.agent, period);
  const checks: Partial<Record<AgentTargetKey, AgentCheck>> = {};
  if (found) {
    for (const key of AGENT_KEYS) {
      const t = found.target[key];
      if (t === undefined) continue;
      checks[key] = key === 'evaluationScore' ? scoreCheck(achievedOf(key, a), t) : paceCheck(achievedOf(key, a), t, elapsed);
    }
  }
  return { agent: a.agent, source: found?.source ?? null, status: worst(Object.values(checks).map((c) => c!.status), PACE_RANK), checks };
}

/** Progress of every queue and agent given, for the period [from, to) at `now`. */
export function computeTargetProgress(input: {
  targets: Targets;
  period: TargetPeriod;
  from: number;
  to: number;
  now: number;
  queues: readonly { queue: string; figures: KpiFigures }[];
  agents: readonly AgentActuals[];
}): TargetProgress {
  const { targets, period } = input;
  const elapsed = elapsedFraction(input, input.now);
  return {
    period,
    from: input.from,
    to: input.to,
    now: input.now,
    elapsed: round(elapsed, 4),
    warnMarginPercent: targets.warnMarginPercent,
    queues: input.queues.map((q) => queueTargetStatus(q.queue, targets.queues.find((t) => t.queue === q.queue), q.figures, targets.warnMarginPercent)),
    agents: input.agents.map((a) => agentTargetProgress(targets, period, a, elapsed)),
  };
}

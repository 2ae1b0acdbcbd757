/**
 * Execution statuses (issue 6): the ticket lifecycle the ticketing feature
 * follows — statuses of three kinds and the transitions allowed between
 * them. `workflowProblems` keeps the graph sound; `canTransition` is what a
 * ticket change asks.
 */
import { z } from 'zod';
import { patchOf } from '../crm.ts';
import { LocalizedName, SETTING_CODE, type SettingProblem } from './common.ts';

export const TICKET_STATUS_KINDS = ['open', 'waiting_customer', 'closed'] as const;
export type TicketStatusKind = (typeof TICKET_STATUS_KINDS)[number];

export const TicketStatusInput = z.strictObject({
  code: SETTING_CODE,
  name: LocalizedName,
  kind: z.enum(TICKET_STATUS_KINDS),
  /** New tickets start here; exactly one status has it. */
  initial: z.boolean().default(false),
  /** A closed status may have outgoing transitions (reopen) only with this. */
  allowReopen: z.boolean().default(false),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(100),
});
export type TicketStatusInput = z.output<typeof TicketStatusInput>;
export const TicketStatusPatch = patchOf(TicketStatusInput.omit({ code: true }));
export interface TicketStatus extends TicketStatusInput {
  /** The code. */
  id: string;
  updatedAt: string;
}

export const TicketTransitionInput = z.strictObject({ from: SETTING_CODE, to: SETTING_CODE });
export type TicketTransitionInput = z.output<typeof TicketTransitionInput>;
export interface TicketTransition extends TicketTransitionInput {
  /** `<from>><to>`. */
  id: string;
  updatedAt: string;
}
export const transitionId = (t: TicketTransitionInput) => `${t.from}>${t.to}`;

/** A new status with the transitions that reach it and leave it, so it is reachable from its first save. */
export const NewTicketStatus = TicketStatusInput.extend({
  from: z.array(SETTING_CODE).max(50).default([]),
  to: z.array(SETTING_CODE).max(50).default([]),
});

export interface TicketWorkflow {
  statuses: Pick<TicketStatus, 'code' | 'kind' | 'initial' | 'allowReopen' | 'active'>[];
  transitions: TicketTransitionInput[];
}
export const TicketWorkflowInput = z.strictObject({
  statuses: z.array(TicketStatusInput).min(1).max(100),
  transitions: z.array(TicketTransitionInput).max(1000),
});

/**
 * The rules of a sound workflow: unique codes, exactly one initial status
 * (active, not closed), transitions between known statuses, a closed status
 * left only when reopening is allowed, a closed status to end in, and every
 * active status reachable from the initial one.
 */
export function workflowProblems(w: TicketWorkflow): SettingProblem[] {
  const out: SettingProblem[] = [];
  const byCode = new Map<string, TicketWorkflow['statuses'][number]>();
  w.statuses.forEach((s, i) => {
    if (byCode.has(s.code)) out.push({ field: `statuses.${i}.code`, message: `status ${s.code} is listed twice` });
    byCode.set(s.code, s);
  });
  const initials = w.statuses.filter((s) => s.initial);
  if (initials.length !== 1) {
    out.push({ field: 'statuses', message: initials.length === 0 ? 'exactly one status must be the initial one; none is' : `exactly one status must be the initial one; ${initials.map((s) => s.code).join(', ')} are` });
  }
  const initial = initials.length === 1 ? initials[0] : null;
  if (initial && !initial.active) out.push({ field: 'statuses', message: `the initial status ${initial.code} must be active` });
  if (initial && initial.kind === 'closed') out.push({ field: 'statuses', message: `the initial status ${initial.code} cannot be a closed one` });
  for (const s of w.statuses) if (s.allowReopen && s.kind !== 'closed') out.push({ field: 'statuses', message: `only a closed status can allow reopening; ${s.code} is ${s.kind}` });
  if (!w.statuses.some((s) => s.kind === 'closed' && s.active)) out.push({ field: 'statuses', message: 'no active closed status: tickets could never be closed' });
  const seen = new Set<string>();
  w.transitions.forEach((t, i) => {
    const field = `transitions.${i}`;
    if (!byCode.has(t.from)) out.push({ field, message: `transition ${t.from} → ${t.to}: no status ${t.from}` });
    if (!byCode.has(t.to)) out.push({ field, message: `transition ${t.from} → ${t.to}: no status ${t.to}` });
    if (t.from === t.to) out.push({ field, message: `transition ${t.from} → ${t.to} goes nowhere` });
    if (seen.has(transitionId(t))) out.push({ field, message: `transition ${t.from} → ${t.to} is listed twice` });
    seen.add(transitionId(t));
    const from = byCode.get(t.from);
    if (from?.kind === 'closed' && !from.allowReopen) out.push({ field, message: `status ${t.from} is closed: it has no way out unless reopening it is allowed (transition to ${t.to})` });
  });
  if (initial?.active) {
    const reached = new Set([initial.code]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of w.transitions) {
        if (reached.has(t.from) && !reached.has(t.to) && byCode.get(t.to)?.active && (byCode.get(t.from)?.kind !== 'closed' || byCode.get(t.from)?.allowReopen)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    for (const s of w.statuses) if (s.active && !reached.has(s.code)) out.push({ field: 'statuses', message: `status ${s.code} cannot be reached from the initial status ${initial.code}` });
  }
  return out;
}

/** May a ticket move from one status to another? Only along a transition, into an active status, out of a closed one only when it allows reopening. */
export function canTransition(w: TicketWorkflow, from: string, to: string): boolean {
  if (from === to) return false;
  const source = w.statuses.find((s) => s.code === from);
  const target = w.statuses.find((s) => s.code === to);
  if (!source || !target?.active) return false;
  if (source.kind === 'closed' && !source.allowReopen) return false;
  return w.transitions.some((t) => t.from === from && t.to === to);
}

/** Where a ticket in `from` may go, in the workflow's order of statuses. */
export function nextStatuses(w: TicketWorkflow, from: string): string[] {
  return w.statuses.filter((s) => canTransition(w, from, s.code)).map((s) => s.code);
}

/** The status new tickets start in. */
export function initialStatus(w: TicketWorkflow): string | null {
  return w.statuses.find((s) => s.initial && s.active)?.code ?? null;
}

/**
 * Execution statuses and their transitions. Every write is checked against
 * the whole resulting workflow (contracts workflowProblems), so the stored
 * lifecycle is always one the ticketing feature can follow.
 */
import {
  AppError,
  transitionId,
  workflowProblems,
  type NewTicketStatus,
  type SettingProblem,
  type TicketStatus,
  type TicketStatusInput,
  type TicketTransition,
  type TicketTransitionInput,
  type TicketWorkflow,
} from '@edgecall/contracts';
import type { z } from 'zod';
import type { Actor } from '../../lib/audit.ts';
import { createCatalog, invalid, type CatalogDeps } from './catalog.ts';
import type { AdminQueries } from './ports.ts';
import { defined } from './pause-reasons.ts';

type StatusPatch = Partial<Omit<TicketStatusInput, 'code'>>;

async function workflowOf(tx: AdminQueries, change: { status?: TicketStatus; removeStatus?: string; add?: TicketTransitionInput[]; removeTransition?: string } = {}): Promise<TicketWorkflow> {
  let statuses = await tx.all('ticket_status');
  let transitions: TicketTransitionInput[] = await tx.all('ticket_transition');
  if (change.status) statuses = [...statuses.filter((s) => s.id !== change.status!.id), change.status];
  if (change.removeStatus) statuses = statuses.filter((s) => s.id !== change.removeStatus);
  if (change.add) transitions = [...transitions, ...change.add];
  if (change.removeTransition) transitions = transitions.filter((t) => transitionId(t) !== change.removeTransition);
  return { statuses, transitions };
}

const problemsOf = (w: TicketWorkflow): SettingProblem[] => workflowProblems(w);

export function createTicketWorkflow(deps: CatalogDeps) {
  const { store, audit } = deps;
  const now = () => new Date(deps.clock.now()).toISOString();

  const statuses = createCatalog<'ticket_status', TicketStatusInput, StatusPatch>(deps, {
    kind: 'ticket_status',
    label: 'ticket status',
    make: (input, ctx) => ({ ...input, id: input.code, updatedAt: ctx.now }),
    merge: (before, patch, at) => ({ ...before, ...defined(patch), name: patch.name ?? before.name, id: before.id, code: before.code, updatedAt: at }),
    check: async (tx, next) => problemsOf(await workflowOf(tx, { status: next })),
    async usage(tx, item) {
      const ts = (await tx.all('ticket_transition')).filter((t) => t.from === item.code || t.to === item.code);
      const tickets = await tx.ticketsInStatus(item.code);
      const uses = [];
      if (ts.length) uses.push({ what: `transition${ts.length === 1 ? '' : 's'} (${ts.map((t) => `${t.from} → ${t.to}`).join(', ')})`, count: ts.length });
      if (tickets) uses.push({ what: 'tickets', count: tickets });
      return uses;
    },
    nameOf: (s) => s.name.az,
    inUseAdvice: 'remove those transitions first, or deactivate the status',
  });

  const transitions = createCatalog<'ticket_transition', TicketTransitionInput, never>(deps, {
    kind: 'ticket_transition',
    label: 'ticket transition',
    make: (input, ctx) => ({ ...input, id: transitionId(input), updatedAt: ctx.now }),
    merge: (before) => before,
    // The transition is already in the table when this runs (create inserts after the check: add it here).
    check: async (tx, next) => problemsOf(await workflowOf(tx, { add: (await tx.get('ticket_transition', next.id)) ? [] : [next] })),
    usage: async () => [],
    nameOf: (t) => `${t.from} → ${t.to}`,
  });

  /** A new status with the transitions into and out of it, checked and written together. */
  async function createStatus(input: z.output<typeof NewTicketStatus>, actor: Actor) {
    const { from, to, ...fields } = input;
    const at = now();
    const status: TicketStatus = { ...fields, id: fields.code, updatedAt: at };
    const added: TicketTransition[] = [...from.map((f) => ({ from: f, to: status.code })), ...to.map((t) => ({ from: status.code, to: t }))].map((t) => ({ ...t, id: transitionId(t), updatedAt: at }));
    await store.transaction(async (tx) => {
      if (await tx.get('ticket_status', status.id)) throw new AppError('conflict', `A ticket status ${status.code} already exists`, { id: status.id });
      const problems = problemsOf(await workflowOf(tx, { status, add: added }));
      if (problems.length) throw invalid(problems);
      await tx.insert('ticket_status', status);
      for (const t of added) await tx.insert('ticket_transition', t);
    });
    await audit.record({ ...actor, action: 'settings.ticket_status.create', targetType: 'ticket_status', targetId: status.id, after: { status, transitions: added } });
    return { ...status, transitions: added };
  }

  /** Removing a transition must leave every status reachable. */
  async function removeTransition(id: string, actor: Actor) {
    const before = await store.transaction(async (tx) => {
      const before = await tx.get('ticket_transition', id);
      if (!before) throw new AppError('not_found', `No ticket transition ${id}`);
      const problems = problemsOf(await workflowOf(tx, { removeTransition: id }));
      if (problems.length) throw invalid(problems, `Transition ${before.from} → ${before.to} cannot go: `);
      await tx.remove('ticket_transition', id);
      return before;
    });
    await audit.record({ ...actor, action: 'settings.ticket_transition.delete', targetType: 'ticket_transition', targetId: id, before });
  }

  async function workflow() {
    const w = await workflowOf(store);
    return { statuses: w.statuses as TicketStatus[], transitions: w.transitions as TicketTransition[], problems: problemsOf(w) };
  }

  /** The whole lifecycle at once (the editor's save): all of it valid, or nothing changes. */
  async function replace(input: { statuses: TicketStatusInput[]; transitions: TicketTransitionInput[] }, actor: Actor) {
    const at = now();
    const next = {
      statuses: input.statuses.map((s): TicketStatus => ({ ...s, id: s.code, updatedAt: at })),
      transitions: input.transitions.map((t): TicketTransition => ({ ...t, id: transitionId(t), updatedAt: at })),
    };
    const problems = problemsOf(next);
    if (problems.length) throw invalid(problems);
    const before = await store.transaction(async (tx) => {
      const before = await workflowOf(tx);
      const kept = new Set(next.statuses.map((s) => s.code));
      for (const s of before.statuses) {
        if (kept.has(s.code)) continue;
        const tickets = await tx.ticketsInStatus(s.code);
        if (tickets) throw new AppError('in_use', `Ticket status ${s.code} is in use (${tickets} tickets); keep it and deactivate it instead`, [{ what: 'tickets', count: tickets }]);
      }
      for (const t of before.transitions) await tx.remove('ticket_transition', transitionId(t));
      for (const s of before.statuses) await tx.remove('ticket_status', s.code);
      for (const s of next.statuses) await tx.insert('ticket_status', s);
      for (const t of next.transitions) await tx.insert('ticket_transition', t);
      return before;
    });
    await audit.record({ ...actor, action: 'settings.ticket_workflow.replace', targetType: 'ticket_workflow', targetId: null, before, after: next });
    return { ...next, problems: [] };
  }

  return { statuses: { ...statuses, createStatus }, transitions: { ...transitions, remove: removeTransition }, workflow, replace };
}

export type TicketWorkflowSettings = ReturnType<typeof createTicketWorkflow>;

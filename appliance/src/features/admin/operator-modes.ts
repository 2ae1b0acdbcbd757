/**
 * Operator modes per agent number. The modes live in memory too: the ACD
 * asks on every dispatch and the callback assigner on every pass, so a
 * change takes effect with the next decision.
 */
import { DEFAULT_OPERATOR_MODE, autoAssignsCallbacks, offersQueueCalls, type OperatorMode, type OperatorModeRow } from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';
import { fold, searchWords } from '../../lib/search-text.ts';
import type { AdminStore } from './ports.ts';

export async function createOperatorModes(deps: { store: AdminStore; clock: Clock; audit: AuditRecorder }) {
  const modes = new Map<string, { mode: OperatorMode; updatedAt: string }>();
  for (const m of await deps.store.all('operator_mode')) modes.set(m.id, { mode: m.mode, updatedAt: m.updatedAt });
  const modeOf = (agent: string): OperatorMode => modes.get(agent)?.mode ?? DEFAULT_OPERATOR_MODE;

  /** Every agent with a user or a mode, with its mode (default blended). */
  async function list(q: { search?: string; mode?: OperatorMode; offset: number; limit: number }) {
    const users = new Map((await deps.store.agentDirectory()).map((u) => [u.agent, u]));
    const agents = [...new Set([...users.keys(), ...modes.keys()])].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    const words = searchWords(q.search);
    const rows: OperatorModeRow[] = agents
      .map((agent) => {
        const u = users.get(agent);
        const m = modes.get(agent);
        return { agent, mode: m?.mode ?? DEFAULT_OPERATOR_MODE, explicit: !!m, name: u?.name ?? null, username: u?.username ?? null, updatedAt: m?.updatedAt ?? null };
      })
      .filter((r) => (!q.mode || r.mode === q.mode) && words.every((w) => fold(`${r.agent} ${r.name ?? ''} ${r.username ?? ''} ${r.mode}`).includes(w)));
    return { items: rows.slice(q.offset, q.offset + q.limit), total: rows.length, offset: q.offset, limit: q.limit };
  }

  async function set(agent: string, mode: OperatorMode, actor: Actor) {
    const at = new Date(deps.clock.now()).toISOString();
    const before = modes.get(agent) ?? null;
    const row = { id: agent, mode, updatedAt: at };
    await deps.store.transaction(async (tx) => ((await tx.get('operator_mode', agent)) ? tx.update('operator_mode', row) : tx.insert('operator_mode', row)));
    modes.set(agent, { mode, updatedAt: at });
    await deps.audit.record({ ...actor, action: 'settings.operator_mode.update', targetType: 'agent', targetId: agent, before: { agent, mode: before?.mode ?? DEFAULT_OPERATOR_MODE }, after: { agent, mode } });
    return { agent, mode, explicit: true, updatedAt: at };
  }

  /** Back to the default mode. */
  async function reset(agent: string, actor: Actor) {
    const before = modes.get(agent);
    if (!before) return { agent, mode: DEFAULT_OPERATOR_MODE, explicit: false, updatedAt: null };
    await deps.store.remove('operator_mode', agent);
    modes.delete(agent);
    await deps.audit.record({ ...actor, action: 'settings.operator_mode.delete', targetType: 'agent', targetId: agent, before: { agent, mode: before.mode }, after: { agent, mode: DEFAULT_OPERATOR_MODE } });
    return { agent, mode: DEFAULT_OPERATOR_MODE, explicit: false, updatedAt: null };
  }

  return {
    list,
    set,
    reset,
    modeOf,
    /** For the ACD's dispatch: inbound and blended agents take queue calls. */
    offersQueueCalls: (agent: string) => offersQueueCalls(modeOf(agent)),
    /** For the callback assigner: blended and outbound agents are handed callbacks. */
    autoAssignsCallbacks: (agent: string) => autoAssignsCallbacks(modeOf(agent)),
  };
}

export type OperatorModes = Awaited<ReturnType<typeof createOperatorModes>>;

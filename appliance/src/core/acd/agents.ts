import type { AgentState } from '@edgecall/contracts';

/** One agent as the ACD sees it; pure data, changed only through `transition`. */
export interface AgentRuntime {
  agent: string;
  userId: string;
  queues: string[];
  state: AgentState;
  reason: string | null;
  since: number;
  /** When the agent last became ready (longest-idle routing). */
  idleSince: number;
  callsToday: number;
  missedInARow: number;
  callId: string | null;
  acwUntil: number | null;
}

export type AgentAction =
  | { type: 'login'; queues: string[] }
  | { type: 'logout' }
  | { type: 'ready' }
  | { type: 'pause'; reason: string }
  | { type: 'offer'; callId: string }
  | { type: 'answered'; callId: string }
  | { type: 'offer_ended'; missed: boolean }
  | { type: 'hold' }
  | { type: 'unhold' }
  | { type: 'call_ended'; wrapUpMs: number }
  | { type: 'acw_end' }
  | { type: 'acw_extend'; ms: number; reason: string };

export class AgentStateError extends Error {}

/**
 * The agent state machine (KPIS.md agent states). A logged-out agent can only
 * log in; an agent on a call cannot pause or log out until the call and its
 * ACW end. Pauses and logouts asked for during a call are the caller's to queue.
 */
export function transition(a: AgentRuntime, action: AgentAction, now: number): AgentRuntime {
  const to = (state: AgentState, patch: Partial<AgentRuntime> = {}): AgentRuntime => ({
    ...a,
    state,
    reason: null,
    since: state === a.state && !patch.reason && state !== 'paused' ? a.since : now,
    ...patch,
  });
  const busy = a.state === 'ringing' || a.state === 'talking' || a.state === 'holding';
  switch (action.type) {
    case 'login':
      if (a.state !== 'logged_out') return { ...a, queues: action.queues };
      return to('paused', { reason: 'login', queues: action.queues, missedInARow: 0, callId: null, acwUntil: null });
    case 'logout':
      if (busy) throw new AgentStateError('finish the call before logging out');
      return to('logged_out', { callId: null, acwUntil: null });
    case 'ready':
      if (a.state === 'logged_out') throw new AgentStateError('log in first');
      if (busy) throw new AgentStateError('the agent is on a call');
      return a.state === 'ready' ? a : to('ready', { idleSince: now, missedInARow: 0, callId: null, acwUntil: null });
    case 'pause':
      if (a.state === 'logged_out') throw new AgentStateError('log in first');
      if (busy) throw new AgentStateError('the agent is on a call');
      return to('paused', { reason: action.reason, callId: null, acwUntil: null });
    case 'offer':
      if (a.state !== 'ready') throw new AgentStateError('only ready agents are offered calls');
      return to('ringing', { callId: action.callId });
    case 'offer_ended': {
      if (a.state !== 'ringing') return a;
      const missed = action.missed ? a.missedInARow + 1 : a.missedInARow;
      // Back to ready keeps the agent's place in longest-idle order.
      return { ...to('ready', { callId: null, missedInARow: missed }), idleSince: a.idleSince };
    }
    case 'answered':
      if (a.state !== 'ringing' && a.state !== 'ready') throw new AgentStateError('the agent was not offered this call');
      return to('talking', { callId: action.callId, missedInARow: 0, callsToday: a.callsToday + 1 });
    case 'hold':
      if (a.state !== 'talking') throw new AgentStateError('no call to hold');
      return to('holding');
    case 'unhold':
      if (a.state !== 'holding') throw new AgentStateError('the call is not on hold');
      return to('talking');
    case 'call_ended':
      if (!busy) return a;
      return action.wrapUpMs > 0 ? to('acw', { acwUntil: now + action.wrapUpMs }) : to('ready', { idleSince: now, callId: null, acwUntil: null });
    case 'acw_end':
      if (a.state !== 'acw') throw new AgentStateError('the agent is not in after-call work');
      return to('ready', { idleSince: now, callId: null, acwUntil: null });
    case 'acw_extend':
      if (a.state !== 'acw' || a.acwUntil === null) throw new AgentStateError('the agent is not in after-call work');
      // The reason stays on the agent (and in the state log) while the extended ACW lasts.
      return { ...a, acwUntil: a.acwUntil + action.ms, reason: `extended: ${action.reason}` };
  }
}

export function newAgent(agent: string, userId: string, now: number): AgentRuntime {
  return { agent, userId, queues: [], state: 'logged_out', reason: null, since: now, idleSince: now, callsToday: 0, missedInARow: 0, callId: null, acwUntil: null };
}

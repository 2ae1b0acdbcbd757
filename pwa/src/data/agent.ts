import type { ApiClient } from './http.ts';

export const AGENT_STATES = ['logged_out', 'ready', 'paused', 'ringing', 'talking', 'holding', 'acw'] as const;
export type AgentStateName = (typeof AGENT_STATES)[number];

/** Pause reasons offered for now; the appliance accepts any short text. */
export const PAUSE_REASONS = ['break', 'lunch', 'training', 'meeting', 'technical'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** An agent as the appliance reports it (REST and the retained state topic alike). */
export interface AgentState {
  agent: string;
  state: AgentStateName;
  reason?: string | null;
  /** ISO on MQTT, epoch ms in some REST answers: read it with `sinceMs`. */
  since?: string | number | null;
  callId?: string | null;
  queues?: string[];
  callsToday?: number;
  missedInARow?: number;
  acwUntil?: string | number | null;
}

/** The screen pop: what rings, or what was just answered, on the agent's phone. */
export interface InboxMessage {
  type: 'offer' | 'answered';
  callId: string;
  number: string;
  queue: string | null;
  did: string | null;
}

/** The callback list telling the agent an entry is theirs or due now. */
export interface CallbackNotice {
  type: 'callback_assigned' | 'callback_due';
  entryId: string;
  number: string;
}

export function isCallbackNotice(v: unknown): v is CallbackNotice {
  const m = v as CallbackNotice | null;
  return (m?.type === 'callback_assigned' || m?.type === 'callback_due') && typeof m.entryId === 'string';
}

export function isScreenPop(v: unknown): v is InboxMessage {
  const m = v as InboxMessage | null;
  return (m?.type === 'offer' || m?.type === 'answered') && typeof m.callId === 'string';
}

export function sinceMs(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(n) ? n : null;
}

export function isAgentState(v: unknown): v is AgentState {
  const a = v as AgentState | null;
  return typeof a?.agent === 'string' && typeof a.state === 'string';
}

export function fetchMyAgent(api: ApiClient): Promise<AgentState> {
  return api.request('GET', '/api/v1/agent/me');
}

export type AgentAction =
  | 'login'
  | 'ready'
  | 'pause'
  | 'logout'
  | 'acw/end'
  | 'acw/extend'
  | 'hold'
  | 'unhold'
  | 'hangup'
  | 'transfer'
  | 'consult'
  | 'consult/complete'
  | 'consult/cancel'
  | 'dial';

/**
 * One of the agent's own controls. Only login, pause, acw/extend, transfer
 * ({agent} | {queue} | {number}), consult ({agent}) and dial ({number}) take
 * a body; the others refuse one. The call controls answer with the call, not
 * the agent: the live state topic brings the agent's new state. A 409 `conflict` explains why the state does
 * not allow it.
 */
export function agentAction(api: ApiClient, action: AgentAction, body?: Record<string, unknown>): Promise<AgentState> {
  const payload = action === 'login' ? (body ?? {}) : body;
  return api.request('POST', `/api/v1/agent/${action}`, payload);
}

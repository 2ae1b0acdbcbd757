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

export type AgentAction = 'login' | 'ready' | 'pause' | 'logout' | 'acw/end' | 'acw/extend' | 'hold' | 'unhold' | 'hangup';

/**
 * One of the agent's own controls. Only login, pause and acw/extend take a
 * body; the others refuse one. A 409 `conflict` explains why the state does
 * not allow it.
 */
export function agentAction(api: ApiClient, action: AgentAction, body?: Record<string, unknown>): Promise<AgentState> {
  const payload = action === 'login' ? (body ?? {}) : body;
  return api.request('POST', `/api/v1/agent/${action}`, payload);
}

import type { ApiClient } from './http.ts';
import type { AgentState } from './agent.ts';

/** A call in progress, as the flash panel shows it. Times are ISO. */
export interface LiveCall {
  id: string;
  number: string;
  stage: string;
  queue: string | null;
  agent: string | null;
  onHold: boolean;
  arrivedAt: string;
  queuedAt: string | null;
  answeredAt: string | null;
}

export interface LiveCalls {
  items: LiveCall[];
  monitoring: unknown[];
}

export interface QueueState {
  queue: string;
  waiting: { callId: string; number: string; position: number; since: string; waitSeconds: number; ringing: boolean }[];
  onHold: { callId: string; agent: string }[];
  agents: { loggedIn: number; ready: number; busy: number; paused: number; acw: number };
  longestWaitSeconds: number;
}

export type MonitorMode = 'listen' | 'whisper' | 'barge';
export type ForcedAction = 'pause' | 'ready' | 'logout';

export function fetchAgents(api: ApiClient): Promise<{ items: AgentState[] }> {
  return api.request('GET', '/api/v1/agents');
}

export function fetchLiveCalls(api: ApiClient): Promise<LiveCalls> {
  return api.request('GET', '/api/v1/calls/live');
}

/** Audited by the appliance; only pause takes a body (the reason). */
export function forceAgent(api: ApiClient, agent: string, action: ForcedAction, reason?: string): Promise<AgentState> {
  return api.request('POST', `/api/v1/supervisor/agents/${encodeURIComponent(agent)}/${action}`, action === 'pause' ? { reason } : undefined);
}

export function startMonitor(api: ApiClient, callId: string, mode: MonitorMode, phone: string): Promise<{ session: string }> {
  return api.request('POST', `/api/v1/supervisor/calls/${encodeURIComponent(callId)}/monitor`, { mode, phone });
}

/** Rings the chosen ready agent for a waiting call, ahead of routing (audited). */
export function giveCall(api: ApiClient, callId: string, agent: string): Promise<unknown> {
  return api.request('POST', `/api/v1/supervisor/calls/${encodeURIComponent(callId)}/give`, { agent });
}

/** Ends a live call, waiting or talking (audited). */
export function hangupCall(api: ApiClient, callId: string): Promise<unknown> {
  return api.request('POST', `/api/v1/supervisor/calls/${encodeURIComponent(callId)}/hangup`);
}

export function stopMonitor(api: ApiClient, session: string): Promise<unknown> {
  return api.request('DELETE', `/api/v1/supervisor/monitor/${encodeURIComponent(session)}`);
}

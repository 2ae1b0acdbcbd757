import type { AcdSettings, CallDirection, JourneyEvent } from '@edgecall/contracts';
import type { AgentRuntime } from '../../core/acd/agents.ts';

export type CallStage = 'ivr' | 'queued' | 'ringing' | 'talking' | 'ended';

export interface CallSummary {
  id: string;
  direction: CallDirection;
  number: string;
  did: string;
  stage: CallStage;
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  cause: string | null;
  recording: string | null;
  lastSeq: number;
}

export interface StoredJourney extends CallSummary {
  events: JourneyEvent[];
}

/** What the ACD needs from storage; every write is one transaction. */
export interface AcdStore {
  /** Appends journey events and rewrites the call's summary together. */
  appendJourney(summary: CallSummary, events: JourneyEvent[], now: number): Promise<void>;
  saveAgent(agent: AgentRuntime, logged: boolean): Promise<void>;
  loadAgents(): Promise<AgentRuntime[]>;
  openCalls(): Promise<CallSummary[]>;
  journeys(opts: { from: number; to: number; limit: number; offset: number; number?: string; agent?: string; queue?: string; direction?: CallDirection }): Promise<{ items: StoredJourney[]; total: number }>;
  journey(id: string): Promise<StoredJourney | null>;
  agentHistory(from: number, to: number): Promise<{ agent: string; state: string; reason: string | null; at: number }[]>;
  loadSettings(): Promise<AcdSettings | null>;
  /** Other JSON settings (alert rules…), validated by their owners. */
  loadSetting(key: string): Promise<unknown>;
  saveSetting(key: string, value: unknown, now: number): Promise<void>;
  saveSettings(settings: AcdSettings, now: number): Promise<void>;
}

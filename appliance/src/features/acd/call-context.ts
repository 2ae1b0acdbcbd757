import type { JourneyEvent } from '@edgecall/contracts';
import type { CallSummary } from './ports.ts';

/** Distributes Omit over the union so each event keeps its own fields. */
export type NewJourneyEvent = JourneyEvent extends infer E ? (E extends JourneyEvent ? Omit<E, 'seq' | 'at'> : never) : never;

/** The live state of one call inside the ACD; the summary mirrors what is stored. */
export interface CallContext {
  summary: CallSummary;
  /** The caller's channel (inbound) or the customer's leg (outbound). */
  channelId: string;
  menu: { id: string; repeats: number; playbackId: string | null } | null;
  /** What to do when the current playback ends (closed message, refusals). */
  afterPlayback: ((ok: boolean) => void) | null;
  playbackId: string | null;
  holdingBridge: string | null;
  mixingBridge: string | null;
  holdBridge: string | null;
  /** Ringing agent legs: channel id → agent. */
  offers: Map<string, string>;
  tried: Set<string>;
  agentChannel: string | null;
  queuedAt: number | null;
  timers: Map<string, () => void>;
  recording: string | null;
  onHold: boolean;
  /** Ringing one agent directly (a transfer), outside any queue: no queue in the journey. */
  direct: boolean;
  /** Writes of this call are chained so the journey stays in seq order. */
  writing: Promise<void>;
}

export function newContext(summary: CallSummary, channelId: string): CallContext {
  return {
    summary,
    channelId,
    menu: null,
    afterPlayback: null,
    playbackId: null,
    holdingBridge: null,
    mixingBridge: null,
    holdBridge: null,
    offers: new Map(),
    tried: new Set(),
    agentChannel: null,
    queuedAt: null,
    timers: new Map(),
    recording: null,
    onHold: false,
    direct: false,
    writing: Promise.resolve(),
  };
}

export function setTimer(call: CallContext, name: string, cancel: () => void) {
  call.timers.get(name)?.();
  call.timers.set(name, cancel);
}

export function clearTimer(call: CallContext, name: string) {
  call.timers.get(name)?.();
  call.timers.delete(name);
}

/**
 * The call journey of KPIS.md: every moment of a call as its own event, with a
 * timestamp from the appliance's one clock (`at`, epoch milliseconds) and a
 * per-call `seq` that orders the call's events even when two share an `at`.
 * The appliance writes these, syncs them to HQ and publishes them live; every
 * KPI is derived from them, so the schemas below are the one parser for
 * stored, synced and live journeys.
 */
import { z } from 'zod';

const ID = z.string().min(1).max(64);
/** Integer milliseconds keep every sum exact, so a figure is identical wherever it is computed. */
const EPOCH_MS = z.number().int().nonnegative();
const SEQ = z.number().int().nonnegative();

/** Causes of a call that ended without being answered, kept apart in every report. */
export const UNANSWERED_CAUSES = [
  'abandoned_ivr',
  'abandoned',
  'timeout',
  'no_agents',
  'closed',
  'trunk_busy',
  'deflected',
] as const;
export type UnansweredCause = (typeof UNANSWERED_CAUSES)[number];

/** Causes of a call that ended after it was answered (or, outbound, after it connected). */
export const ANSWERED_END_CAUSES = ['agent_hangup', 'caller_hangup', 'interrupted', 'transferred_out'] as const;
export type AnsweredEndCause = (typeof ANSWERED_END_CAUSES)[number];

/** Outbound calls that never connected. */
export const OUTBOUND_FAILURE_CAUSES = ['no_answer', 'busy', 'failed'] as const;
export type OutboundFailureCause = (typeof OUTBOUND_FAILURE_CAUSES)[number];

export const END_CAUSES = [...UNANSWERED_CAUSES, ...ANSWERED_END_CAUSES, ...OUTBOUND_FAILURE_CAUSES] as const;
export const EndCause = z.enum(END_CAUSES);
export type EndCause = z.infer<typeof EndCause>;

export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

export const ArrivedEvent = z.object({
  type: z.literal('arrived'),
  seq: SEQ,
  at: EPOCH_MS,
  /** Caller number (inbound) or dialled number (outbound): callbacks and recovery match on it. */
  number: z.string().min(1).max(64).optional(),
  /** Outbound only: the agent who placed the call (agent figures count it as theirs). */
  agent: ID.optional(),
});
export const IvrLeftEvent = z.object({ type: z.literal('ivr_left'), seq: SEQ, at: EPOCH_MS });
/** Opens a stint in `queue`; after a transfer to a queue the ACD emits it again for the new queue. */
export const QueuedEvent = z.object({ type: z.literal('queued'), seq: SEQ, at: EPOCH_MS, queue: ID });
/** `queue` is absent when an agent rings outside any queue (direct transfer, outbound). */
export const RingingEvent = z.object({
  type: z.literal('ringing'),
  seq: SEQ,
  at: EPOCH_MS,
  agent: ID,
  queue: ID.optional(),
});
export const RingNoAnswerEvent = z.object({ type: z.literal('ring_no_answer'), seq: SEQ, at: EPOCH_MS, agent: ID });
export const AnsweredEvent = z.object({
  type: z.literal('answered'),
  seq: SEQ,
  at: EPOCH_MS,
  agent: ID,
  queue: ID.optional(),
});
export const HoldEvent = z.object({ type: z.literal('hold'), seq: SEQ, at: EPOCH_MS });
export const UnholdEvent = z.object({ type: z.literal('unhold'), seq: SEQ, at: EPOCH_MS });
/** Closes the current stint; a transfer to an agent opens a direct stint at once, one to a queue at its `queued`. */
export const TransferredEvent = z
  .object({
    type: z.literal('transferred'),
    seq: SEQ,
    at: EPOCH_MS,
    toQueue: ID.optional(),
    toAgent: ID.optional(),
  })
  .refine((e) => (e.toQueue === undefined) !== (e.toAgent === undefined), {
    message: 'a transfer names exactly one of toQueue or toAgent',
  });
export const EndedEvent = z.object({
  type: z.literal('ended'),
  seq: SEQ,
  at: EPOCH_MS,
  cause: EndCause,
  /**
   * The queue that refused the call at entry (`closed`, `no_agents`): the call
   * never entered it, so it is not offered there, but that queue's totals and
   * missed calls must still show it.
   */
  queue: ID.optional(),
});
export const AcwEndedEvent = z.object({ type: z.literal('acw_ended'), seq: SEQ, at: EPOCH_MS, agent: ID });

export const JourneyEvent = z.discriminatedUnion('type', [
  ArrivedEvent,
  IvrLeftEvent,
  QueuedEvent,
  RingingEvent,
  RingNoAnswerEvent,
  AnsweredEvent,
  HoldEvent,
  UnholdEvent,
  TransferredEvent,
  EndedEvent,
  AcwEndedEvent,
]);
export type JourneyEvent = z.infer<typeof JourneyEvent>;
export type JourneyEventType = JourneyEvent['type'];

export const CallJourney = z
  .object({
    callId: ID,
    direction: CallDirection,
    events: z.array(JourneyEvent).max(10_000),
  })
  .refine((j) => new Set(j.events.map((e) => e.seq)).size === j.events.length, {
    message: 'event seq must be unique within a call',
    path: ['events'],
  });
export type CallJourney = z.infer<typeof CallJourney>;

/** One event as the appliance publishes it live (and feeds it to `createLiveKpis`). */
export const LiveCallEvent = z.object({
  callId: ID,
  direction: CallDirection,
  event: JourneyEvent,
});
export type LiveCallEvent = z.infer<typeof LiveCallEvent>;

export const AGENT_STATES = ['logged_out', 'ready', 'paused', 'ringing', 'talking', 'holding', 'acw'] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

/** The agent entered `state` at `at` and stays in it until their next transition. */
export const AgentTransition = z.object({
  agent: ID,
  state: AgentState,
  /** The pause (offline) reason; only meaningful for `paused`. */
  reason: z.string().min(1).max(64).optional(),
  at: EPOCH_MS,
});
export type AgentTransition = z.infer<typeof AgentTransition>;

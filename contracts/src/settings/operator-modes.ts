/**
 * Operator modes (issue 6): which work an agent is offered. Inbound and
 * blended agents get queue calls; outbound agents never do. Callbacks are
 * handed automatically to blended and outbound agents only.
 */
import { z } from 'zod';

export const OPERATOR_MODES = ['inbound', 'outbound', 'blended'] as const;
export type OperatorMode = (typeof OPERATOR_MODES)[number];
export const DEFAULT_OPERATOR_MODE: OperatorMode = 'blended';

export const OperatorModeInput = z.strictObject({ mode: z.enum(OPERATOR_MODES) });
export const AGENT_NUMBER = z.string().regex(/^[0-9]{2,8}$/, '2–8 digits');

export interface OperatorModeRow {
  agent: string;
  mode: OperatorMode;
  /** False while the agent has the default mode. */
  explicit: boolean;
  /** The user with this agent number, when there is one. */
  name: string | null;
  username: string | null;
  updatedAt: string | null;
}

export const offersQueueCalls = (mode: OperatorMode | undefined): boolean => (mode ?? DEFAULT_OPERATOR_MODE) !== 'outbound';
export const autoAssignsCallbacks = (mode: OperatorMode | undefined): boolean => (mode ?? DEFAULT_OPERATOR_MODE) !== 'inbound';

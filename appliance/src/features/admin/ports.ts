/**
 * What the admin settings (issue 6) need from storage and from the machine:
 * the store interface (store.ts implements it), and the sound converter and
 * files that adapters/system implements (wired in main.ts).
 */
import type {
  ApprovalDecision,
  ApprovalKind,
  ApprovalPolicyInput,
  ApprovalRequestState,
  ApprovalState,
  EvaluationCriterion,
  EvaluationForm,
  IvrSound,
  MessageTemplate,
  OperatorMode,
  PauseReason,
  TicketStatus,
  TicketTransition,
} from '@edgecall/contracts';

export interface StoredOperatorMode {
  /** The agent number. */
  id: string;
  mode: OperatorMode;
  updatedAt: string;
}

export interface AdminItems {
  pause_reason: PauseReason;
  template: MessageTemplate;
  criterion: EvaluationCriterion;
  evaluation_form: EvaluationForm;
  ticket_status: TicketStatus;
  ticket_transition: TicketTransition;
  sound: IvrSound;
  operator_mode: StoredOperatorMode;
}
export type AdminKind = keyof AdminItems;

/** The kinds whose items carry an approval standing (campaigns have none yet). */
export type ApprovableKind = 'template' | 'evaluation_form';

export interface StoredPolicy extends ApprovalPolicyInput {
  kind: ApprovalKind;
  updatedAt: number | null;
}

export interface StoredApprovalRequest {
  id: string;
  kind: ApprovalKind;
  targetId: string;
  targetName: string;
  status: ApprovalRequestState;
  note: string;
  submittedBy: string | null;
  submittedByName: string;
  submittedAt: number;
  decisions: ApprovalDecision[];
  reason: string | null;
  decidedAt: number | null;
}

export interface AdminQueries {
  /** Items matching every folded word (and the equality filters the kind allows), in the kind's order. */
  page<K extends AdminKind>(kind: K, words: string[], offset: number, limit: number, filter?: Record<string, string | boolean>): Promise<{ items: AdminItems[K][]; total: number }>;
  all<K extends AdminKind>(kind: K): Promise<AdminItems[K][]>;
  get<K extends AdminKind>(kind: K, id: string): Promise<AdminItems[K] | null>;
  insert<K extends AdminKind>(kind: K, item: AdminItems[K]): Promise<void>;
  update<K extends AdminKind>(kind: K, item: AdminItems[K]): Promise<void>;
  remove(kind: AdminKind, id: string): Promise<void>;
  /** How often the agent state log names the reason, and how many agents are paused with it now. */
  pauseReasonUse(code: string): Promise<{ history: number; now: number }>;
  /** Tickets in a status, once the ticketing feature has its table. */
  ticketsInStatus(code: string): Promise<number>;
  /** Users with an agent number. */
  agentDirectory(): Promise<{ agent: string; name: string; username: string; groups: string[] }[]>;
  /** Approval policies that exist (kinds without one need no approval). */
  policies(): Promise<StoredPolicy[]>;
  putPolicy(p: StoredPolicy): Promise<void>;
  approvalRequests(filter: { status?: ApprovalRequestState; kind?: ApprovalKind; targetId?: string }, offset: number, limit: number): Promise<{ items: StoredApprovalRequest[]; total: number }>;
  approvalRequest(id: string): Promise<StoredApprovalRequest | null>;
  putApprovalRequest(r: StoredApprovalRequest): Promise<void>;
  /** Sets an item's approval standing (and `active` when given) without other changes. */
  setApproval(kind: ApprovableKind, id: string, approval: ApprovalState, active?: boolean): Promise<void>;
}
export interface AdminStore extends AdminQueries {
  transaction<T>(fn: (tx: AdminQueries) => Promise<T>): Promise<T>;
}

export type SoundInputType = 'wav' | 'mp3' | 'ogg';

/** The outcome of converting an upload (adapters/system/sox.ts). */
export type ConversionResult =
  | { ok: true; wav: Buffer; durationMs: number }
  | { ok: false; reason: 'unreadable' | 'too_long' | 'unsupported' | 'failed'; detail: string };

export interface SoundConverter {
  /** Reads the upload as `type` and writes 8 kHz mono 16-bit PCM WAV, refusing anything longer than `maxSeconds`. */
  convert(input: Buffer, type: SoundInputType, maxSeconds: number): Promise<ConversionResult>;
}

/** Converted sounds on disk: the appliance's copy, and the PBX's sound directory. */
export interface SoundFiles {
  write(name: string, wav: Buffer): Promise<void>;
  /** The file as a stream with its size, or null. */
  read(name: string): Promise<{ size: number; body: AsyncIterable<Uint8Array> } | null>;
  remove(name: string): Promise<void>;
}

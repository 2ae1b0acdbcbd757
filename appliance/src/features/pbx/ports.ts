/**
 * What the branch's telephony settings (agent numbers, trunk) need: storage
 * (store.ts), the PBX's dynamic configuration (the Telephony port), a box
 * that seals SIP secrets (adapters/crypto), a writer for rendered Asterisk
 * files (adapters/system), the users they link to and the ACD settings they
 * change (wired in main.ts).
 */
import type { AcdSettings, SipCodec, TrunkInput } from '@edgecall/contracts';
import type { Clock, Logger } from '../../core/ports.ts';
import type { PbxConfigObject } from '../../core/telephony.ts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';

export type PbxState = 'pushed' | 'pending' | 'failed' | 'delete_pending';

export interface StoredAgentNumber {
  number: string;
  displayName: string;
  /** Sealed by the SecretBox. */
  secret: string;
  codecs: SipCodec[];
  pbxState: PbxState;
  pbxError: string | null;
  pushedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface StoredTrunk {
  /** Without the secret. */
  settings: TrunkInput;
  /** Sealed SIP secret, when the trunk has one. */
  secret: string | null;
  pbxState: PbxState;
  pbxError: string | null;
  pushedAt: number | null;
  updatedAt: number;
}

export interface PbxStore {
  agentNumbers(): Promise<StoredAgentNumber[]>;
  agentNumber(number: string): Promise<StoredAgentNumber | null>;
  page(words: string[], offset: number, limit: number): Promise<{ items: StoredAgentNumber[]; total: number }>;
  putAgentNumber(row: StoredAgentNumber): Promise<void>;
  setAgentPbx(number: string, state: Pick<StoredAgentNumber, 'pbxState' | 'pbxError' | 'pushedAt'>): Promise<void>;
  removeAgentNumber(number: string): Promise<void>;
  trunk(): Promise<StoredTrunk | null>;
  putTrunk(row: StoredTrunk | null): Promise<void>;
  setTrunkPbx(state: Pick<StoredTrunk, 'pbxState' | 'pbxError' | 'pushedAt'>): Promise<void>;
}

/** The PBX's dynamic configuration; `connected` says whether a push can be tried now. */
export interface PbxConfigPort {
  connected(): boolean;
  put(obj: PbxConfigObject): Promise<void>;
  remove(type: PbxConfigObject['type'], id: string): Promise<void>;
}

/** Authenticated encryption of secrets at rest; the key lives outside the database. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Rendered Asterisk files: written where the PBX image reads them; the answer lists their paths. */
export interface PbxConfigFiles {
  /** Writes each file (name relative to the config directory) whole or not at all. */
  write(files: Record<string, string>): Promise<void>;
  /** Removes files or directories; absent ones are fine. */
  remove(names: string[]): Promise<void>;
  /** Every file written there, as absolute paths. */
  list(): Promise<string[]>;
}

export interface LinkedUser {
  id: string;
  username: string;
  displayName: string;
  agentNumber: string | null;
}

export interface PbxDeps {
  store: PbxStore;
  pbx: PbxConfigPort;
  secrets: SecretBox;
  files: PbxConfigFiles;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  site: string;
  /** A fresh SIP password (the PBX needs it in clear; it is shown once). */
  newPassword: () => string;
  users: {
    get(id: string): Promise<LinkedUser | null>;
    byAgentNumber(number: string): Promise<LinkedUser | null>;
    setAgentNumber(userId: string, number: string | null, actor: Actor): Promise<void>;
  };
  acd: {
    current(): AcdSettings;
    apply(next: AcdSettings): Promise<void>;
  };
}

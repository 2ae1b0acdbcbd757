/**
 * Ports: what the domain and the features need from the outside world.
 * Adapters implement them; main.ts wires them. Nothing here does I/O.
 */
import type { LiveEnvelope } from '@edgecall/contracts';

/** Time comes only through this port, so tests can move it. */
export interface Clock {
  now(): number;
}

export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(namespace: string): Logger;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/** Unguessable tokens and ids. */
export interface Randomness {
  token(bytes?: number): string;
  id(): string;
  /** A one-way digest of a token, so stored tokens are useless if the database leaks. */
  digest(token: string): string;
}

/** Content digests (audit hash chain). */
export interface ContentHasher {
  sha256(text: string): string;
}

export interface PublishOptions {
  retain?: boolean;
}

/** In-process publication of live state to the MQTT broker. */
export interface Publisher {
  publish<T>(topic: string, data: T, options?: PublishOptions): LiveEnvelope<T>;
  /** Clears a retained topic (an empty retained publish). */
  clear(topic: string): void;
}

/** Timers go through a port so the domain never touches setTimeout directly. */
export interface Scheduler {
  after(ms: number, fn: () => void): () => void;
}

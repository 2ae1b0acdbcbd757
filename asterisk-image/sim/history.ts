// Everything that happened inside the simulator, for tests and the traffic generator:
// REST calls with their status, events sent (or dropped because no socket was connected),
// events the guard refused, WebSocket connections, and world activity such as "a snoop was
// created on channel X with spy=both". Kept in a bounded ring so long demo runs do not grow
// memory without limit.
import { EventEmitter } from 'node:events';

export type HistoryEntry =
  | {
      kind: 'rest';
      at: number;
      method: string;
      path: string;
      query: Record<string, string>;
      body: unknown;
      status: number;
      response: unknown;
    }
  | { kind: 'event'; at: number; app: string; event: Record<string, unknown>; delivered: boolean }
  | { kind: 'guard'; at: number; app: string; event: Record<string, unknown>; problems: string[] }
  | { kind: 'ws'; at: number; action: 'connected' | 'closed' | 'replaced' | 'refused'; apps: string[]; socket: number }
  | { kind: 'activity'; at: number; what: string; [detail: string]: unknown };

export type HistoryKind = HistoryEntry['kind'];

export class History extends EventEmitter {
  private entries: HistoryEntry[] = [];

  constructor(private readonly limit: number) {
    super();
    // Many tests and the traffic generator listen at once; the default of 10 would warn.
    this.setMaxListeners(0);
  }

  add(entry: HistoryEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    // A listener that throws must not break the simulator's own flow.
    try {
      this.emit(entry.kind, entry);
      this.emit('*', entry);
    } catch {
      /* ignored on purpose */
    }
  }

  list(kind?: HistoryKind): HistoryEntry[] {
    return kind ? this.entries.filter((e) => e.kind === kind) : [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

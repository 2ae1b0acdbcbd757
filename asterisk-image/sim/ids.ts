// Identifier generators that mimic how Asterisk names things, because apps (and the
// recorded samples) pattern-match on these shapes:
// - uniqueid `<epoch seconds>.<sequence>` for channels whose id the caller did not choose;
// - one shared 8-hex-digit counter for "unreal" channels (Local, Announcer, Recorder), so
//   `Local/100@ctx-00000000;1`, `Announcer/ARI_MOH-00000001;2`, `Recorder/ARI-00000003;2`;
// - per-technology counters (`PJSIP/1001-0000000a`) and a separate Snoop counter.
import { randomUUID } from 'node:crypto';
import type { SimClock } from './clock.ts';

export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export class IdFactory {
  private uniqueSeq = 0;
  private unrealSeq = 0;
  private snoopSeq = 0;
  private readonly techSeq = new Map<string, number>();

  constructor(private readonly clock: SimClock) {}

  uniqueId(): string {
    return `${Math.floor(this.clock.now() / 1000)}.${this.uniqueSeq++}`;
  }

  unrealSuffix(): string {
    return hex8(this.unrealSeq++);
  }

  techSuffix(tech: string): string {
    const n = this.techSeq.get(tech) ?? 0;
    this.techSeq.set(tech, n + 1);
    return hex8(n);
  }

  snoopSuffix(): string {
    return hex8(this.snoopSeq++);
  }

  uuid(): string {
    return randomUUID();
  }
}

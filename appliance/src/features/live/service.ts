import { mayReceive, topics, type LiveEnvelope, type LiveSubject } from '@edgecall/contracts';
import type { Clock, Publisher } from '../../core/ports.ts';

export interface SeqStore {
  /** Reserves `count` sequence numbers; returns the first. Survives restarts. */
  reserve(count: number): Promise<number>;
}

const BLOCK = 100_000;

/**
 * Live publication: wraps data in `{seq, ts, data}` with a per-site monotonic
 * seq, remembers retained state so HTTP can serve a consistent snapshot, and
 * republishes it on demand.
 */
export async function createLiveService(deps: {
  site: string;
  clock: Clock;
  seqStore: SeqStore;
  send: (topic: string, payload: string, retain: boolean) => void;
}) {
  const { site, clock, send } = deps;
  let next = await deps.seqStore.reserve(BLOCK);
  let limit = next + BLOCK;
  let reserving: Promise<void> | null = null;
  const retained = new Map<string, LiveEnvelope>();
  const snapshotProviders: (() => void)[] = [];

  function nextSeq(): number {
    // Reserve the next block well before this one runs out, so publish stays synchronous.
    if (!reserving && limit - next < BLOCK / 2) {
      reserving = deps.seqStore.reserve(BLOCK).then((first) => {
        pendingBlock = first;
        reserving = null;
      });
    }
    if (next >= limit && pendingBlock !== null) {
      next = pendingBlock;
      limit = pendingBlock + BLOCK;
      pendingBlock = null;
    }
    return next++;
  }
  let pendingBlock: number | null = null;

  const publisher: Publisher = {
    publish(topic, data, options) {
      const envelope = { seq: nextSeq(), ts: new Date(clock.now()).toISOString(), data };
      if (options?.retain) retained.set(topic, envelope);
      send(topic, JSON.stringify(envelope), !!options?.retain);
      return envelope;
    },
    clear(topic) {
      retained.delete(topic);
      send(topic, '', true);
    },
  };

  return {
    publisher,
    currentSeq: () => next - 1,
    /** Features register how to rebuild their retained state (from SQLite) at boot. */
    onSnapshot(provider: () => void) {
      snapshotProviders.push(provider);
    },
    publishSnapshots() {
      publisher.publish(topics.sysOnline(site), { online: true, since: new Date(clock.now()).toISOString() }, { retain: true });
      for (const provider of snapshotProviders) provider();
    },
    heartbeat() {
      publisher.publish(topics.sysSeq(site), { seq: next }, { retain: true });
    },
    goingOffline() {
      publisher.publish(topics.sysOnline(site), { online: false, since: new Date(clock.now()).toISOString() }, { retain: true });
    },
    /** Retained state a subject may see, with the seq it is consistent up to. */
    snapshotFor(subject: LiveSubject) {
      const state: Record<string, LiveEnvelope> = {};
      for (const [topic, env] of retained) if (mayReceive(subject, topic)) state[topic] = env;
      return { seq: next - 1, topics: state };
    },
  };
}

export type LiveService = Awaited<ReturnType<typeof createLiveService>>;

/**
 * Fills a branch's data dir with a realistic backlog for `sync-drain.ts`.
 * EC_CALLS finished inbound calls spread over the last 7 days (a week-long
 * WAN outage of a busy branch) are written the way the ACD writes a
 * journey: call row, nine events and the outbox row in one transaction,
 * through the ACD store's group commit (features/acd/store.ts) and the sync
 * outbox writer (features/sync/store.ts). The outbox is then topped up to
 * EC_RECORDS rows by cloning those records in SQL under fresh call ids:
 * writing all 100,000 through the store takes ~5 minutes on the reference
 * machine, and the drain reads nothing but the outbox.
 * Prints `{"head": <last outbox seq>, "ms": …, "bytes": <average payload>}`.
 *
 * Env: EC_DATA (data dir), EC_CALLS (default 5000), EC_RECORDS (default 100000).
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../src/adapters/db/orm.ts';
import { createLogger } from '../src/adapters/system/logger.ts';
import { ACD_ENTITIES } from '../src/features/acd/entities.ts';
import { createAcdStore } from '../src/features/acd/store.ts';
import { writeOutbox } from '../src/features/sync/store.ts';
import type { JourneyEvent } from '@edgecall/contracts';

const dataDir = process.env.EC_DATA!;
const calls = Number(process.env.EC_CALLS ?? 5000);
const records = Number(process.env.EC_RECORDS ?? 100_000);
const logger = createLogger('error');
const db = await openDatabase({ dataDir, entities: ACD_ENTITIES, logger });
const store = createAcdStore(db.em, { outbox: (tx, rows) => writeOutbox(tx, rows), ids: () => randomUUID() });

/** One whole call: IVR, queue, ring, answer, a hold, hang-up, after-call work; durations vary by call. */
function call(i: number, start: number) {
  const id = `bench-${i}-${randomUUID().slice(0, 8)}`;
  const queue = i % 3 === 0 ? 'support' : 'sales';
  const agent = String(101 + (i % 12));
  const ivr = 3000 + (i % 5) * 700;
  const wait = 2000 + ((i * 7919) % 40_000);
  const talk = 2 * (15_000 + ((i * 104_729) % 120_000));
  let at = start;
  let seq = 0;
  const ev = (type: string, extra: Record<string, unknown> = {}, dt = 0) => ((at += dt), { type, seq: ++seq, at, ...extra }) as JourneyEvent;
  const events = [
    ev('arrived', { number: `+99450${String(1_000_000 + (i % 900_000)).slice(-7)}` }),
    ev('ivr_left', {}, ivr),
    ev('queued', { queue }),
    ev('ringing', { agent, queue }, wait),
    ev('answered', { agent, queue }, 4000),
    ev('hold', {}, talk / 2),
    ev('unhold', {}, 20_000),
    ev('ended', { cause: i % 4 === 0 ? 'agent_hangup' : 'caller_hangup' }, talk / 2),
    ev('acw_ended', { agent }, 10_000),
  ];
  const summary = {
    id,
    direction: 'inbound' as const,
    number: (events[0] as { number: string }).number,
    did: '1000',
    stage: 'ended' as const,
    queue,
    agent,
    arrivedAt: start,
    answeredAt: events[4].at,
    endedAt: events[7].at,
    cause: (events[7] as { cause: string }).cause,
    recording: `${id}.wav`,
    lastSeq: events.length,
  };
  return { summary, events };
}

const t0 = Date.now();
const week = 7 * 86_400_000;
const first = Date.now() - week - 3_600_000;
// Many writes in flight: the store's group commit puts them into a few large transactions.
const BATCH = 2000;
for (let i = 0; i < calls; i += BATCH) {
  const pending = [];
  for (let j = i; j < Math.min(calls, i + BATCH); j++) {
    const c = call(j, first + Math.floor((j / calls) * week));
    pending.push(store.appendJourney(c.summary as never, c.events, Date.now()));
  }
  await Promise.all(pending);
}
const headOf = async () =>
  Number((await db.em().execute<{ head: number }[]>(`select coalesce((select seq from sqlite_sequence where name = 'sync_outbox'), 0) as head`))[0].head);
const written = await headOf();
if (records > written) {
  // The k-th clone of a call is the same journey under the id `<id>-c<k>` (entity id and payload's callId agree, as HQ checks).
  await db.em().transactional((tx) =>
    tx.execute(
      `with recursive n(k) as (select 1 union all select k + 1 from n where k < ?)
       insert into sync_outbox (entity, entity_id, op, entity_version, schema_version, payload, created_at)
       select o.entity, o.entity_id || '-c' || n.k, o.op, o.entity_version, o.schema_version, json_set(o.payload, '$.callId', o.entity_id || '-c' || n.k), o.created_at
       from n join sync_outbox o on o.entity = 'call_journey' and o.seq <= ?
       order by n.k, o.seq limit ?`,
      [Math.ceil((records - written) / written), written, records - written],
    ),
  );
}
const head = await headOf();
const [size] = await db.em().execute<{ bytes: number }[]>(`select avg(length(payload)) as bytes from sync_outbox`);
await db.close();
process.stdout.write(JSON.stringify({ head, ms: Date.now() - t0, bytes: Math.round(Number(size.bytes)) }) + '\n');

/**
 * The invariants every fault test ends with: locally, every committed business
 * row has its outbox row and no outbox row lacks its business row; centrally,
 * every record is present exactly once, at the appliance's latest version.
 */
import * as assert from 'uvu/assert';
import type { TestDatabase } from './pg.ts';

export interface Dump {
  integrity: string;
  calls: { id: string; lastSeq: number; events: { seq: number; type: string; at: number }[] }[];
  transitions: { agent: string; state: string; at: number }[];
  outbox: { seq: number; entity: string; entityId: string; version: number; payload: any }[];
}

const tkey = (t: { agent: string; state: string; at: number }) => `${t.agent}|${t.state}|${t.at}`;

/** The appliance's own consistency after any crash: SQLite intact, business rows ⇔ outbox rows. */
export function assertLocalConsistency(d: Dump, what: string) {
  assert.is(d.integrity, 'ok', `${what}: PRAGMA integrity_check`);
  const journeys = new Map<string, Dump['outbox']>();
  for (const o of d.outbox.filter((o) => o.entity === 'call_journey')) journeys.set(o.entityId, [...(journeys.get(o.entityId) ?? []), o]);
  for (const c of d.calls) {
    const rows = journeys.get(c.id) ?? [];
    assert.ok(rows.length > 0, `${what}: call ${c.id} has no outbox row`);
    const newest = rows.reduce((a, b) => (b.version > a.version ? b : a));
    assert.equal(newest.payload.events, c.events, `${what}: the newest outbox row of ${c.id} is its committed journey`);
  }
  const callIds = new Set(d.calls.map((c) => c.id));
  for (const id of journeys.keys()) assert.ok(callIds.has(id), `${what}: outbox row for ${id} without its call`);
  const local = d.transitions.map(tkey).sort();
  const queued = d.outbox.filter((o) => o.entity === 'agent_state').map((o) => tkey(o.payload)).sort();
  assert.equal(queued, local, `${what}: agent transitions ⇔ outbox rows`);
}

/** HQ holds exactly the appliance's data: each entity once, at the newest version the appliance wrote. */
export async function assertCentralMatches(db: TestDatabase, applianceId: string, d: Dump, what = applianceId) {
  const rows = await db.query<{ entity: string; entity_id: string; entity_version: string; payload: any }>(
    `select entity, entity_id, entity_version, payload from sync_record where appliance_id = ? order by entity, entity_id`,
    [applianceId],
  );
  const calls = rows.filter((r) => r.entity === 'call_journey');
  assert.equal(calls.map((r) => r.entity_id).sort(), d.calls.map((c) => c.id).sort(), `${what}: the same calls, each once`);
  const newest = new Map<string, number>();
  for (const o of d.outbox) if (o.entity === 'call_journey') newest.set(o.entityId, Math.max(newest.get(o.entityId) ?? 0, o.version));
  for (const c of d.calls) {
    const r = calls.find((x) => x.entity_id === c.id)!;
    assert.is(Number(r.entity_version), newest.get(c.id), `${what}: ${c.id} at the newest version`);
    assert.equal(r.payload.events, c.events, `${what}: ${c.id} has every event`);
  }
  const transitions = rows.filter((r) => r.entity === 'agent_state').map((r) => tkey(r.payload)).sort();
  assert.equal(transitions, d.transitions.map(tkey).sort(), `${what}: every agent transition once`);
  const [dupes] = await db.query<{ n: string }>(
    `select count(*) as n from (select entity, entity_id from sync_record where appliance_id = ? group by 1, 2 having count(*) > 1) x`,
    [applianceId],
  );
  assert.is(Number(dupes.n), 0, `${what}: no duplicates`);
}

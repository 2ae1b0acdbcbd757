import type { EntityManager } from '@mikro-orm/sqlite';
import type { AttemptRow, CallbackQueries, CallbackStore, EntryRow, Transact } from './ports.ts';

/** Raw SQL in the caller's transaction (or on a plain connection for reads). */
export type Run = <T = unknown>(sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<T>;
/** applyOnce of adapters/db/client-mutations.ts, handed in by main.ts. */
export type ApplyOnceFn = <T>(clientId: string | null | undefined, now: number, write: (run: Run) => Promise<T>) => Promise<{ result: T; replayed: boolean }>;

interface Row {
  id: string;
  number: string;
  number_key: string;
  status: string;
  kind: string;
  queue: string | null;
  missed_count: number;
  call_ids: string;
  first_missed_at: number | null;
  last_missed_at: number | null;
  scheduled_for: number | null;
  due_notified_at: number | null;
  assigned_agent: string | null;
  assigned_at: number | null;
  contact_id: string | null;
  note: string;
  closed_at: number | null;
  close_reason: string | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS: Record<keyof Omit<EntryRow, 'id'>, string> = {
  number: 'number',
  numberKey: 'number_key',
  status: 'status',
  kind: 'kind',
  queue: 'queue',
  missedCount: 'missed_count',
  callIds: 'call_ids',
  firstMissedAt: 'first_missed_at',
  lastMissedAt: 'last_missed_at',
  scheduledFor: 'scheduled_for',
  dueNotifiedAt: 'due_notified_at',
  assignedAgent: 'assigned_agent',
  assignedAt: 'assigned_at',
  contactId: 'contact_id',
  note: 'note',
  closedAt: 'closed_at',
  closeReason: 'close_reason',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const toEntry = (r: Row): EntryRow => ({
  id: r.id,
  number: r.number,
  numberKey: r.number_key,
  status: r.status as EntryRow['status'],
  kind: r.kind as EntryRow['kind'],
  queue: r.queue,
  missedCount: r.missed_count,
  callIds: JSON.parse(r.call_ids) as string[],
  firstMissedAt: r.first_missed_at,
  lastMissedAt: r.last_missed_at,
  scheduledFor: r.scheduled_for,
  dueNotifiedAt: r.due_notified_at,
  assignedAgent: r.assigned_agent,
  assignedAt: r.assigned_at,
  contactId: r.contact_id,
  note: r.note,
  closedAt: r.closed_at,
  closeReason: r.close_reason as EntryRow['closeReason'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const dbValue = (key: string, v: unknown) => (key === 'callIds' ? JSON.stringify(v) : v);

/** Due scheduled entries first (soonest due first), then the newest activity first. */
const ORDER = `case when status = 'open' and kind = 'scheduled' and scheduled_for <= ? then 0 else 1 end,
  case when status = 'open' and kind = 'scheduled' and scheduled_for <= ? then scheduled_for end,
  coalesce(last_missed_at, created_at) desc, id`;

export function callbackQueries(run: Run): CallbackQueries {
  const tableExists = async (name: string) => (await run<unknown[]>(`select 1 from sqlite_master where type = 'table' and name = ?`, [name])).length > 0;
  const q: CallbackQueries = {
    async get(id) {
      const rows = await run<Row[]>(`select * from callback_entry where id = ?`, [id]);
      return rows[0] ? toEntry(rows[0]) : null;
    },
    async openByKey(key) {
      const rows = await run<Row[]>(`select * from callback_entry where number_key = ? and status = 'open'`, [key]);
      return rows[0] ? toEntry(rows[0]) : null;
    },
    async insert(e) {
      const keys = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
      await run(
        `insert into callback_entry (id, ${keys.map((k) => COLUMNS[k]).join(', ')}) values (?, ${keys.map(() => '?').join(', ')})`,
        [e.id, ...keys.map((k) => dbValue(k, e[k]))],
        'run',
      );
    },
    async update(id, patch) {
      const keys = (Object.keys(patch) as (keyof typeof COLUMNS)[]).filter((k) => k in COLUMNS);
      if (keys.length === 0) return;
      await run(`update callback_entry set ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} where id = ?`, [...keys.map((k) => dbValue(k, patch[k])), id], 'run');
    },
    async assignIfFree(id, agent, now) {
      const rows = await run<unknown[]>(
        `update callback_entry set assigned_agent = ?, assigned_at = ?, updated_at = ? where id = ? and status = 'open' and assigned_agent is null returning id`,
        [agent, now, now, id],
      );
      return rows.length > 0;
    },
    async addAttempt(a) {
      const rows = await run<unknown[]>(
        `insert into callback_attempt (entry_id, at, agent, call_id, outcome, note) values (?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
        [a.entryId, a.at, a.agent, a.callId, a.outcome, a.note],
      );
      return rows.length > 0;
    },
    async settleAttempt(callId, outcome) {
      const rows = await run<{ entry_id: string }[]>(
        `update callback_attempt set outcome = ? where call_id = ? and outcome = 'pending' returning entry_id`,
        [outcome, callId],
      );
      return rows[0]?.entry_id ?? null;
    },
    async attempts(ids) {
      if (ids.length === 0) return [];
      const rows = await run<{ entry_id: string; at: number; agent: string | null; call_id: string | null; outcome: string; note: string }[]>(
        `select * from callback_attempt where entry_id in (${ids.map(() => '?').join(', ')}) order by at, id`,
        ids,
      );
      return rows.map((r): AttemptRow => ({ entryId: r.entry_id, at: r.at, agent: r.agent, callId: r.call_id, outcome: r.outcome as AttemptRow['outcome'], note: r.note }));
    },
    async list(f) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (f.status !== 'all') (where.push('status = ?'), params.push(f.status));
      if (f.assigned === 'me') (where.push('assigned_agent = ?'), params.push(f.agent));
      if (f.assigned === 'unassigned') where.push('assigned_agent is null');
      if (f.numberKey) (where.push('instr(number_key, ?) > 0'), params.push(f.numberKey));
      const clause = where.length ? `where ${where.join(' and ')}` : '';
      const [{ n }] = await run<{ n: number }[]>(`select count(*) as n from callback_entry ${clause}`, params);
      const rows = await run<Row[]>(`select * from callback_entry ${clause} order by ${ORDER} limit ? offset ?`, [...params, f.now, f.now, f.limit, f.offset]);
      return { items: rows.map(toEntry), total: n };
    },
    async unassigned(now, limit) {
      const rows = await run<Row[]>(
        `select * from callback_entry where status = 'open' and assigned_agent is null and (kind <> 'scheduled' or scheduled_for <= ?)
         order by coalesce(first_missed_at, scheduled_for, created_at), id limit ?`,
        [now, limit],
      );
      return rows.map(toEntry);
    },
    async openLoad() {
      const rows = await run<{ agent: string; n: number }[]>(`select assigned_agent as agent, count(*) as n from callback_entry where status = 'open' and assigned_agent is not null group by assigned_agent`);
      return new Map(rows.map((r) => [r.agent, r.n]));
    },
    async nextDue() {
      const rows = await run<{ at: number | null }[]>(`select min(scheduled_for) as at from callback_entry where status = 'open' and kind = 'scheduled' and due_notified_at is null`);
      return rows[0]?.at ?? null;
    },
    async dueUnnotified(now) {
      const rows = await run<Row[]>(`select * from callback_entry where status = 'open' and kind = 'scheduled' and due_notified_at is null and scheduled_for <= ? order by scheduled_for`, [now]);
      return rows.map(toEntry);
    },
    async callIdsSince(since) {
      const rows = await run<{ value: string }[]>(`select j.value as value from callback_entry e, json_each(e.call_ids) j where e.updated_at >= ?`, [since]);
      return new Set(rows.map((r) => r.value));
    },
    async contactOf(key) {
      // The contacts feature owns these tables; until its migration ran there are none.
      if (!(await tableExists('contact_phone'))) return null;
      const rows = await run<{ contact_id: string }[]>(`select contact_id from contact_phone where phone_key = ? order by contact_id limit 1`, [key]);
      return rows[0]?.contact_id ?? null;
    },
  };
  return q;
}

export function createCallbackStore(em: () => EntityManager, applyOnce: ApplyOnceFn): CallbackStore {
  const plain: Run = ((sql: string, params: unknown[] = [], mode: 'all' | 'get' | 'run' = 'all') => em().getConnection().execute(sql, params, mode)) as Run;
  const transact: Transact = (clientId, now, write) => applyOnce(clientId, now, (run) => write(callbackQueries(run)));
  return { read: callbackQueries(plain), transact };
}

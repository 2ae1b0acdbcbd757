import type { EntityManager } from '@mikro-orm/sqlite';
import { fold, likeContains } from '../../lib/search-text.ts';
import type { AdminItems, AdminKind, AdminQueries, AdminStore, StoredApprovalRequest } from './ports.ts';

type Row = Record<string, any>;
type Exec = <T = Row[]>(sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<T>;

const iso = (t: number) => new Date(Number(t)).toISOString();
const ms = (s: string) => Date.parse(s);
const bit = (b: boolean) => (b ? 1 : 0);
const names = (n: { az: string; en?: string; ru?: string }) => [n.az, n.en ?? '', n.ru ?? ''].join(' ');

interface Table<T> {
  table: string;
  columns: string[];
  row(item: T): unknown[];
  item(row: Row): T;
  order: string;
  /** Columns a list may filter on by equality (query name → column). */
  filters?: Record<string, string>;
}

const TABLES: { [K in AdminKind]: Table<AdminItems[K]> } = {
  pause_reason: {
    table: 'pause_reason',
    columns: ['id', 'name', 'search', 'billable', 'active', 'sort', 'updated_at'],
    row: (i) => [i.id, JSON.stringify(i.name), fold(`${i.code} ${names(i.name)}`), bit(i.billable), bit(i.active), i.sort, ms(i.updatedAt)],
    item: (r) => ({ id: r.id, code: r.id, name: JSON.parse(r.name), billable: !!r.billable, active: !!r.active, sort: Number(r.sort), updatedAt: iso(r.updated_at) }),
    order: 'sort, id',
    filters: { active: 'active', billable: 'billable' },
  },
  template: {
    table: 'message_template',
    columns: ['id', 'name', 'name_key', 'channel', 'language', 'subject', 'body', 'search', 'active', 'approval', 'updated_at'],
    row: (i) => [i.id, i.name, fold(i.name), i.channel, i.language, i.subject, i.body, fold(`${i.name} ${i.subject} ${i.body}`), bit(i.active), i.approval ?? 'approved', ms(i.updatedAt)],
    item: (r) => ({ id: r.id, name: r.name, channel: r.channel, language: r.language, subject: r.subject, body: r.body, active: !!r.active, approval: r.approval ?? 'approved', updatedAt: iso(r.updated_at) }),
    order: 'channel, name_key, language',
    filters: { channel: 'channel', language: 'language', active: 'active', approval: 'approval' },
  },
  criterion: {
    table: 'evaluation_criterion',
    columns: ['id', 'name', 'name_key', 'description', 'weight', 'max_score', 'search', 'active', 'updated_at'],
    row: (i) => [i.id, i.name, fold(i.name), i.description, i.weight, i.maxScore, fold(`${i.name} ${i.description}`), bit(i.active), ms(i.updatedAt)],
    item: (r) => ({ id: r.id, name: r.name, description: r.description, weight: Number(r.weight), maxScore: Number(r.max_score), active: !!r.active, updatedAt: iso(r.updated_at) }),
    order: 'name_key',
    filters: { active: 'active' },
  },
  evaluation_form: {
    table: 'evaluation_form',
    columns: ['id', 'name', 'name_key', 'description', 'criteria', 'search', 'active', 'approval', 'updated_at'],
    row: (i) => [i.id, i.name, fold(i.name), i.description, JSON.stringify(i.criteria), fold(`${i.name} ${i.description}`), bit(i.active), i.approval ?? 'approved', ms(i.updatedAt)],
    item: (r) => ({ id: r.id, name: r.name, description: r.description, criteria: JSON.parse(r.criteria), active: !!r.active, approval: r.approval ?? 'approved', updatedAt: iso(r.updated_at) }),
    order: 'name_key',
    filters: { active: 'active', approval: 'approval' },
  },
  ticket_status: {
    table: 'ticket_status',
    columns: ['id', 'name', 'kind', 'initial', 'allow_reopen', 'active', 'sort', 'search', 'updated_at'],
    row: (i) => [i.id, JSON.stringify(i.name), i.kind, bit(i.initial), bit(i.allowReopen), bit(i.active), i.sort, fold(`${i.code} ${names(i.name)}`), ms(i.updatedAt)],
    item: (r) => ({ id: r.id, code: r.id, name: JSON.parse(r.name), kind: r.kind, initial: !!r.initial, allowReopen: !!r.allow_reopen, active: !!r.active, sort: Number(r.sort), updatedAt: iso(r.updated_at) }),
    order: 'sort, id',
    filters: { kind: 'kind', active: 'active' },
  },
  ticket_transition: {
    table: 'ticket_transition',
    columns: ['id', 'from_code', 'to_code', 'updated_at'],
    row: (i) => [i.id, i.from, i.to, ms(i.updatedAt)],
    item: (r) => ({ id: r.id, from: r.from_code, to: r.to_code, updatedAt: iso(r.updated_at) }),
    order: 'from_code, to_code',
    filters: { from: 'from_code', to: 'to_code' },
  },
  sound: {
    table: 'ivr_sound',
    columns: ['id', 'title', 'search', 'duration_ms', 'size_bytes', 'source_type', 'updated_at'],
    row: (i) => [i.id, i.title, fold(`${i.name} ${i.title}`), i.durationMs, i.sizeBytes, i.sourceType, ms(i.updatedAt)],
    item: (r) => ({ id: r.id, name: r.id, title: r.title, durationMs: Number(r.duration_ms), sizeBytes: Number(r.size_bytes), sourceType: r.source_type, updatedAt: iso(r.updated_at) }),
    order: 'id',
  },
  operator_mode: {
    table: 'operator_mode',
    columns: ['agent', 'mode', 'updated_at'],
    row: (i) => [i.id, i.mode, ms(i.updatedAt)],
    item: (r) => ({ id: r.agent, mode: r.mode, updatedAt: iso(r.updated_at) }),
    order: 'length(agent), agent',
  },
};

/** The primary key column of a kind (operator modes are keyed by agent number). */
const keyColumn = (t: Table<unknown>) => t.columns[0];
const searchColumn = (t: Table<unknown>) => (t.columns.includes('search') ? 'search' : keyColumn(t));

function queries(exec: Exec): AdminQueries {
  const count = async (sql: string, params: unknown[]) => Number((await exec<Row[]>(sql, params))[0]?.n ?? 0);
  const tableExists = async (name: string) => (await exec<Row[]>(`select 1 from sqlite_master where type = 'table' and name = ?`, [name])).length > 0;
  return {
    async page(kind, words, offset, limit, filter = {}) {
      const t = TABLES[kind] as Table<unknown>;
      const sql: string[] = [];
      const params: unknown[] = [];
      for (const w of words) {
        sql.push(`${searchColumn(t)} like ? escape '!'`);
        params.push(likeContains(w));
      }
      for (const [key, value] of Object.entries(filter)) {
        const column = t.filters?.[key];
        if (!column) continue;
        sql.push(`${column} = ?`);
        params.push(typeof value === 'boolean' ? bit(value) : value);
      }
      const where = sql.length ? `where ${sql.join(' and ')}` : '';
      const total = await count(`select count(*) as n from ${t.table} ${where}`, params);
      const rows = await exec<Row[]>(`select * from ${t.table} ${where} order by ${t.order} limit ? offset ?`, [...params, limit, offset]);
      return { items: rows.map((r) => t.item(r)) as never[], total };
    },
    async all(kind) {
      const t = TABLES[kind] as Table<unknown>;
      return (await exec<Row[]>(`select * from ${t.table} order by ${t.order}`)).map((r) => t.item(r)) as never[];
    },
    async get(kind, id) {
      const t = TABLES[kind] as Table<unknown>;
      const row = (await exec<Row[]>(`select * from ${t.table} where ${keyColumn(t)} = ?`, [id]))[0];
      return (row ? t.item(row) : null) as never;
    },
    async insert(kind, item) {
      const t = TABLES[kind] as Table<typeof item>;
      await exec(`insert into ${t.table} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`, t.row(item), 'run');
    },
    async update(kind, item) {
      const t = TABLES[kind] as Table<typeof item>;
      const values = t.row(item);
      await exec(`update ${t.table} set ${t.columns.slice(1).map((c) => `${c} = ?`).join(', ')} where ${keyColumn(t)} = ?`, [...values.slice(1), values[0]], 'run');
    },
    async remove(kind, id) {
      const t = TABLES[kind] as Table<unknown>;
      await exec(`delete from ${t.table} where ${keyColumn(t)} = ?`, [id], 'run');
    },
    async pauseReasonUse(code) {
      return {
        history: await count(`select count(*) as n from agent_state_log where state = 'paused' and reason = ?`, [code]),
        now: await count(`select count(*) as n from agent_state where state = 'paused' and reason = ?`, [code]),
      };
    },
    async ticketsInStatus(code) {
      return (await tableExists('ticket')) ? count(`select count(*) as n from ticket where status = ?`, [code]) : 0;
    },
    async policies() {
      const rows = await exec<Row[]>(`select * from approval_policy order by kind`);
      return rows.map((r) => ({
        kind: r.kind,
        required: !!r.required,
        approverProfiles: JSON.parse(r.approver_profiles) as string[],
        approvalsNeeded: Number(r.approvals_needed),
        allowSelfApproval: !!r.allow_self,
        updatedAt: r.updated_at === null ? null : Number(r.updated_at),
      }));
    },
    async putPolicy(p) {
      await exec(
        `insert into approval_policy (kind, required, approver_profiles, approvals_needed, allow_self, updated_at) values (?, ?, ?, ?, ?, ?)
         on conflict(kind) do update set required = excluded.required, approver_profiles = excluded.approver_profiles, approvals_needed = excluded.approvals_needed, allow_self = excluded.allow_self, updated_at = excluded.updated_at`,
        [p.kind, bit(p.required), JSON.stringify(p.approverProfiles), p.approvalsNeeded, bit(p.allowSelfApproval), p.updatedAt],
        'run',
      );
    },
    async approvalRequests(filter, offset, limit) {
      const sql: string[] = [];
      const params: unknown[] = [];
      if (filter.status) (sql.push('status = ?'), params.push(filter.status));
      if (filter.kind) (sql.push('kind = ?'), params.push(filter.kind));
      if (filter.targetId) (sql.push('target_id = ?'), params.push(filter.targetId));
      const where = sql.length ? `where ${sql.join(' and ')}` : '';
      const total = await count(`select count(*) as n from approval_request ${where}`, params);
      const rows = await exec<Row[]>(`select * from approval_request ${where} order by submitted_at desc, id limit ? offset ?`, [...params, limit, offset]);
      return { items: rows.map(approvalRow), total };
    },
    async approvalRequest(id) {
      const r = (await exec<Row[]>(`select * from approval_request where id = ?`, [id]))[0];
      return r ? approvalRow(r) : null;
    },
    async putApprovalRequest(a) {
      await exec(
        `insert into approval_request (id, kind, target_id, target_name, status, note, submitted_by, submitted_by_name, submitted_at, decisions, reason, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict(id) do update set status = excluded.status, decisions = excluded.decisions, reason = excluded.reason, decided_at = excluded.decided_at, target_name = excluded.target_name`,
        [a.id, a.kind, a.targetId, a.targetName, a.status, a.note, a.submittedBy, a.submittedByName, a.submittedAt, JSON.stringify(a.decisions), a.reason, a.decidedAt],
        'run',
      );
    },
    async setApproval(kind, id, approval, active) {
      const t = TABLES[kind] as Table<unknown>;
      if (active === undefined) await exec(`update ${t.table} set approval = ? where id = ?`, [approval, id], 'run');
      else await exec(`update ${t.table} set approval = ?, active = ? where id = ?`, [approval, bit(active), id], 'run');
    },
    async agentDirectory() {
      const rows = await exec<Row[]>(`select agent_number, display_name, username, groups from app_user where agent_number is not null order by length(agent_number), agent_number`);
      return rows.map((r) => ({ agent: String(r.agent_number), name: String(r.display_name), username: String(r.username), groups: JSON.parse(r.groups ?? '[]') as string[] }));
    },
  };
}

const approvalRow = (r: Row): StoredApprovalRequest => ({
  id: r.id,
  kind: r.kind,
  targetId: r.target_id,
  targetName: r.target_name,
  status: r.status,
  note: r.note,
  submittedBy: r.submitted_by ?? null,
  submittedByName: r.submitted_by_name,
  submittedAt: Number(r.submitted_at),
  decisions: JSON.parse(r.decisions),
  reason: r.reason ?? null,
  decidedAt: r.decided_at === null || r.decided_at === undefined ? null : Number(r.decided_at),
});

const execOf =
  (em: () => EntityManager): Exec =>
  (sql, params = [], mode = 'all') =>
    em().execute(sql, params, mode) as never;

export function createAdminStore(em: () => EntityManager): AdminStore {
  return {
    ...queries(execOf(em)),
    transaction: (fn) => em().transactional((tx) => fn(queries(execOf(() => tx)))),
  };
}

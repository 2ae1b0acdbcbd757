import type { EntityManager } from '@mikro-orm/sqlite';
import type { OutboxRowInput } from '@edgecall/contracts';
import { likeContains } from '../../lib/search-text.ts';
import type { Assignee, ListedTicket, StoredAttachment, StoredEvent, StoredTicket, TicketFilterSql, TicketStore, TicketTx } from './ports.ts';
import { ticketPayload } from './views.ts';

type Row = Record<string, any>;
type Exec = <T = Row[]>(sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<T>;
/** adapters/db/client-mutations.ts's applyOnce, handed in by main.ts (stores do not import adapters). */
export type ApplyOnce = <T>(
  em: () => EntityManager,
  clientId: string | undefined | null,
  now: number,
  write: (run: Exec, tx: EntityManager) => Promise<T>,
) => Promise<{ result: T; replayed: boolean }>;
type Outbox = (tx: EntityManager, rows: OutboxRowInput[]) => Promise<unknown>;

/** Column ↔ field, in insert order. */
const COLUMNS: [string, keyof StoredTicket][] = [
  ['id', 'id'],
  ['client_id', 'clientId'],
  ['seq', 'seq'],
  ['ref', 'ref'],
  ['channel', 'channel'],
  ['call_id', 'callId'],
  ['number', 'number'],
  ['number_key', 'numberKey'],
  ['contact_id', 'contactId'],
  ['customer_name', 'customerName'],
  ['customer_email', 'customerEmail'],
  ['request_type_id', 'requestTypeId'],
  ['classification_id', 'classificationId'],
  ['sub_classification_id', 'subClassificationId'],
  ['city_id', 'cityId'],
  ['district_id', 'districtId'],
  ['subject', 'subject'],
  ['description', 'description'],
  ['fields', 'fields'],
  ['status', 'status'],
  ['status_kind', 'statusKind'],
  ['status_since', 'statusSince'],
  ['group_id', 'group'],
  ['assignee_id', 'assigneeId'],
  ['created_by', 'createdBy'],
  ['created_by_name', 'createdByName'],
  ['agent', 'agent'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['closed_at', 'closedAt'],
  ['responded_at', 'respondedAt'],
  ['escalated_at', 'escalatedAt'],
  ['response_hours', 'responseHours'],
  ['resolution_hours', 'resolutionHours'],
  ['sla_acc_ms', 'slaAccMs'],
  ['response_ms', 'responseMs'],
  ['response_due_at', 'responseDueAt'],
  ['response_warn_at', 'responseWarnAt'],
  ['resolution_due_at', 'resolutionDueAt'],
  ['resolution_warn_at', 'resolutionWarnAt'],
  ['response_breached_at', 'responseBreachedAt'],
  ['resolution_breached_at', 'resolutionBreachedAt'],
  ['search', 'search'],
  ['version', 'version'],
];
const NUMERIC = new Set<keyof StoredTicket>(['seq', 'statusSince', 'createdAt', 'updatedAt', 'closedAt', 'respondedAt', 'escalatedAt', 'slaAccMs', 'responseMs', 'responseDueAt', 'responseWarnAt', 'resolutionDueAt', 'resolutionWarnAt', 'responseBreachedAt', 'resolutionBreachedAt', 'version', 'responseHours', 'resolutionHours']);

const values = (t: StoredTicket) => COLUMNS.map(([, k]) => (k === 'fields' ? JSON.stringify(t.fields) : t[k]));

function fromRow(r: Row): StoredTicket {
  const t: Record<string, unknown> = {};
  for (const [c, k] of COLUMNS) {
    const v = r[c];
    t[k] = k === 'fields' ? JSON.parse(v ?? '{}') : v === null || v === undefined ? null : NUMERIC.has(k) ? Number(v) : v;
  }
  return t as unknown as StoredTicket;
}
const listed = (r: Row): ListedTicket => ({ ...fromRow(r), assigneeName: r.assignee_name ?? null, contactName: r.contact_name ?? null });

const eventOf = (r: Row): StoredEvent => ({
  id: r.id,
  ticketId: r.ticket_id,
  seq: Number(r.seq),
  at: Number(r.at),
  userId: r.user_id ?? null,
  userName: r.user_name,
  kind: r.kind,
  data: JSON.parse(r.data),
  clientId: r.client_id ?? null,
});
const attachmentOf = (r: Row): StoredAttachment => ({
  id: r.id,
  ticketId: r.ticket_id,
  name: r.name,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  userId: r.user_id ?? null,
  userName: r.user_name,
  createdAt: Number(r.created_at),
  removedAt: r.removed_at === null ? null : Number(r.removed_at),
});

const NAMES = `(select display_name from app_user u where u.id = t.assignee_id) as assignee_name, (select name from contact c where c.id = t.contact_id) as contact_name`;
const NOT_CLOSED = `t.status_kind <> 'closed'`;

function whereOf(f: TicketFilterSql): { sql: string; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...p: unknown[]) => {
    sql.push(clause);
    params.push(...p);
  };
  switch (f.view) {
    case 'mine':
      add('t.assignee_id = ?', f.userId);
      break;
    case 'my_group':
      if (f.userGroups.length) add(`t.group_id in (${f.userGroups.map(() => '?').join(', ')})`, ...f.userGroups);
      else add('1 = 0');
      break;
    case 'unassigned':
      add(`t.assignee_id is null and ${NOT_CLOSED}`);
      break;
    case 'overdue':
      // Running clocks past their deadline, and breached ones paused since (waiting on the customer).
      add(
        `${NOT_CLOSED} and ((t.resolution_due_at is not null and t.resolution_due_at <= ?) or (t.response_due_at is not null and t.response_due_at <= ?)
          or t.resolution_breached_at is not null or (t.response_breached_at is not null and t.responded_at is null))`,
        f.now,
        f.now,
      );
      break;
    case 'due_soon':
      add(`t.status_kind = 'open' and ((t.resolution_warn_at <= ? and t.resolution_due_at > ?) or (t.response_warn_at <= ? and t.response_due_at > ?))`, f.now, f.now, f.now, f.now);
      break;
    case 'open':
      add(NOT_CLOSED);
      break;
    case 'closed':
      add(`t.status_kind = 'closed'`);
      break;
  }
  if (f.status) add('t.status = ?', f.status);
  if (f.requestTypeId) add('t.request_type_id = ?', f.requestTypeId);
  if (f.classificationId) add('(t.classification_id = ? or t.sub_classification_id = ?)', f.classificationId, f.classificationId);
  if (f.cityId) add('t.city_id = ?', f.cityId);
  if (f.districtId) add('t.district_id = ?', f.districtId);
  if (f.group) add('t.group_id = ?', f.group);
  if (f.assigneeId) add('t.assignee_id = ?', f.assigneeId);
  if (f.contactId) add('t.contact_id = ?', f.contactId);
  if (f.numberKey) add('t.number_key = ?', f.numberKey);
  if (f.callId) add('t.call_id = ?', f.callId);
  if (f.from !== undefined) add('t.created_at >= ?', f.from);
  if (f.to !== undefined) add('t.created_at < ?', f.to);
  for (const w of f.words) add(`t.search like ? escape '!'`, likeContains(w));
  return { sql: sql.length ? `where ${sql.join(' and ')}` : '', params };
}

const ORDER: Record<TicketFilterSql['sort'], string> = {
  created_desc: 't.created_at desc, t.seq desc',
  created_asc: 't.created_at, t.seq',
  due_asc: 'coalesce(t.resolution_due_at, t.response_due_at) is null, coalesce(t.resolution_due_at, t.response_due_at), t.seq',
  updated_desc: 't.updated_at desc, t.seq desc',
};

function txOf(run: Exec, tx: EntityManager, outbox: Outbox): TicketTx {
  return {
    async get(id) {
      const rows = await run<Row[]>(`select * from ticket where id = ?`, [id]);
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async nextSeq() {
      return Number((await run<Row[]>(`select coalesce(max(seq), 0) + 1 as n from ticket`))[0].n);
    },
    async insert(t) {
      await run(`insert into ticket (${COLUMNS.map(([c]) => c).join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`, values(t), 'run');
    },
    async update(t, expect) {
      const v = values(t);
      const res = await run<{ changes?: number; affectedRows?: number }>(
        `update ticket set ${COLUMNS.slice(1).map(([c]) => `${c} = ?`).join(', ')} where id = ? and version = ?`,
        [...v.slice(1), t.id, expect],
        'run',
      );
      return Number(res?.changes ?? res?.affectedRows ?? 0) > 0;
    },
    async append(events) {
      if (!events.length) return [];
      const ticketId = events[0].ticketId;
      let seq = Number((await run<Row[]>(`select coalesce(max(seq), 0) as n from ticket_event where ticket_id = ?`, [ticketId]))[0].n);
      const out: StoredEvent[] = [];
      for (const e of events) {
        const stored: StoredEvent = { ...e, seq: ++seq };
        await run(
          `insert into ticket_event (id, ticket_id, seq, at, user_id, user_name, kind, data, client_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [stored.id, stored.ticketId, stored.seq, stored.at, stored.userId, stored.userName, stored.kind, JSON.stringify(stored.data), stored.clientId],
          'run',
        );
        out.push(stored);
      }
      await outbox(
        tx,
        out.map((e) => ({ entity: 'ticket_event', entityId: e.id, op: 'append', entityVersion: 1, payload: { id: e.id, ticketId: e.ticketId, seq: e.seq, at: e.at, userId: e.userId, userName: e.userName, kind: e.kind, data: e.data } })),
      );
      return out;
    },
    async commentTexts(ticketId) {
      const rows = await run<Row[]>(`select data from ticket_event where ticket_id = ? and kind = 'comment' order by seq`, [ticketId]);
      return rows.map((r) => String(JSON.parse(r.data).body ?? ''));
    },
    async insertAttachment(a) {
      await run(
        `insert into ticket_attachment (id, ticket_id, name, content_type, size, sha256, user_id, user_name, created_at, removed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [a.id, a.ticketId, a.name, a.contentType, a.size, a.sha256, a.userId, a.userName, a.createdAt, a.removedAt],
        'run',
      );
    },
    async removeAttachment(id, at) {
      await run(`update ticket_attachment set removed_at = ? where id = ?`, [at, id], 'run');
    },
    async outbox(t) {
      // The request's whole row; the outbox counts its versions (decision 0004).
      await outbox(tx, [{ entity: 'ticket', entityId: t.id, op: 'upsert', payload: ticketPayload(t) }]);
    },
  };
}

export function createTicketStore(em: () => EntityManager, deps: { applyOnce: ApplyOnce; outbox: Outbox }): TicketStore {
  const exec: Exec = (sql, params = [], mode = 'all') => em().getConnection().execute(sql, params, mode) as never;
  const one = async (sql: string, params: unknown[]) => (await exec<Row[]>(sql, params))[0];
  return {
    async get(id) {
      const r = await one(`select * from ticket where id = ?`, [id]);
      return r ? fromRow(r) : null;
    },
    async byClientId(clientId) {
      const r = await one(`select * from ticket where client_id = ?`, [clientId]);
      return r ? fromRow(r) : null;
    },
    async eventByClientId(clientId) {
      const r = await one(`select * from ticket_event where client_id = ?`, [clientId]);
      return r ? eventOf(r) : null;
    },
    async page(f, offset, limit) {
      const w = whereOf(f);
      const total = Number((await one(`select count(*) as n from ticket t ${w.sql}`, w.params)).n);
      const rows = await exec<Row[]>(`select t.*, ${NAMES} from ticket t ${w.sql} order by ${ORDER[f.sort]} limit ? offset ?`, [...w.params, limit, offset]);
      return { items: rows.map(listed), total };
    },
    async events(ticketId) {
      return (await exec<Row[]>(`select * from ticket_event where ticket_id = ? order by seq`, [ticketId])).map(eventOf);
    },
    async attachments(ticketId) {
      return (await exec<Row[]>(`select * from ticket_attachment where ticket_id = ? order by created_at, id`, [ticketId])).map(attachmentOf);
    },
    async attachment(id) {
      const r = await one(`select * from ticket_attachment where id = ?`, [id]);
      return r ? attachmentOf(r) : null;
    },
    async related(t, limit) {
      const or: string[] = [];
      const params: unknown[] = [];
      if (t.contactId) (or.push('t.contact_id = ?'), params.push(t.contactId));
      if (t.numberKey) (or.push('t.number_key = ?'), params.push(t.numberKey));
      if (!or.length) return [];
      const rows = await exec<Row[]>(`select t.*, ${NAMES} from ticket t where t.id <> ? and (${or.join(' or ')}) order by t.created_at desc, t.seq desc limit ?`, [t.id, ...params, limit]);
      return rows.map(listed);
    },
    async openFor(numberKey, contactIds, limit) {
      const or = ['number_key = ?'];
      const params: unknown[] = [numberKey];
      if (contactIds.length) (or.push(`contact_id in (${contactIds.map(() => '?').join(', ')})`), params.push(...contactIds));
      const rows = await exec<Row[]>(`select * from ticket where status_kind <> 'closed' and (${or.join(' or ')}) order by created_at desc, seq desc limit ?`, [...params, limit]);
      return rows.map(fromRow);
    },
    async watched() {
      const rows = await exec<Row[]>(`select * from ticket where status_kind <> 'closed' and (response_hours is not null or resolution_hours is not null or escalated_at is not null)`);
      return rows.map(fromRow);
    },
    async setDeadlines(id, d) {
      await exec(`update ticket set response_due_at = ?, response_warn_at = ?, resolution_due_at = ?, resolution_warn_at = ? where id = ?`, [d.responseDueAt, d.responseWarnAt, d.resolutionDueAt, d.resolutionWarnAt, id], 'run');
    },
    async userName(id) {
      return (await one(`select display_name from app_user where id = ?`, [id]))?.display_name ?? null;
    },
    async assignees(): Promise<Assignee[]> {
      const rows = await exec<Row[]>(
        `select u.id, u.display_name, u.username, u.groups, p.kind, p.permissions from app_user u join profile p on p.id = u.profile_id where u.disabled = 0 order by u.display_name`,
      );
      return rows
        .filter((r) => (JSON.parse(r.permissions ?? '[]') as string[]).includes('tickets:write'))
        .map((r) => ({ id: r.id, name: r.display_name, username: r.username, groups: JSON.parse(r.groups ?? '[]'), kind: r.kind }));
    },
    async filters(userId) {
      const rows = await exec<Row[]>(`select id, name, query, created_at from ticket_filter where user_id = ? order by name`, [userId]);
      return rows.map((r) => ({ id: r.id, name: r.name, query: r.query, createdAt: Number(r.created_at) }));
    },
    async saveFilter(f) {
      await exec(
        `insert into ticket_filter (id, user_id, name, query, created_at) values (?, ?, ?, ?, ?) on conflict (id) do update set name = excluded.name, query = excluded.query`,
        [f.id, f.userId, f.name, f.query, f.createdAt],
        'run',
      );
    },
    async removeFilter(userId, id) {
      const res = await exec<{ changes?: number; affectedRows?: number }>(`delete from ticket_filter where id = ? and user_id = ?`, [id, userId], 'run');
      return Number(res?.changes ?? res?.affectedRows ?? 0) > 0;
    },
    write(clientId, now, fn) {
      return deps.applyOnce(em, clientId, now, (run, tx) => fn(txOf(run, tx, deps.outbox)));
    },
  };
}

import type { EntityManager } from '@mikro-orm/sqlite';
import { TicketPolicy, type FieldDefinition } from '@edgecall/contracts';
import { fold, likeContains } from '../../lib/search-text.ts';
import type { BranchFaq, RefFilter, RefItems, RefKind, ReferenceQueries, ReferenceStore } from './service.ts';

type Row = Record<string, any>;
type Exec = <T = Row[]>(sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<T>;

const iso = (t: number) => new Date(Number(t)).toISOString();
const ms = (s: string) => Date.parse(s);
const bit = (b: boolean) => (b ? 1 : 0);

interface Table<T> {
  table: string;
  columns: string[];
  row(item: T): unknown[];
  item(row: Row): T;
  /** Folded column the search words run against. */
  search: string;
  /** The item's parent: names are unique (folded) within it. */
  scope(item: T): { sql: string; params: unknown[] };
  key(item: T): string;
}

const parentScope = (column: string, value: string | null) => (value === null ? { sql: `${column} is null`, params: [] } : { sql: `${column} = ?`, params: [value] });

const TABLES: { [K in RefKind]: Table<RefItems[K]> } = {
  request_type: {
    table: 'request_type',
    columns: ['id', 'name', 'name_key', 'fields', 'active', 'updated_at', 'ticket'],
    row: (i) => [i.id, i.name, fold(i.name), JSON.stringify(i.fields), bit(i.active), ms(i.updatedAt), JSON.stringify(i.ticket)],
    // Rows from before issue 7 hold '{}': the policy's defaults fill them.
    item: (r) => ({
      id: r.id,
      name: r.name,
      fields: JSON.parse(r.fields) as FieldDefinition[],
      active: !!r.active,
      updatedAt: iso(r.updated_at),
      ticket: TicketPolicy.catch(TicketPolicy.parse({})).parse(JSON.parse(r.ticket ?? '{}')),
    }),
    search: 'name_key',
    scope: () => ({ sql: '1 = 1', params: [] }),
    key: (i) => fold(i.name),
  },
  classification: {
    table: 'classification',
    columns: ['id', 'request_type_id', 'parent_id', 'name', 'name_key', 'active', 'updated_at'],
    row: (i) => [i.id, i.requestTypeId, i.parentId, i.name, fold(i.name), bit(i.active), ms(i.updatedAt)],
    item: (r) => ({ id: r.id, requestTypeId: r.request_type_id, parentId: r.parent_id ?? null, name: r.name, active: !!r.active, updatedAt: iso(r.updated_at) }),
    search: 'name_key',
    scope: (i) => {
      const p = parentScope('parent_id', i.parentId);
      return { sql: `request_type_id = ? and ${p.sql}`, params: [i.requestTypeId, ...p.params] };
    },
    key: (i) => fold(i.name),
  },
  location: {
    table: 'location',
    columns: ['id', 'name', 'name_key', 'city_id', 'active', 'updated_at'],
    row: (i) => [i.id, i.name, fold(i.name), i.cityId, bit(i.active), ms(i.updatedAt)],
    item: (r) => ({ id: r.id, name: r.name, cityId: r.city_id ?? null, active: !!r.active, updatedAt: iso(r.updated_at) }),
    search: 'name_key',
    scope: (i) => parentScope('city_id', i.cityId),
    key: (i) => fold(i.name),
  },
  faq: {
    table: 'faq',
    columns: ['id', 'title', 'title_key', 'body', 'tags', 'request_type_id', 'search', 'active', 'updated_at'],
    row: (i) => [i.id, i.title, fold(i.title), i.body, JSON.stringify(i.tags), i.requestTypeId, fold([i.title, i.body, ...i.tags].join(' ')), bit(i.active), ms(i.updatedAt)],
    item: (r): BranchFaq => ({ id: r.id, title: r.title, body: r.body, tags: JSON.parse(r.tags), requestTypeId: r.request_type_id ?? null, active: !!r.active, updatedAt: iso(r.updated_at) }),
    search: 'search',
    scope: (i) => parentScope('request_type_id', i.requestTypeId),
    key: (i) => fold(i.title),
  },
};

const KEY_COLUMN: Record<RefKind, string> = { request_type: 'name_key', classification: 'name_key', location: 'name_key', faq: 'title_key' };
/** Parents before their children, so an export imports back into an empty appliance. */
const ORDER: Record<RefKind, string> = { request_type: 'name_key', classification: 'parent_id is not null, name_key', location: 'city_id is not null, name_key', faq: 'title_key' };

/** Reads and writes on one executor: the plain connection, or a transaction's. */
function queries(exec: Exec): ReferenceQueries {
  const count = async (sql: string, params: unknown[]) => Number((await exec<Row[]>(sql, params))[0]?.n ?? 0);
  const tableExists = async (name: string) => (await exec<Row[]>(`select 1 from sqlite_master where type = 'table' and name = ?`, [name])).length > 0;
  /** Tables other features add (call records, contacts): counted only once they exist. */
  const countIn = async (table: string, where: string, params: unknown[]) => ((await tableExists(table)) ? count(`select count(*) as n from ${table} where ${where}`, params) : 0);
  const whereOf = (kind: RefKind, f: RefFilter) => {
    const t = TABLES[kind];
    const sql: string[] = [];
    const params: unknown[] = [];
    for (const w of f.words) {
      sql.push(`${t.search} like ? escape '!'`);
      params.push(likeContains(w));
    }
    if (f.requestTypeId !== undefined && (kind === 'classification' || kind === 'faq')) {
      sql.push('request_type_id = ?');
      params.push(f.requestTypeId);
    }
    for (const [key, column] of [['parentId', 'parent_id'], ['cityId', 'city_id']] as const) {
      const v = f[key];
      if (v === undefined || (key === 'parentId' ? kind !== 'classification' : kind !== 'location')) continue;
      sql.push(v === null ? `${column} is null` : `${column} = ?`);
      if (v !== null) params.push(v);
    }
    return { sql: sql.length ? `where ${sql.join(' and ')}` : '', params };
  };

  return {
    async page(kind, filter, offset, limit) {
      const t = TABLES[kind];
      const w = whereOf(kind, filter);
      const total = await count(`select count(*) as n from ${t.table} ${w.sql}`, w.params);
      const rows = await exec<Row[]>(`select * from ${t.table} ${w.sql} order by ${ORDER[kind]} limit ? offset ?`, [...w.params, limit, offset]);
      return { items: rows.map((r) => t.item(r)) as never[], total };
    },
    async all(kind) {
      const t = TABLES[kind];
      return (await exec<Row[]>(`select * from ${t.table} order by ${ORDER[kind]}`)).map((r) => t.item(r)) as never[];
    },
    async get(kind, id) {
      const t = TABLES[kind];
      const row = (await exec<Row[]>(`select * from ${t.table} where id = ?`, [id]))[0];
      return (row ? t.item(row) : null) as never;
    },
    async sameName(kind, item) {
      const t = TABLES[kind] as Table<typeof item>;
      const s = t.scope(item);
      const row = (await exec<Row[]>(`select * from ${t.table} where ${s.sql} and ${KEY_COLUMN[kind]} = ? limit 1`, [...s.params, t.key(item)]))[0];
      return (row ? t.item(row) : null) as never;
    },
    async childCount(kind, id) {
      return kind === 'classification' ? count(`select count(*) as n from classification where parent_id = ?`, [id]) : count(`select count(*) as n from location where city_id = ?`, [id]);
    },
    async usage(kind, id) {
      const uses: [string, number][] = [];
      if (kind === 'request_type') {
        uses.push(['classifications', await count(`select count(*) as n from classification where request_type_id = ?`, [id])]);
        uses.push(['FAQ entries', await count(`select count(*) as n from faq where request_type_id = ?`, [id])]);
        uses.push(['call records', await countIn('call_record', 'request_type_id = ?', [id])]);
        uses.push(['requests', await countIn('ticket', 'request_type_id = ?', [id])]);
      } else if (kind === 'classification') {
        uses.push(['sub-classifications', await count(`select count(*) as n from classification where parent_id = ?`, [id])]);
        uses.push(['call records', await countIn('call_record', 'classification_id = ? or sub_classification_id = ?', [id, id])]);
        uses.push(['requests', await countIn('ticket', 'classification_id = ? or sub_classification_id = ?', [id, id])]);
      } else if (kind === 'location') {
        uses.push(['districts', await count(`select count(*) as n from location where city_id = ?`, [id])]);
        uses.push(['contacts', await countIn('contact', 'city_id = ? or district_id = ?', [id, id])]);
        uses.push(['call records', await countIn('call_record', 'city_id = ? or district_id = ?', [id, id])]);
        uses.push(['requests', await countIn('ticket', 'city_id = ? or district_id = ?', [id, id])]);
      }
      return uses.filter(([, n]) => n > 0).map(([what, n]) => ({ what, count: n }));
    },
    async insert(kind, item) {
      const t = TABLES[kind] as Table<typeof item>;
      await exec(`insert into ${t.table} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`, t.row(item), 'run');
    },
    async update(kind, item) {
      const t = TABLES[kind] as Table<typeof item>;
      const values = t.row(item);
      await exec(`update ${t.table} set ${t.columns.slice(1).map((c) => `${c} = ?`).join(', ')} where id = ?`, [...values.slice(1), values[0]], 'run');
    },
    async remove(kind, id) {
      await exec(`delete from ${TABLES[kind].table} where id = ?`, [id], 'run');
    },
    async faqMatches(words, requestTypeId) {
      const w = whereOf('faq', { words });
      const sql = [w.sql || 'where 1 = 1', 'and active = 1'];
      const params = [...w.params];
      if (requestTypeId) {
        sql.push('and (request_type_id = ? or request_type_id is null)');
        params.push(requestTypeId);
      }
      return (await exec<Row[]>(`select * from faq ${sql.join(' ')} order by title_key`, params)).map((r) => TABLES.faq.item(r));
    },
    async hqFaq() {
      return (await exec<Row[]>(`select key, payload from ref_item where dataset = 'faq' order by key`)).map((r) => ({ key: String(r.key), payload: JSON.parse(r.payload) }));
    },
  };
}

const execOf =
  (em: () => EntityManager): Exec =>
  (sql, params = [], mode = 'all') =>
    em().execute(sql, params, mode) as never;

export function createReferenceStore(em: () => EntityManager): ReferenceStore {
  return {
    ...queries(execOf(em)),
    transaction: (fn) => em().transactional((tx) => fn(queries(execOf(() => tx)))),
  };
}

import type { EntityManager } from '@mikro-orm/sqlite';
import { phoneKey, type CallRecord, type Contact } from '@edgecall/contracts';
import { fold, likeContains } from '../../lib/search-text.ts';
import type { ContactFilter, ContactQueries, ContactStore } from './service.ts';

type Row = Record<string, any>;
type Exec = <T = Row[]>(sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<T>;
/** adapters/db/client-mutations.ts's applyOnce, handed in by main.ts (stores do not import adapters). */
export type ApplyOnce = <T>(
  em: () => EntityManager,
  clientId: string | undefined | null,
  now: number,
  write: (run: unknown, tx: EntityManager) => Promise<T>,
) => Promise<{ result: T; replayed: boolean }>;

const iso = (t: number) => new Date(Number(t)).toISOString();
const ms = (s: string) => Date.parse(s);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** Links to contacts in tables other features own; touched only where they exist. */
const LINKED = ['call_record', 'callback_entry', 'ticket'];

function queries(exec: Exec): ContactQueries {
  const columnsOf = async (table: string) => new Set((await exec<Row[]>(`select name from pragma_table_info(?)`, [table])).map((r) => String(r.name)));

  async function hydrate(rows: Row[]): Promise<Contact[]> {
    if (!rows.length) return [];
    const phones = await exec<Row[]>(`select contact_id, phone from contact_phone where contact_id in (?) order by contact_id, pos`, [rows.map((r) => r.id)]);
    const byContact = new Map<string, string[]>();
    for (const p of phones) byContact.set(p.contact_id, [...(byContact.get(p.contact_id) ?? []), p.phone]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      phones: byContact.get(r.id) ?? [],
      email: r.email ?? null,
      cityId: r.city_id ?? null,
      districtId: r.district_id ?? null,
      address: r.address,
      note: r.note,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    }));
  }

  function whereOf(f: ContactFilter) {
    const sql: string[] = [];
    const params: unknown[] = [];
    for (const w of f.words) {
      sql.push(`(c.name_search like ? escape '!' or lower(coalesce(c.email, '')) like ? escape '!')`);
      params.push(likeContains(w), likeContains(w));
    }
    if (f.digits) {
      sql.push(`exists (select 1 from contact_phone p where p.contact_id = c.id and replace(p.phone, '+', '') like ? escape '!')`);
      params.push(likeContains(f.digits));
    }
    if (f.phoneKey !== undefined) {
      sql.push(`exists (select 1 from contact_phone p where p.contact_id = c.id and p.phone_key = ?)`);
      params.push(f.phoneKey);
    }
    return { sql: sql.length ? `where ${sql.join(' and ')}` : '', params };
  }

  async function writePhones(c: Contact) {
    await exec(`delete from contact_phone where contact_id = ?`, [c.id], 'run');
    for (const [pos, phone] of c.phones.entries()) {
      await exec(`insert into contact_phone (contact_id, phone, phone_key, pos) values (?, ?, ?, ?)`, [c.id, phone, phoneKey(phone), pos], 'run');
    }
  }
  const values = (c: Contact) => [c.name, fold(c.name), c.email, c.cityId, c.districtId, c.address, c.note, ms(c.updatedAt)];
  const tableExists = async (name: string) => (await exec<Row[]>(`select 1 from sqlite_master where type = 'table' and name = ?`, [name])).length > 0;
  const linkedTables = async () => {
    const out: string[] = [];
    for (const t of LINKED) if ((await tableExists(t)) && (await columnsOf(t)).has('contact_id')) out.push(t);
    return out;
  };

  return {
    async page(filter, offset, limit) {
      const w = whereOf(filter);
      const total = Number((await exec<Row[]>(`select count(*) as n from contact c ${w.sql}`, w.params))[0]?.n ?? 0);
      const rows = await exec<Row[]>(`select c.* from contact c ${w.sql} order by c.name_search, c.id limit ? offset ?`, [...w.params, limit, offset]);
      return { items: await hydrate(rows), total };
    },
    async get(id) {
      return (await hydrate(await exec<Row[]>(`select * from contact where id = ?`, [id])))[0] ?? null;
    },
    async byPhoneKeys(keys) {
      if (!keys.length) return [];
      return hydrate(await exec<Row[]>(`select c.* from contact c where c.id in (select contact_id from contact_phone where phone_key in (?)) order by c.name_search, c.id`, [keys]));
    },
    async place(id) {
      const r = (await exec<Row[]>(`select id, name, city_id, active from location where id = ?`, [id]))[0];
      return r ? { id: r.id, name: r.name, cityId: r.city_id ?? null, active: !!r.active } : null;
    },
    async places() {
      return (await exec<Row[]>(`select id, name, city_id, active from location order by name_key`)).map((r) => ({ id: r.id, name: r.name, cityId: r.city_id ?? null, active: !!r.active }));
    },
    async insert(c) {
      await exec(
        `insert into contact (name, name_search, email, city_id, district_id, address, note, updated_at, id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...values(c), c.id, ms(c.createdAt)],
        'run',
      );
      await writePhones(c);
    },
    async update(c) {
      await exec(`update contact set name = ?, name_search = ?, email = ?, city_id = ?, district_id = ?, address = ?, note = ?, updated_at = ? where id = ?`, [...values(c), c.id], 'run');
      await writePhones(c);
    },
    async remove(id) {
      for (const t of await linkedTables()) await exec(`update ${t} set contact_id = null where contact_id = ?`, [id], 'run');
      await exec(`delete from contact_phone where contact_id = ?`, [id], 'run');
      await exec(`delete from contact where id = ?`, [id], 'run');
    },
    async repoint(fromIds, toId) {
      const moved: Record<string, number> = {};
      for (const t of await linkedTables()) {
        const n = Number((await exec<Row[]>(`select count(*) as n from ${t} where contact_id in (?)`, [fromIds]))[0]?.n ?? 0);
        if (n) await exec(`update ${t} set contact_id = ? where contact_id in (?)`, [toId, fromIds], 'run');
        moved[t] = n;
      }
      return moved;
    },
    async recentRecords(key, contactIds, limit) {
      if (!(await tableExists('call_record'))) return [];
      const cols = await columnsOf('call_record');
      const or: string[] = [];
      const params: unknown[] = [];
      if (cols.has('contact_id') && contactIds.length) {
        or.push('contact_id in (?)');
        params.push(contactIds);
      }
      // The number as PHONE stores it (digits, optional +): its last nine digits are its phoneKey.
      const keyColumn = ['number_key', 'phone_key'].find((c) => cols.has(c));
      if (keyColumn) or.push(`${keyColumn} = ?`);
      else if (cols.has('number')) or.push(`(case when length(replace(number, '+', '')) > 9 then substr(number, -9) else replace(number, '+', '') end) = ?`);
      if (keyColumn || cols.has('number')) params.push(key);
      if (!or.length) return [];
      const order = cols.has('created_at') ? 'created_at desc' : 'rowid desc';
      const rows = await exec<Row[]>(`select * from call_record where ${or.join(' or ')} order by ${order} limit ?`, [...params, limit]);
      return rows.map((r) => {
        const out: Row = {};
        // The wire shape of CallRecord: the match key stays in the database.
        for (const [k, v] of Object.entries(r)) if (k !== 'number_key' && k !== 'phone_key') out[camel(k)] = v;
        if (typeof out.fields === 'string') out.fields = JSON.parse(out.fields);
        if (typeof out.createdAt === 'number') out.createdAt = iso(out.createdAt);
        return out as CallRecord;
      });
    },
  };
}

const execOf =
  (em: () => EntityManager): Exec =>
  (sql, params = [], mode = 'all') =>
    em().execute(sql, params, mode) as never;

export function createContactStore(em: () => EntityManager, deps: { applyOnce: ApplyOnce }): ContactStore {
  return {
    ...queries(execOf(em)),
    transaction: (fn) => em().transactional((tx) => fn(queries(execOf(() => tx)))),
    once: (clientId, now, fn) => deps.applyOnce(em, clientId, now, (_run, tx) => fn(queries(execOf(() => tx)))),
  };
}

import type { EntityManager } from '@mikro-orm/sqlite';
import { likeContains, searchWords } from '../../lib/search-text.ts';
import type { CallListLookups, CallRecordRef } from './ports.ts';

const CHUNK = 500;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Reads of the contacts' and call records' tables (their features own and write them). */
export function createCallListLookups(em: () => EntityManager): CallListLookups {
  const all = <T>(sql: string, params: unknown[] = []) => em().getConnection().execute<T[]>(sql, params, 'all');
  const exists = async (table: string) => (await all(`select 1 from sqlite_master where type = 'table' and name = ?`, [table])).length > 0;
  /** Runs a query per chunk of values (SQLite caps bound parameters). */
  async function chunked<T>(values: string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < values.length; i += CHUNK) out.push(...(await run(values.slice(i, i + CHUNK))));
    return out;
  }

  return {
    async contactsByKeys(keys) {
      const out = new Map<string, { id: string; name: string }>();
      if (keys.length === 0 || !(await exists('contact_phone')) || !(await exists('contact'))) return out;
      const rows = await chunked([...new Set(keys)], (part) =>
        all<{ phone_key: string; id: string; name: string }>(
          `select p.phone_key, c.id, c.name from contact_phone p join contact c on c.id = p.contact_id where p.phone_key in (${marks(part.length)}) order by c.name, c.id`,
          part,
        ),
      );
      for (const r of rows) if (!out.has(r.phone_key)) out.set(r.phone_key, { id: r.id, name: r.name });
      return out;
    },
    async keysOfContactsNamed(text) {
      if (!(await exists('contact_phone')) || !(await exists('contact'))) return new Set();
      // name_search is the contacts feature's folded name: SQLite folds ASCII only (Ş/ş, Ə/ə).
      const words = searchWords(text);
      if (words.length === 0) return new Set();
      const rows = await all<{ phone_key: string }>(
        `select distinct p.phone_key from contact_phone p join contact c on c.id = p.contact_id where ${words.map(() => `c.name_search like ? escape '!'`).join(' and ')}`,
        words.map(likeContains),
      );
      return new Set(rows.map((r) => r.phone_key));
    },
    async latestRecords(callIds) {
      const out = new Map<string, CallRecordRef>();
      if (callIds.length === 0 || !(await exists('call_record'))) return out;
      // Names come from the reference lists when their tables exist; ids otherwise.
      const [types, classes] = [await exists('request_type'), await exists('classification')];
      const typeName = types ? '(select t.name from request_type t where t.id = r.request_type_id)' : 'null';
      const className = (col: string) => (classes ? `(select c.name from classification c where c.id = r.${col})` : 'null');
      const rows = await chunked([...new Set(callIds)], (part) =>
        all<{ id: string; call_id: string; request_type_id: string; classification_id: string; sub_classification_id: string | null; note: string; type_name: string | null; class_name: string | null; sub_name: string | null }>(
          `select r.id, r.call_id, r.request_type_id, r.classification_id, r.sub_classification_id, r.note,
             ${typeName} as type_name, ${className('classification_id')} as class_name, ${className('sub_classification_id')} as sub_name
           from call_record r where r.call_id in (${marks(part.length)}) order by r.created_at desc, r.id desc`,
          part,
        ),
      );
      for (const r of rows) {
        if (out.has(r.call_id)) continue;
        out.set(r.call_id, {
          id: r.id,
          requestType: r.type_name ?? r.request_type_id,
          classification: r.class_name ?? r.classification_id,
          subClassification: r.sub_classification_id === null ? null : (r.sub_name ?? r.sub_classification_id),
          note: r.note,
        });
      }
      return out;
    },
    async callIdsWithRecord(f) {
      if (!(await exists('call_record'))) return new Set();
      const where = ['call_id is not null'];
      const params: string[] = [];
      if (f.requestTypeId) (where.push('request_type_id = ?'), params.push(f.requestTypeId));
      if (f.classificationId) (where.push('(classification_id = ? or sub_classification_id = ?)'), params.push(f.classificationId, f.classificationId));
      const rows = await all<{ call_id: string }>(`select distinct call_id from call_record where ${where.join(' and ')}`, params);
      return new Set(rows.map((r) => r.call_id));
    },
  };
}

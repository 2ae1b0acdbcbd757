import type { EntityManager } from '@mikro-orm/sqlite';
import type { OutboxRowInput } from '@edgecall/contracts';
import type { CallRecordQuery, CallRecordStore, StoredCallRecord } from './service.ts';

interface Row {
  id: string;
  client_id: string | null;
  call_id: string | null;
  number: string | null;
  number_key: string | null;
  contact_id: string | null;
  request_type_id: string;
  classification_id: string;
  sub_classification_id: string | null;
  city_id: string | null;
  district_id: string | null;
  note: string;
  fields: string;
  agent: string | null;
  user_id: string;
  created_at: number;
}

const fromRow = (r: Row): StoredCallRecord => ({
  id: r.id,
  clientId: r.client_id,
  callId: r.call_id,
  number: r.number,
  numberKey: r.number_key,
  contactId: r.contact_id,
  requestTypeId: r.request_type_id,
  classificationId: r.classification_id,
  subClassificationId: r.sub_classification_id,
  cityId: r.city_id,
  districtId: r.district_id,
  note: r.note,
  fields: JSON.parse(r.fields) as StoredCallRecord['fields'],
  agent: r.agent,
  userId: r.user_id,
  createdAt: r.created_at,
});

/** The record HQ receives (contracts' CallRecordPayload), written in the same transaction. */
function outboxRow(r: StoredCallRecord): OutboxRowInput {
  const { numberKey: _key, clientId: _client, ...payload } = r;
  return { entity: 'call_record', entityId: r.id, op: 'upsert', payload };
}

type Run = (sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<unknown>;
/** adapters/db/client-mutations.ts's applyOnce, handed in by main.ts. */
type ApplyOnce = <T>(clientId: string | null, now: number, write: (run: Run, tx: EntityManager) => Promise<T>) => Promise<{ result: T; replayed: boolean }>;

export function createCallRecordStore(
  em: () => EntityManager,
  deps: { applyOnce: ApplyOnce; outbox: (tx: EntityManager, rows: OutboxRowInput[]) => Promise<unknown> },
): CallRecordStore {
  const conn = () => em().getConnection();
  return {
    async replayed(clientId) {
      const rows = await conn().execute<Row[]>(`select * from call_record where client_id = ?`, [clientId]);
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async insert(record) {
      const done = await deps.applyOnce(record.clientId, record.createdAt, async (run, tx) => {
        await run(
          `insert into call_record (id, client_id, call_id, number, number_key, contact_id, request_type_id, classification_id,
             sub_classification_id, city_id, district_id, note, fields, agent, user_id, created_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            record.id, record.clientId, record.callId, record.number, record.numberKey, record.contactId, record.requestTypeId,
            record.classificationId, record.subClassificationId, record.cityId, record.districtId, record.note,
            JSON.stringify(record.fields), record.agent, record.userId, record.createdAt,
          ],
          'run',
        );
        await deps.outbox(tx, [outboxRow(record)]);
        return record;
      });
      return { record: done.result, replayed: done.replayed };
    },
    async list(q: CallRecordQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.callId) (where.push('call_id = ?'), params.push(q.callId));
      if (q.number) (where.push('number_key = ?'), params.push(q.number));
      if (q.contactId) (where.push('contact_id = ?'), params.push(q.contactId));
      const clause = where.length ? `where ${where.join(' and ')}` : '';
      const total = (await conn().execute<{ n: number }[]>(`select count(*) as n from call_record ${clause}`, params))[0].n;
      const rows = await conn().execute<Row[]>(`select * from call_record ${clause} order by created_at desc, id limit ? offset ?`, [...params, q.limit, q.offset]);
      return { items: rows.map(fromRow), total };
    },
  };
}

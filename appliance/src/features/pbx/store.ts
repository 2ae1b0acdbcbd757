import type { EntityManager } from '@mikro-orm/sqlite';
import type { SipCodec, TrunkInput } from '@edgecall/contracts';
import { fold, likeContains } from '../../lib/search-text.ts';
import type { PbxState, PbxStore, StoredAgentNumber } from './ports.ts';

type Row = Record<string, any>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toAgent = (r: Row): StoredAgentNumber => ({
  number: String(r.number),
  displayName: String(r.display_name),
  secret: String(r.secret),
  codecs: JSON.parse(r.codecs) as SipCodec[],
  pbxState: r.pbx_state as PbxState,
  pbxError: r.pbx_error ?? null,
  pushedAt: num(r.pushed_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const ORDER = 'order by length(number), number';

export function createPbxStore(em: () => EntityManager): PbxStore {
  const exec = <T = Row[]>(sql: string, params: unknown[] = [], mode: 'all' | 'run' = 'all') => em().execute(sql, params, mode) as Promise<T>;
  return {
    async agentNumbers() {
      return (await exec(`select * from agent_number ${ORDER}`)).map(toAgent);
    },
    async agentNumber(number) {
      const r = (await exec(`select * from agent_number where number = ?`, [number]))[0];
      return r ? toAgent(r) : null;
    },
    async page(words, offset, limit) {
      const where = ["pbx_state != 'delete_pending'", ...words.map(() => `search like ? escape '!'`)].join(' and ');
      const params = words.map(likeContains);
      const total = Number((await exec(`select count(*) as n from agent_number where ${where}`, params))[0]?.n ?? 0);
      const rows = await exec(`select * from agent_number where ${where} ${ORDER} limit ? offset ?`, [...params, limit, offset]);
      return { items: rows.map(toAgent), total };
    },
    async putAgentNumber(a) {
      await exec(
        `insert into agent_number (number, display_name, secret, codecs, search, pbx_state, pbx_error, pushed_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict(number) do update set display_name = excluded.display_name, secret = excluded.secret, codecs = excluded.codecs, search = excluded.search,
           pbx_state = excluded.pbx_state, pbx_error = excluded.pbx_error, pushed_at = excluded.pushed_at, created_at = excluded.created_at, updated_at = excluded.updated_at`,
        [a.number, a.displayName, a.secret, JSON.stringify(a.codecs), fold(`${a.number} ${a.displayName}`), a.pbxState, a.pbxError, a.pushedAt, a.createdAt, a.updatedAt],
        'run',
      );
    },
    async setAgentPbx(number, s) {
      await exec(`update agent_number set pbx_state = ?, pbx_error = ?, pushed_at = ? where number = ?`, [s.pbxState, s.pbxError, s.pushedAt, number], 'run');
    },
    async removeAgentNumber(number) {
      await exec(`delete from agent_number where number = ?`, [number], 'run');
    },
    async trunk() {
      const r = (await exec(`select * from pbx_trunk where id = 'trunk'`))[0];
      if (!r) return null;
      return { settings: JSON.parse(r.settings) as TrunkInput, secret: r.secret ?? null, pbxState: r.pbx_state as PbxState, pbxError: r.pbx_error ?? null, pushedAt: num(r.pushed_at), updatedAt: Number(r.updated_at) };
    },
    async putTrunk(t) {
      if (!t) return void (await exec(`delete from pbx_trunk`, [], 'run'));
      await exec(
        `insert into pbx_trunk (id, settings, secret, pbx_state, pbx_error, pushed_at, updated_at) values ('trunk', ?, ?, ?, ?, ?, ?)
         on conflict(id) do update set settings = excluded.settings, secret = excluded.secret, pbx_state = excluded.pbx_state, pbx_error = excluded.pbx_error, pushed_at = excluded.pushed_at, updated_at = excluded.updated_at`,
        [JSON.stringify(t.settings), t.secret, t.pbxState, t.pbxError, t.pushedAt, t.updatedAt],
        'run',
      );
    },
    async setTrunkPbx(s) {
      await exec(`update pbx_trunk set pbx_state = ?, pbx_error = ?, pushed_at = ? where id = 'trunk'`, [s.pbxState, s.pbxError, s.pushedAt], 'run');
    },
  };
}

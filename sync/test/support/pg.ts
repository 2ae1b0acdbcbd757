/** A fresh PostgreSQL database per test file on the local server (trust auth), dropped at the end. */
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';

export const PG_BASE = process.env.EC_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL against the test database (assertions read central state directly). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function admin<T>(fn: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init({ clientUrl: `${PG_BASE}/postgres`, entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: true, pool: { min: 0, max: 1 } });
  try {
    return await fn(orm);
  } finally {
    await orm.close(true);
  }
}

export async function freshDatabase(): Promise<TestDatabase> {
  const name = `ec_sync_${randomBytes(5).toString('hex')}`;
  await admin((orm) => orm.em.getConnection().execute(`create database "${name}"`));
  const url = `${PG_BASE}/${name}`;
  let conn: MikroORM | null = null;
  const orm = async () =>
    (conn ??= await MikroORM.init({ clientUrl: url, entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: true, pool: { min: 0, max: 2 } }));
  return {
    name,
    url,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await (await orm()).em.fork().execute(sql, params)) as T[];
    },
    async drop() {
      await conn?.close(true);
      await admin((o) => o.em.getConnection().execute(`drop database if exists "${name}" with (force)`));
    },
  };
}

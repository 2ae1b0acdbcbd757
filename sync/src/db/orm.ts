import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../log.ts';
import { migrations } from './migrations/index.ts';

export type Em = EntityManager;

export interface CentralDb {
  orm: MikroORM;
  /** A fresh unit of work; one per request or job, never shared. */
  em(): Em;
  /** Runs `fn` in one Postgres transaction (READ COMMITTED); rows it locks stay locked until it ends. */
  tx<T>(fn: (tx: Em) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres returns bigint as text; every count and seq here stays below 2^53. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export async function openCentralDb(opts: { url: string; logger: Logger; poolMax?: number }): Promise<CentralDb> {
  const log = opts.logger.child('sync:db');
  const orm = await MikroORM.init({
    clientUrl: opts.url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // Creates the database when it is missing (npm run central on a fresh server); the schema comes only from migrations.
    ensureDatabase: true,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: opts.poolMax ?? 10 },
  });
  const applied = await orm.getMigrator().up();
  if (applied.length) log.info('migrations applied', { names: applied.map((m) => m.name) });
  return {
    orm,
    em: () => orm.em.fork(),
    tx: (fn) => orm.em.fork().transactional(fn),
    close: () => orm.close(true),
  };
}

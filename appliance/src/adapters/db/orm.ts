import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM, type EntitySchema, type EntityManager } from '@mikro-orm/sqlite';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../../core/ports.ts';
import { migrations } from './migrations/index.ts';

export interface Database {
  orm: MikroORM;
  /** A fresh unit of work; one per request or job, never shared. */
  em(): EntityManager;
  close(): Promise<void>;
}

// Durability first: WAL for concurrent readers, synchronous=FULL so a
// committed transaction survives power loss and kill -9.
const PRAGMAS = 'PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;';

export async function openDatabase(opts: {
  dataDir: string;
  entities: EntitySchema<any, any>[];
  logger: Logger;
  fileName?: string;
}): Promise<Database> {
  mkdirSync(opts.dataDir, { recursive: true });
  const log = opts.logger.child('appliance:db');
  const orm = await MikroORM.init({
    dbName: join(opts.dataDir, opts.fileName ?? 'edgecall.sqlite'),
    entities: opts.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // Schema comes only from migrations; never from entity metadata at run time.
    ensureDatabase: false,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 1, max: 1 },
    driverOptions: {
      pool: {
        afterCreate: (conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) =>
          conn.exec(PRAGMAS, (err) => done(err, conn)),
      },
    },
  });
  const applied = await orm.getMigrator().up();
  if (applied.length) log.info('migrations applied', { names: applied.map((m) => m.name) });
  return {
    orm,
    em: () => orm.em.fork(),
    close: () => orm.close(true),
  };
}

/**
 * SQL straight into a test appliance's database, for rows whose own feature
 * offers no route yet (HQ reference data, call records). A second
 * connection beside the appliance's: WAL lets both in, the busy timeout
 * waits out the appliance's writes.
 */
import { join } from 'node:path';
import sqlite3 from 'sqlite3';

export function rawSql(dataDir: string, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(dataDir, 'edgecall.sqlite'));
    db.configure('busyTimeout', 5000);
    db.run(sql, params, (err) => db.close(() => (err ? reject(err) : resolve())));
  });
}

export function rawAll<T = Record<string, unknown>>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(dataDir, 'edgecall.sqlite'));
    db.configure('busyTimeout', 5000);
    db.all(sql, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as T[]))));
  });
}

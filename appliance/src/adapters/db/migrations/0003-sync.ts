import { Migration } from '@mikro-orm/migrations';

export class Migration0003Sync extends Migration {
  override up(): void {
    // The outbox: written in the same transaction as the business row it mirrors (DESIGN.md §6).
    // AUTOINCREMENT, not a plain rowid: a seq is never reused, even after the newest rows are compacted away.
    this.addSql(`create table sync_outbox (
      seq integer primary key autoincrement,
      entity text not null,
      entity_id text not null,
      op text not null check (op in ('upsert','delete','append')),
      entity_version integer not null check (entity_version >= 1),
      schema_version integer not null,
      payload text not null,
      created_at integer not null)`);
    // Per-entity version counter for writers that do not keep a version of their own.
    this.addSql(`create table sync_entity_version (
      entity text not null,
      entity_id text not null,
      version integer not null,
      primary key (entity, entity_id)) without rowid`);
    // Cursors and status: epoch, acked_seq, ref_cursor, last success, skew.
    this.addSql(`create table sync_state (key text primary key, value text not null)`);
    // The epoch is minted with the database, so a restored copy of this file carries the old one
    // and HQ's answers reveal the restore (see features/sync/service.ts).
    this.addSql(`insert into sync_state (key, value) values ('epoch', lower(hex(randomblob(16)))), ('acked_seq', '0'), ('ref_cursor', '0')`);
    // Reference data from HQ (FAQ, templates, classifications, criteria, holidays), applied with its cursor.
    this.addSql(`create table ref_item (
      dataset text not null,
      key text not null,
      payload text not null,
      rev integer not null,
      primary key (dataset, key))`);
  }
}

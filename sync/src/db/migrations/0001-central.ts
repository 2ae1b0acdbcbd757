import { Migration } from '@mikro-orm/migrations';

export class Migration0001Central extends Migration {
  override up(): void {
    // One row per appliance; batches lock it (select … for update) so an appliance's batches apply one at a time.
    this.addSql(`create table appliance (
      id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null,
      credential_digest text unique,
      enrolled_at timestamptz,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      epoch text,
      acked_seq bigint not null default 0,
      head_seq bigint not null default 0,
      last_contact_at timestamptz,
      last_ack_at timestamptz,
      oldest_pending_age_ms bigint,
      schema_version integer,
      app_version text,
      clock_skew_ms bigint,
      last_error_id text,
      last_error_message text,
      last_error_at timestamptz,
      batches_total bigint not null default 0,
      records_total bigint not null default 0,
      duplicates_total bigint not null default 0,
      rejects_total bigint not null default 0)`);
    // Every epoch an appliance has used; an epoch replaced by a newer one is refused (restored or cloned box).
    this.addSql(`create table appliance_epoch (
      appliance_id text not null references appliance(id) on delete cascade,
      epoch text not null,
      first_seen_at timestamptz not null default now(),
      retired_at timestamptz,
      primary key (appliance_id, epoch))`);
    this.addSql(`create table enrollment_token (
      digest text primary key,
      appliance_id text not null references appliance(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz)`);
    // The synced entities, generic: one row per (appliance, entity, entity id), replaced only by a newer version.
    this.addSql(`create table sync_record (
      appliance_id text not null references appliance(id),
      entity text not null,
      entity_id text not null,
      entity_version bigint not null,
      op text not null,
      deleted boolean not null default false,
      payload jsonb,
      schema_version integer not null,
      epoch text not null,
      seq bigint not null,
      received_at timestamptz not null default now(),
      primary key (appliance_id, entity, entity_id))`);
    this.addSql(`create index sync_record_entity on sync_record (entity, received_at)`);
    // Records set aside without failing their batch. The raw record is text, not jsonb: it may hold what jsonb refuses.
    this.addSql(`create table sync_reject (
      id bigserial primary key,
      appliance_id text not null references appliance(id),
      epoch text not null,
      seq bigint not null,
      entity text,
      entity_id text,
      reason text not null,
      message text not null,
      details jsonb,
      record text not null,
      received_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolution text,
      unique (appliance_id, epoch, seq))`);
    this.addSql(`create index sync_reject_open on sync_reject (appliance_id, id) where resolved_at is null`);
    // Reference data: the current items (tombstones kept) and the change log appliances pull with a cursor.
    this.addSql(`create table ref_item (
      dataset text not null,
      key text not null,
      payload jsonb,
      deleted boolean not null default false,
      rev bigint not null,
      schema_version integer not null,
      updated_at timestamptz not null default now(),
      primary key (dataset, key))`);
    this.addSql(`create table ref_change (
      rev bigserial primary key,
      dataset text not null,
      key text not null,
      op text not null check (op in ('upsert','delete')),
      payload jsonb,
      schema_version integer not null,
      committed_at timestamptz not null default now())`);
    this.addSql(`create table ref_meta (id integer primary key check (id = 1), pruned_through bigint not null default 0)`);
    this.addSql(`insert into ref_meta (id, pruned_through) values (1, 0)`);
  }
}

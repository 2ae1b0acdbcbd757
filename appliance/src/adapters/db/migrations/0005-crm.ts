import { Migration } from '@mikro-orm/migrations';

/** Tables of reference lists and contacts, and applied PWA outbox mutations (issue 5). */
export class Migration0005Crm extends Migration {
  override up(): void {
    // PWA outbox mutations applied, with the answer given (adapters/db/client-mutations.ts).
    this.addSql(`create table client_mutation (
      client_id text primary key,
      device_id text not null,
      seq integer not null,
      result text not null,
      applied_at integer not null)`);
    this.addSql(`create index client_mutation_device on client_mutation(device_id, seq)`);

    // Reference lists (features/reference). `name_key`/`search` hold text folded in JS
    // (lib/search-text.ts): SQLite's lower() is ASCII-only, so Ş/ş or Ə/ə would never match.
    this.addSql(`create table request_type (
      id text primary key,
      name text not null,
      name_key text not null,
      fields text not null default '[]',
      active integer not null default 1,
      updated_at integer not null)`);
    this.addSql(`create unique index request_type_name on request_type(name_key)`);
    // parent_id null: a classification of the type; else a sub-classification (two levels, no deeper).
    this.addSql(`create table classification (
      id text primary key,
      request_type_id text not null references request_type(id),
      parent_id text references classification(id),
      name text not null,
      name_key text not null,
      active integer not null default 1,
      updated_at integer not null)`);
    this.addSql(`create unique index classification_name on classification(request_type_id, coalesce(parent_id, ''), name_key)`);
    this.addSql(`create index classification_parent on classification(parent_id)`);
    // city_id null: a city; else a district of that city.
    this.addSql(`create table location (
      id text primary key,
      name text not null,
      name_key text not null,
      city_id text references location(id),
      active integer not null default 1,
      updated_at integer not null)`);
    this.addSql(`create unique index location_name on location(coalesce(city_id, ''), name_key)`);
    this.addSql(`create table faq (
      id text primary key,
      title text not null,
      title_key text not null,
      body text not null,
      tags text not null default '[]',
      request_type_id text references request_type(id),
      search text not null,
      active integer not null default 1,
      updated_at integer not null)`);
    this.addSql(`create unique index faq_title on faq(coalesce(request_type_id, ''), title_key)`);

    // Contacts (features/contacts): personal data, every write audited.
    this.addSql(`create table contact (
      id text primary key,
      name text not null,
      name_search text not null,
      email text,
      city_id text references location(id),
      district_id text references location(id),
      address text not null default '',
      note text not null default '',
      created_at integer not null,
      updated_at integer not null)`);
    this.addSql(`create index contact_name on contact(name_search)`);
    // phone_key = phoneKey(phone) (contracts/src/crm.ts): the last nine digits, so every format of a number matches.
    this.addSql(`create table contact_phone (
      contact_id text not null references contact(id) on delete cascade,
      phone text not null,
      phone_key text not null,
      pos integer not null default 0,
      primary key (contact_id, phone_key)) without rowid`);
    this.addSql(`create index contact_phone_key on contact_phone(phone_key)`);
  }
}

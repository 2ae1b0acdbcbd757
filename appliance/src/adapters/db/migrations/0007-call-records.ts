import { Migration } from '@mikro-orm/migrations';

/** What agents register in the call-handling window (issue 5). */
export class Migration0007CallRecords extends Migration {
  override up(): void {
    // Ids of reference rows are kept as text without foreign keys: a record must outlive
    // an admin's later edits, and deletion of a used reference row is refused by its owner.
    this.addSql(`create table call_record (
      id text primary key,
      client_id text unique,
      call_id text,
      number text,
      number_key text,
      contact_id text,
      request_type_id text not null,
      classification_id text not null,
      sub_classification_id text,
      city_id text,
      district_id text,
      note text not null default '',
      fields text not null default '{}',
      agent text,
      user_id text not null,
      created_at integer not null)`);
    this.addSql(`create index call_record_call on call_record(call_id)`);
    this.addSql(`create index call_record_number on call_record(number_key, created_at)`);
    this.addSql(`create index call_record_contact on call_record(contact_id, created_at)`);
  }
}

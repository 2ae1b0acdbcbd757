import { Migration } from '@mikro-orm/migrations';

/** Tables of the callback list (issue 5). Times are epoch milliseconds, like the call journey. */
export class Migration0006Callbacks extends Migration {
  override up(): void {
    this.addSql(`create table callback_entry (
      id text primary key,
      number text not null,
      number_key text not null,
      status text not null check (status in ('open','closed')),
      kind text not null check (kind in ('missed','requested','scheduled')),
      queue text,
      missed_count integer not null default 0,
      call_ids text not null default '[]',
      first_missed_at integer,
      last_missed_at integer,
      scheduled_for integer,
      due_notified_at integer,
      assigned_agent text,
      assigned_at integer,
      contact_id text,
      note text not null default '',
      closed_at integer,
      close_reason text check (close_reason in ('reached_inbound','reached_outbound','closed_by_agent')),
      created_at integer not null,
      updated_at integer not null)`);
    // One open entry per caller: a caller missed three times is one callback to make, not three.
    this.addSql(`create unique index callback_entry_open_number on callback_entry(number_key) where status = 'open'`);
    this.addSql(`create index callback_entry_created on callback_entry(status, created_at)`);
    this.addSql(`create index callback_entry_assigned on callback_entry(assigned_agent) where status = 'open'`);
    this.addSql(`create index callback_entry_due on callback_entry(scheduled_for) where status = 'open' and kind = 'scheduled' and due_notified_at is null`);
    this.addSql(`create table callback_attempt (
      id integer primary key autoincrement,
      entry_id text not null references callback_entry(id),
      at integer not null,
      agent text,
      call_id text,
      outcome text not null check (outcome in ('pending','reached','no_answer','busy','failed','wrong_number','refused')),
      note text not null default '')`);
    this.addSql(`create index callback_attempt_entry on callback_attempt(entry_id, at)`);
    // One outbound call is one attempt, however many paths (the dialler route, the journey) report it.
    this.addSql(`create unique index callback_attempt_call on callback_attempt(call_id) where call_id is not null`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration0002Acd extends Migration {
  override up(): void {
    this.addSql(`create table setting (key text primary key, value text not null, updated_at integer not null)`);
    // One summary row per call, rewritten with each journey event in the same transaction.
    this.addSql(`create table call (
      id text primary key,
      direction text not null check (direction in ('inbound','outbound')),
      number text not null default '',
      did text not null default '',
      stage text not null,
      queue text,
      agent text,
      arrived_at integer not null,
      answered_at integer,
      ended_at integer,
      cause text,
      recording text,
      last_seq integer not null,
      updated_at integer not null)`);
    this.addSql(`create index call_arrived on call(arrived_at)`);
    this.addSql(`create index call_open on call(ended_at) where ended_at is null`);
    this.addSql(`create index call_number on call(number)`);
    // The append-only journey: (call, seq) is unique, so a replayed write cannot duplicate.
    this.addSql(`create table call_event (
      call_id text not null references call(id),
      seq integer not null,
      type text not null,
      at integer not null,
      data text not null,
      primary key (call_id, seq))`);
    this.addSql(`create table agent_state (
      agent text primary key,
      user_id text not null,
      state text not null,
      reason text,
      since integer not null,
      idle_since integer not null,
      queues text not null default '[]',
      calls_today integer not null default 0,
      missed_in_a_row integer not null default 0,
      call_id text,
      acw_until integer)`);
    this.addSql(`create table agent_state_log (
      id integer primary key autoincrement,
      agent text not null,
      state text not null,
      reason text,
      at integer not null)`);
    this.addSql(`create index agent_state_log_at on agent_state_log(at)`);
  }
}

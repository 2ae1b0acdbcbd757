import { Migration } from '@mikro-orm/migrations';

export class Migration0001Foundation extends Migration {
  override up(): void {
    this.addSql(`create table meta (key text primary key, value text not null)`);
    this.addSql(`create table profile (
      id text primary key,
      name text not null unique,
      kind text not null check (kind in ('operator','supervisor','admin')),
      permissions text not null,
      builtin integer not null default 0,
      created_at integer not null,
      updated_at integer not null)`);
    this.addSql(`create table app_user (
      id text primary key,
      username text not null unique collate nocase,
      display_name text not null,
      password_hash text not null,
      profile_id text not null references profile(id),
      agent_number text unique,
      groups text not null default '[]',
      locale text not null default 'az',
      disabled integer not null default 0,
      created_at integer not null,
      updated_at integer not null)`);
    this.addSql(`create table session (
      id text primary key,
      token_digest text not null unique,
      mqtt_token_digest text not null unique,
      mqtt_expires_at integer not null,
      user_id text not null references app_user(id) on delete cascade,
      created_at integer not null,
      expires_at integer not null,
      last_seen_at integer not null,
      address text not null,
      user_agent text not null,
      ended_at integer)`);
    this.addSql(`create index session_user on session(user_id)`);
    this.addSql(`create table audit_log (
      seq integer primary key autoincrement,
      at integer not null,
      actor_id text,
      actor_name text not null,
      action text not null,
      target_type text not null,
      target_id text,
      before text,
      after text,
      address text,
      prev_hash text not null,
      hash text not null)`);
    // The audit log is append-only: the database itself refuses edits.
    this.addSql(`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`);
    this.addSql(`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`);
  }
}

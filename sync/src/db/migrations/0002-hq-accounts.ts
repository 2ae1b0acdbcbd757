import { Migration } from '@mikro-orm/migrations';

/** HQ user accounts, their sessions, the append-only audit log, and the index the cross-branch KPIs read by. */
export class Migration0002HqAccounts extends Migration {
  override up(): void {
    this.addSql(`create table hq_user (
      id uuid primary key,
      username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
      display_name text not null,
      role text not null check (role in ('hq_admin', 'hq_viewer')),
      password_hash text not null,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_login_at timestamptz)`);
    // Only the SHA-256 of a session token is stored: a database dump does not hand out logged-in sessions.
    this.addSql(`create table hq_session (
      digest text primary key,
      user_id uuid not null references hq_user(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      address text)`);
    this.addSql(`create index hq_session_user on hq_session (user_id)`);
    this.addSql(`create table hq_audit (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_name text not null,
      action text not null,
      target text,
      before jsonb,
      after jsonb,
      address text)`);
    this.addSql(`create index hq_audit_action on hq_audit (action, id)`);
    // Append-only in the database itself, not only by convention of the code.
    this.addSql(`create function hq_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'hq_audit is append-only'; end $$`);
    this.addSql(`create trigger hq_audit_no_change before update or delete on hq_audit for each row execute function hq_audit_append_only()`);
    this.addSql(`create trigger hq_audit_no_truncate before truncate on hq_audit for each statement execute function hq_audit_append_only()`);
    // The KPI engine reads a period's journeys by arrival, as the branch does (its call.arrived_at).
    // Each agent's latest transition before an instant (the live agent counts of a period).
    this.addSql(`create index sync_record_agent_at on sync_record (appliance_id, (payload ->> 'agent'), ((payload ->> 'at')::bigint)) where entity = 'agent_state' and not deleted`);
    this.addSql(`create index sync_record_journey_arrived on sync_record (appliance_id, ((payload #>> '{summary,arrivedAt}')::bigint)) where entity = 'call_journey' and not deleted`);
  }
}

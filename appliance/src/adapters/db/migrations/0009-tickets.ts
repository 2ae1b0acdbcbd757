import { Migration } from '@mikro-orm/migrations';

/** Electronic requests (issue 7, features/tickets): requests, their history, attachments, saved filters. */
export class Migration0009Tickets extends Migration {
  override up(): void {
    // The per-type ticket policy (contracts TicketPolicy: SLA hours, executing group, template, movers, statuses).
    this.addSql(`alter table request_type add column ticket text not null default '{}'`);

    // Reference ids are text without foreign keys, as in call_record: a request outlives later edits of the lists.
    // SLA bookkeeping: `sla_acc_ms` is the working time counted in open statuses before `status_since`;
    // the *_due_at/*_warn_at instants are derived (recomputed on every change and by the SLA sweep) so lists
    // can filter overdue and due-soon requests in SQL. `search` holds text folded in JS (lib/search-text.ts).
    this.addSql(`create table ticket (
      id text primary key,
      client_id text unique,
      seq integer not null unique,
      ref text not null unique,
      channel text not null,
      call_id text,
      number text,
      number_key text,
      contact_id text,
      customer_name text not null default '',
      customer_email text,
      request_type_id text not null,
      classification_id text not null,
      sub_classification_id text,
      city_id text,
      district_id text,
      subject text not null,
      description text not null default '',
      fields text not null default '{}',
      status text not null,
      status_kind text not null,
      status_since integer not null,
      group_id text,
      assignee_id text,
      created_by text not null,
      created_by_name text not null,
      agent text,
      created_at integer not null,
      updated_at integer not null,
      closed_at integer,
      responded_at integer,
      escalated_at integer,
      response_hours real,
      resolution_hours real,
      sla_acc_ms integer not null default 0,
      response_ms integer,
      response_due_at integer,
      response_warn_at integer,
      resolution_due_at integer,
      resolution_warn_at integer,
      response_breached_at integer,
      resolution_breached_at integer,
      search text not null,
      version integer not null default 1)`);
    this.addSql(`create index ticket_by_status on ticket(status_kind, status)`);
    this.addSql(`create index ticket_by_group on ticket(group_id, status_kind)`);
    this.addSql(`create index ticket_by_assignee on ticket(assignee_id, status_kind)`);
    this.addSql(`create index ticket_by_contact on ticket(contact_id, created_at)`);
    this.addSql(`create index ticket_by_number on ticket(number_key, created_at)`);
    this.addSql(`create index ticket_by_call on ticket(call_id)`);
    this.addSql(`create index ticket_by_created on ticket(created_at)`);
    this.addSql(`create index ticket_by_due on ticket(resolution_due_at)`);

    // Every change (who, when, before, after) and every comment; append-only.
    this.addSql(`create table ticket_event (
      id text primary key,
      ticket_id text not null references ticket(id),
      seq integer not null,
      at integer not null,
      user_id text,
      user_name text not null,
      kind text not null,
      data text not null,
      client_id text unique,
      unique (ticket_id, seq))`);

    // The files live in <data>/attachments/<ticket id>/<attachment id>.
    this.addSql(`create table ticket_attachment (
      id text primary key,
      ticket_id text not null references ticket(id),
      name text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      user_id text,
      user_name text not null,
      created_at integer not null,
      removed_at integer)`);
    this.addSql(`create index ticket_attachment_ticket on ticket_attachment(ticket_id)`);

    this.addSql(`create table ticket_filter (
      id text primary key,
      user_id text not null,
      name text not null,
      query text not null,
      created_at integer not null,
      unique (user_id, name))`);

    // The built-in profiles of existing appliances gain the new permissions once; admins' later edits stand.
    for (const perm of ['tickets:read', 'tickets:write']) {
      this.addSql(`update profile set permissions = json_insert(permissions, '$[#]', '${perm}')
        where builtin = 1 and id in ('operator', 'supervisor', 'admin')
          and not exists (select 1 from json_each(profile.permissions) where value = '${perm}')`);
    }
  }
}

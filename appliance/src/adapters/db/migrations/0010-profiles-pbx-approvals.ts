import { Migration } from '@mikro-orm/migrations';

/**
 * The rest of issue 6: agent numbers (PJSIP endpoints the appliance pushes to
 * the PBX), the branch's trunk, and approvals of templates and evaluation
 * forms. Profiles need no new table: `profile` exists since 0001.
 */
export class Migration0010ProfilesPbxApprovals extends Migration {
  override up(): void {
    // `secret` holds the SIP password sealed with the key in <data>/secrets (decision 0010):
    // the PBX needs it in clear, a database copy alone must not give it away.
    this.addSql(`create table agent_number (
      number text primary key,
      display_name text not null,
      secret text not null,
      codecs text not null default '["alaw","ulaw"]',
      search text not null,
      pbx_state text not null default 'pending',
      pbx_error text,
      pushed_at integer,
      created_at integer not null,
      updated_at integer not null)`);
    // One row: the branch's way out (a SIP trunk or E1/FXO spans). `secret` sealed like above.
    this.addSql(`create table pbx_trunk (
      id text primary key,
      settings text not null,
      secret text,
      pbx_state text not null default 'pending',
      pbx_error text,
      pushed_at integer,
      updated_at integer not null)`);

    this.addSql(`create table approval_policy (
      kind text primary key,
      required integer not null default 0,
      approver_profiles text not null default '[]',
      approvals_needed integer not null default 1,
      allow_self integer not null default 0,
      updated_at integer not null)`);
    this.addSql(`create table approval_request (
      id text primary key,
      kind text not null,
      target_id text not null,
      target_name text not null,
      status text not null,
      note text not null default '',
      submitted_by text,
      submitted_by_name text not null,
      submitted_at integer not null,
      decisions text not null default '[]',
      reason text,
      decided_at integer)`);
    this.addSql(`create index approval_request_status on approval_request(status, submitted_at)`);
    this.addSql(`create index approval_request_target on approval_request(kind, target_id)`);
    // Items made before a policy existed stay usable: they count as approved.
    this.addSql(`alter table message_template add column approval text not null default 'approved'`);
    this.addSql(`alter table evaluation_form add column approval text not null default 'approved'`);
  }
}

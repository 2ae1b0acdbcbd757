import { Migration } from '@mikro-orm/migrations';

const NOW = `cast(strftime('%s', 'now') as integer) * 1000`;

/** Admin settings of issue 6 (features/admin): pause reasons, operator modes, IVR sounds, templates, QA criteria and forms, ticket statuses. */
export class Migration0008AdminSettings extends Migration {
  override up(): void {
    // `search` columns hold text folded in JS (lib/search-text.ts), as in 0005.
    this.addSql(`create table pause_reason (
      id text primary key,
      name text not null,
      search text not null,
      billable integer not null default 0,
      active integer not null default 1,
      sort integer not null default 100,
      updated_at integer not null)`);
    // The pause menu the PWA had built in (pwa/src/data/agent.ts), with the same codes: clients translate them.
    const seeds: [string, string, string, string, number, number][] = [
      ['break', 'Qısa fasilə', 'Break', 'Перерыв', 1, 10],
      ['lunch', 'Nahar', 'Lunch', 'Обед', 0, 20],
      ['training', 'Təlim', 'Training', 'Обучение', 1, 30],
      ['meeting', 'İclas', 'Meeting', 'Совещание', 1, 40],
      ['technical', 'Texniki səbəb', 'Technical issue', 'Технические причины', 1, 50],
    ];
    for (const [code, az, en, ru, billable, sort] of seeds) {
      const name = JSON.stringify({ az, en, ru }).replace(/'/g, "''");
      const search = `${code} ${az} ${en} ${ru}`.toLocaleLowerCase('az').replace(/ı/g, 'i').replace(/'/g, "''");
      this.addSql(`insert into pause_reason (id, name, search, billable, active, sort, updated_at) values ('${code}', '${name}', '${search}', ${billable}, 1, ${sort}, ${NOW})`);
    }
    // Usage checks of a pause reason ask the state log by reason.
    this.addSql(`create index agent_state_log_reason on agent_state_log(reason)`);

    // Per agent number; agents without a row are blended.
    this.addSql(`create table operator_mode (
      agent text primary key,
      mode text not null,
      updated_at integer not null)`);

    // The converted files live in <data>/sounds/<id>.wav (and the PBX's sound directory).
    this.addSql(`create table ivr_sound (
      id text primary key,
      title text not null default '',
      search text not null,
      duration_ms integer not null,
      size_bytes integer not null,
      source_type text not null,
      updated_at integer not null)`);

    this.addSql(`create table message_template (
      id text primary key,
      name text not null,
      name_key text not null,
      channel text not null,
      language text not null,
      subject text not null default '',
      body text not null,
      search text not null,
      active integer not null default 1,
      updated_at integer not null)`);
    this.addSql(`create unique index message_template_name on message_template(channel, language, name_key)`);

    this.addSql(`create table evaluation_criterion (
      id text primary key,
      name text not null,
      name_key text not null unique,
      description text not null default '',
      weight integer not null,
      max_score integer not null,
      search text not null,
      active integer not null default 1,
      updated_at integer not null)`);
    // `criteria`: ordered JSON array of criterion ids.
    this.addSql(`create table evaluation_form (
      id text primary key,
      name text not null,
      name_key text not null unique,
      description text not null default '',
      criteria text not null default '[]',
      search text not null,
      active integer not null default 1,
      updated_at integer not null)`);

    this.addSql(`create table ticket_status (
      id text primary key,
      name text not null,
      kind text not null,
      initial integer not null default 0,
      allow_reopen integer not null default 0,
      active integer not null default 1,
      sort integer not null default 100,
      search text not null,
      updated_at integer not null)`);
    this.addSql(`create table ticket_transition (
      id text primary key,
      from_code text not null,
      to_code text not null,
      updated_at integer not null)`);
    this.addSql(`create unique index ticket_transition_pair on ticket_transition(from_code, to_code)`);
    // A starting lifecycle the admin adapts: new → in progress ⇄ waiting for the customer → resolved (reopenable) → closed.
    const statuses: [string, string, string, string, string, number, number, number][] = [
      ['new', 'Yeni', 'New', 'Новая', 'open', 1, 0, 10],
      ['in_progress', 'İcrada', 'In progress', 'В работе', 'open', 0, 0, 20],
      ['waiting_customer', 'Müştəri gözlənilir', 'Waiting for the customer', 'Ожидает клиента', 'waiting_customer', 0, 0, 30],
      ['resolved', 'Həll edilib', 'Resolved', 'Решена', 'closed', 0, 1, 40],
      ['closed', 'Bağlanıb', 'Closed', 'Закрыта', 'closed', 0, 0, 50],
    ];
    for (const [code, az, en, ru, kind, initial, reopen, sort] of statuses) {
      const name = JSON.stringify({ az, en, ru });
      const search = `${code} ${az} ${en} ${ru}`.toLocaleLowerCase('az').replace(/ı/g, 'i');
      this.addSql(`insert into ticket_status (id, name, kind, initial, allow_reopen, active, sort, search, updated_at) values ('${code}', '${name}', '${kind}', ${initial}, ${reopen}, 1, ${sort}, '${search}', ${NOW})`);
    }
    const transitions = [
      ['new', 'in_progress'],
      ['new', 'closed'],
      ['in_progress', 'waiting_customer'],
      ['waiting_customer', 'in_progress'],
      ['in_progress', 'resolved'],
      ['waiting_customer', 'resolved'],
      ['resolved', 'in_progress'],
      ['resolved', 'closed'],
    ];
    for (const [from, to] of transitions) {
      this.addSql(`insert into ticket_transition (id, from_code, to_code, updated_at) values ('${from}>${to}', '${from}', '${to}', ${NOW})`);
    }
  }
}

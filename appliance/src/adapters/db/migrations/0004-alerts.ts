import { Migration } from '@mikro-orm/migrations';

export class Migration0004Alerts extends Migration {
  override up(): void {
    this.addSql(`create table alert_log (
      id integer primary key autoincrement,
      rule_id text not null,
      name text not null,
      severity text not null,
      scope text not null,
      figure text not null,
      threshold real not null,
      value real not null,
      raised_at integer not null,
      cleared_at integer)`);
    this.addSql(`create index alert_log_raised on alert_log(raised_at)`);
  }
}

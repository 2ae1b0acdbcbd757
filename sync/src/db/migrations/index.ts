import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Central } from './0001-central.ts';
import { Migration0002HqAccounts } from './0002-hq-accounts.ts';

/** Ordered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: MigrationObject[] = [
  { name: '0001-central', class: Migration0001Central },
  { name: '0002-hq-accounts', class: Migration0002HqAccounts },
];

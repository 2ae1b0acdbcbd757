import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Central } from './0001-central.ts';

/** Ordered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: MigrationObject[] = [{ name: '0001-central', class: Migration0001Central }];

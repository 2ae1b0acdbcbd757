import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Foundation } from './0001-foundation.ts';
import { Migration0002Acd } from './0002-acd.ts';
import { Migration0003Sync } from './0003-sync.ts';
import { Migration0004Alerts } from './0004-alerts.ts';
import { Migration0005Crm } from './0005-crm.ts';
import { Migration0006Callbacks } from './0006-callbacks.ts';
import { Migration0007CallRecords } from './0007-call-records.ts';
import { Migration0008AdminSettings } from './0008-admin-settings.ts';
import { Migration0009Tickets } from './0009-tickets.ts';
import { Migration0010ProfilesPbxApprovals } from './0010-profiles-pbx-approvals.ts';

/** Ordered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: MigrationObject[] = [
  { name: '0001-foundation', class: Migration0001Foundation },
  { name: '0002-acd', class: Migration0002Acd },
  { name: '0003-sync', class: Migration0003Sync },
  { name: '0004-alerts', class: Migration0004Alerts },
  { name: '0005-crm', class: Migration0005Crm },
  { name: '0006-callbacks', class: Migration0006Callbacks },
  { name: '0007-call-records', class: Migration0007CallRecords },
  { name: '0008-admin-settings', class: Migration0008AdminSettings },
  { name: '0009-tickets', class: Migration0009Tickets },
  { name: '0010-profiles-pbx-approvals', class: Migration0010ProfilesPbxApprovals },
];

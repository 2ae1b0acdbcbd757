import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Append-only, hash-chained: each row's hash covers its content and the
 * previous row's hash, so an edited or deleted row breaks the chain.
 */
export const AuditEntity = defineEntity({
  name: 'Audit',
  tableName: 'audit_log',
  properties: {
    seq: p.integer().primary().autoincrement(),
    at: p.bigint('number'),
    actorId: p.string().nullable(),
    actorName: p.string(),
    action: p.string(),
    targetType: p.string(),
    targetId: p.string().nullable(),
    before: p.json<unknown>().nullable(),
    after: p.json<unknown>().nullable(),
    address: p.string().nullable(),
    prevHash: p.string(),
    hash: p.string(),
  },
});
export type AuditRow = InferEntity<typeof AuditEntity>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A role: a named permission set. Built-in profiles cannot be deleted. */
export const ProfileEntity = defineEntity({
  name: 'Profile',
  tableName: 'profile',
  properties: {
    id: p.string().primary(),
    name: p.string().unique(),
    kind: p.string(),
    permissions: p.json<string[]>(),
    builtin: p.boolean(),
    createdAt: p.bigint('number'),
    updatedAt: p.bigint('number'),
  },
});
export type ProfileRow = InferEntity<typeof ProfileEntity>;

export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.string().primary(),
    username: p.string().unique(),
    displayName: p.string(),
    passwordHash: p.string(),
    profileId: p.string(),
    agentNumber: p.string().nullable(),
    groups: p.json<string[]>(),
    locale: p.string(),
    disabled: p.boolean(),
    createdAt: p.bigint('number'),
    updatedAt: p.bigint('number'),
  },
});
export type UserRow = InferEntity<typeof UserEntity>;

/** Tokens are stored only as digests: a leaked database opens no session. */
export const SessionEntity = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.string().primary(),
    tokenDigest: p.string().unique(),
    mqttTokenDigest: p.string().unique(),
    mqttExpiresAt: p.bigint('number'),
    userId: p.string(),
    createdAt: p.bigint('number'),
    expiresAt: p.bigint('number'),
    lastSeenAt: p.bigint('number'),
    address: p.string(),
    userAgent: p.string(),
    endedAt: p.bigint('number').nullable(),
  },
});
export type SessionRow = InferEntity<typeof SessionEntity>;

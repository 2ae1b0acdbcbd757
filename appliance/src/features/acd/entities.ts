import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SettingEntity = defineEntity({
  name: 'Setting',
  tableName: 'setting',
  properties: { key: p.string().primary(), value: p.json<unknown>(), updatedAt: p.bigint('number') },
});

export const CallEntity = defineEntity({
  name: 'Call',
  tableName: 'call',
  properties: {
    id: p.string().primary(),
    direction: p.string(),
    number: p.string(),
    did: p.string(),
    stage: p.string(),
    queue: p.string().nullable(),
    agent: p.string().nullable(),
    arrivedAt: p.bigint('number'),
    answeredAt: p.bigint('number').nullable(),
    endedAt: p.bigint('number').nullable(),
    cause: p.string().nullable(),
    recording: p.string().nullable(),
    lastSeq: p.integer(),
    updatedAt: p.bigint('number'),
  },
});
export type CallRow = InferEntity<typeof CallEntity>;

export const CallEventEntity = defineEntity({
  name: 'CallEvent',
  tableName: 'call_event',
  properties: {
    callId: p.string().primary(),
    seq: p.integer().primary(),
    type: p.string(),
    at: p.bigint('number'),
    data: p.json<Record<string, unknown>>(),
  },
});

export const AgentStateEntity = defineEntity({
  name: 'AgentState',
  tableName: 'agent_state',
  properties: {
    agent: p.string().primary(),
    userId: p.string(),
    state: p.string(),
    reason: p.string().nullable(),
    since: p.bigint('number'),
    idleSince: p.bigint('number'),
    queues: p.json<string[]>(),
    callsToday: p.integer(),
    missedInARow: p.integer().fieldName('missed_in_a_row'),
    callId: p.string().nullable(),
    acwUntil: p.bigint('number').nullable(),
  },
});

export const AgentStateLogEntity = defineEntity({
  name: 'AgentStateLog',
  tableName: 'agent_state_log',
  properties: {
    id: p.integer().primary().autoincrement(),
    agent: p.string(),
    state: p.string(),
    reason: p.string().nullable(),
    at: p.bigint('number'),
  },
});

export const ACD_ENTITIES = [SettingEntity, CallEntity, CallEventEntity, AgentStateEntity, AgentStateLogEntity];

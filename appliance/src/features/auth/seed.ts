import type { CreateUserRequest } from '@edgecall/contracts';
import type { Actor } from '../../lib/audit.ts';
import type { UserService } from './users-service.ts';

/** Demo accounts: only seeded in demo mode (simulator), listed in README. */
export const DEMO_USERS: CreateUserRequest[] = [
  { username: 'admin', displayName: 'Demo Admin', password: 'admin-demo', profile: 'admin', agentNumber: null, groups: ['sales', 'support'] },
  { username: 'supervisor', displayName: 'Demo Supervisor', password: 'supervisor-demo', profile: 'supervisor', agentNumber: null, groups: ['sales', 'support'] },
  { username: 'operator', displayName: 'Aysel Məmmədova', password: 'operator-demo', profile: 'operator', agentNumber: '101', groups: ['sales'] },
  { username: 'operator2', displayName: 'Rəşad Əliyev', password: 'operator-demo', profile: 'operator', agentNumber: '102', groups: ['sales', 'support'] },
  { username: 'operator3', displayName: 'Günel Həsənova', password: 'operator-demo', profile: 'operator', agentNumber: '103', groups: ['support'] },
  { username: 'operator4', displayName: 'Elvin Quliyev', password: 'operator-demo', profile: 'operator', agentNumber: '104', groups: ['support'] },
];

const SYSTEM: Actor = { actorId: null, actorName: 'system', address: null };

export async function seedUsers(users: UserService, list: CreateUserRequest[]): Promise<number> {
  if (list.length === 0) return 0;
  let created = 0;
  const existing = new Set((await users.list({ offset: 0, limit: 200 })).items.map((u) => u.username));
  for (const demo of list) {
    if (existing.has(demo.username)) continue;
    await users.create(demo, SYSTEM);
    created++;
  }
  return created;
}

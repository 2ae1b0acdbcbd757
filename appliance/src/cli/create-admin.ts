/**
 * Creates an admin on an appliance outside demo mode, where no account exists
 * and no default password is ever set.
 *   npm run create-admin -- --username boss [--display-name "Boss"]
 * The password is read from EDGECALL_ADMIN_PASSWORD or asked for on the terminal.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CreateUserRequest } from '@edgecall/contracts';
import { loadConfig, ConfigError } from '../config/load.ts';
import { createLogger } from '../adapters/system/logger.ts';
import { openDatabase } from '../adapters/db/orm.ts';
import { createContentHasher, createRandomness, createScryptHasher } from '../adapters/crypto/crypto.ts';
import { ENTITIES } from '../main.ts';
import { BUILTIN_PROFILES } from '../features/auth/service.ts';
import { ensureProfiles } from '../features/auth/store.ts';
import { createUserService } from '../features/auth/users-service.ts';
import { createUserStore } from '../features/auth/users-store.ts';
import { createAuditService } from '../features/audit/service.ts';
import { createAuditStore } from '../features/audit/store.ts';

function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  return new Promise((resolve) => rl.question(question, (answer) => (rl.close(), resolve(answer))));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
    strict: true,
  });
  const username = values.username ?? (await ask('Admin username: '));
  const password = process.env.EDGECALL_ADMIN_PASSWORD ?? (await ask('Password (at least 10 characters): '));
  const input = CreateUserRequest.safeParse({
    username,
    displayName: values['display-name'] ?? username,
    password,
    profile: 'admin',
  });
  if (!input.success) {
    for (const issue of input.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const db = await openDatabase({ dataDir: config.dataDir, entities: ENTITIES, logger });
  try {
    const clock = { now: () => Date.now() };
    await ensureProfiles(db.em, BUILTIN_PROFILES, clock.now());
    const audit = createAuditService({ store: createAuditStore(db.em), clock, hasher: createContentHasher() });
    const users = createUserService({
      store: createUserStore(db.em),
      hasher: createScryptHasher(),
      random: createRandomness(),
      clock,
      audit,
      endSessions: async () => undefined,
    });
    const user = await users.create(input.data, { actorId: null, actorName: 'cli:create-admin', address: null });
    console.log(`Admin ${user.username} created in ${config.dataDir}.`);
    return 0;
  } catch (e) {
    console.error(`Could not create the admin: ${(e as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(2);
  },
);

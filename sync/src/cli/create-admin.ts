/**
 * `npm run central -- create-admin --username <name> [--display-name <text>] [--reset-password]`:
 * makes an HQ admin straight in the database, for the first admin without a
 * bootstrap token, or to recover a forgotten password. The password comes
 * from EDGECALL_HQ_ADMIN_PASSWORD, else from a hidden prompt (or one line of
 * stdin when it is not a terminal), never from the command line, where `ps`
 * and shell history would keep it. Exit codes: 0 done, 1 failure, 2 usage.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError, HQ_PASSWORD, HQ_USERNAME } from '@edgecall/contracts';
import { createAccounts } from '../accounts/store.ts';
import type { CentralConfig } from '../config.ts';
import { openCentralDb } from '../db/orm.ts';
import { createLogger } from '../log.ts';

class UsageError extends Error {}

function readPassword(): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = process.stdin.isTTY;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
    if (tty) {
      process.stdout.write('Password for the new HQ admin: ');
      // Hide what is typed: readline echoes through this method.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    rl.once('line', (line) => {
      if (tty) process.stdout.write('\n');
      rl.close();
      resolve(line);
    });
    rl.once('close', () => reject(new UsageError('no password given (set EDGECALL_HQ_ADMIN_PASSWORD or type it)')));
  });
}

export async function createAdminCli(config: CentralConfig, argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { username: { type: 'string' }, 'display-name': { type: 'string' }, 'reset-password': { type: 'boolean' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`create-admin: ${(e as Error).message}\nusage: npm run central -- create-admin --username <name> [--display-name <text>] [--reset-password]\n`);
    return 2;
  }
  const username = HQ_USERNAME.safeParse(values.username ?? '');
  if (!username.success) {
    process.stderr.write(`create-admin: --username: ${username.error.issues[0]?.message ?? 'required'}\n`);
    return 2;
  }
  let password: string;
  try {
    password = process.env.EDGECALL_HQ_ADMIN_PASSWORD ?? (await readPassword());
  } catch (e) {
    process.stderr.write(`create-admin: ${(e as Error).message}\n`);
    return 2;
  }
  const pw = HQ_PASSWORD.safeParse(password);
  if (!pw.success) {
    process.stderr.write(`create-admin: password: ${pw.error.issues[0]?.message}\n`);
    return 2;
  }
  const db = await openCentralDb({ url: config.databaseUrl, logger: createLogger('warn'), poolMax: 2 });
  try {
    const accounts = createAccounts(db, { now: () => Date.now(), sessionTtlMs: 0 });
    const user = await accounts.cliAdmin(
      { username: username.data, displayName: values['display-name']?.trim() || username.data, password: pw.data },
      { userId: null, name: 'cli:create-admin', address: null },
      values['reset-password'] === true,
    );
    process.stdout.write(`HQ admin ${user.username} is ready; sign in at the central server's address.\n`);
    return 0;
  } catch (e) {
    if (e instanceof AppError && e.id === 'conflict') {
      process.stderr.write(`create-admin: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`create-admin: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

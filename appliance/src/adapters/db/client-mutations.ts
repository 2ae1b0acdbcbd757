import type { EntityManager } from '@mikro-orm/sqlite';

/** Runs SQL inside the caller's transaction. */
export type TxRun = <T = unknown>(sql: string, params?: unknown[], mode?: 'all' | 'get' | 'run') => Promise<T>;

export function txRunner(tx: EntityManager): TxRun {
  return ((sql: string, params: unknown[] = [], mode: 'all' | 'get' | 'run' = 'all') =>
    tx.getConnection().execute(sql, params, mode, tx.getTransactionContext())) as TxRun;
}

const isUniqueViolation = (err: unknown) => /UNIQUE constraint failed: client_mutation/i.test(String((err as Error)?.message ?? err));

/**
 * Applies a PWA outbox mutation exactly once (DESIGN.md §6, "PWA → appliance").
 * The mutation's `deviceId:seq` is stored with its answer in the same SQLite
 * transaction as the business write, so a replay after a lost reply, a
 * browser restart or a second tab gets the first answer back and changes
 * nothing. Writes without a client id (online forms) just run in a transaction.
 */
export async function applyOnce<T>(
  em: () => EntityManager,
  clientId: string | undefined | null,
  now: number,
  write: (run: TxRun, tx: EntityManager) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const attempt = () =>
    em().transactional(async (tx) => {
      const run = txRunner(tx);
      if (clientId) {
        const seen = await run<{ result: string }[]>(`select result from client_mutation where client_id = ?`, [clientId]);
        if (seen[0]) return { result: JSON.parse(seen[0].result) as T, replayed: true };
      }
      const result = await write(run, tx);
      if (clientId) {
        const [device, seq] = splitClientId(clientId);
        await run(`insert into client_mutation (client_id, device_id, seq, result, applied_at) values (?, ?, ?, ?, ?)`, [clientId, device, seq, JSON.stringify(result ?? null), now], 'run');
      }
      return { result, replayed: false };
    });
  try {
    return await attempt();
  } catch (err) {
    // Two deliveries of one mutation raced (two tabs, a retry over a slow link): the loser rolled back; answer as the winner did.
    if (clientId && isUniqueViolation(err)) return attempt();
    throw err;
  }
}

export function splitClientId(clientId: string): [string, number] {
  const i = clientId.lastIndexOf(':');
  return [clientId.slice(0, i), Number(clientId.slice(i + 1))];
}

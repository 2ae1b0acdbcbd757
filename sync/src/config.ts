import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting of the central server; env names in CENTRAL_ENV_KEYS. */
export const CentralConfig = z.strictObject({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL'),
  port: int(0, 65535).default(8090),
  host: z.string().min(1).default('0.0.0.0'),
  /** Bootstrap HQ admin credential until HQ has user accounts; the admin API is off without it. */
  adminToken: z.string().min(24, 'at least 24 characters').max(400).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Per-appliance token bucket: sustained requests per second and burst. */
  ratePerSecond: z.coerce.number().positive().max(10_000).default(10),
  rateBurst: int(1, 100_000).default(30),
  /** Batches applied at once across all appliances; more get 503 + Retry-After. */
  maxConcurrentBatches: int(1, 1000).default(4),
  /** Reference-data change log kept this long; older cursors get the snapshot. */
  refRetentionDays: z.coerce.number().min(1).max(3650).default(90),
  dbPoolMax: int(1, 200).default(10),
});
export type CentralConfig = z.output<typeof CentralConfig>;

export const CENTRAL_ENV_KEYS: Record<string, keyof z.input<typeof CentralConfig>> = {
  DATABASE_URL: 'databaseUrl',
  PORT: 'port',
  HOST: 'host',
  EDGECALL_HQ_ADMIN_TOKEN: 'adminToken',
  LOG_LEVEL: 'logLevel',
  SYNC_RATE_PER_SECOND: 'ratePerSecond',
  SYNC_RATE_BURST: 'rateBurst',
  SYNC_MAX_CONCURRENT_BATCHES: 'maxConcurrentBatches',
  REF_RETENTION_DAYS: 'refRetentionDays',
  SYNC_DB_POOL_MAX: 'dbPoolMax',
};

export class CentralConfigError extends Error {}

export function loadCentralConfig(env: NodeJS.ProcessEnv = process.env): CentralConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(CENTRAL_ENV_KEYS)) if (env[name] !== undefined && env[name] !== '') raw[key] = env[name];
  const parsed = CentralConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const byKey = Object.fromEntries(Object.entries(CENTRAL_ENV_KEYS).map(([n, k]) => [k, n]));
  const lines = parsed.error.issues.map((i) => `  ${byKey[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`);
  throw new CentralConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.union([z.boolean(), z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')]).default(false);

/** Every setting of the central server; env names in CENTRAL_ENV_KEYS. */
export const CentralConfig = z.strictObject({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL'),
  port: int(0, 65535).default(8090),
  host: z.string().min(1).default('0.0.0.0'),
  /** Bootstrap credential: it only creates the first HQ admin (POST /hq/v1/bootstrap) while HQ has none. */
  adminToken: z.string().min(24, 'at least 24 characters').max(400).optional(),
  /** Native HTTPS: PEM certificate (chain allowed) and key files; both or neither. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** `Secure` session cookies without native HTTPS (behind a TLS-terminating reverse proxy). */
  secureCookies: flag,
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login rate limit, audit). */
  trustProxy: flag,
  /** HQ console sessions end this long after login. */
  sessionTtlHours: z.coerce.number().min(0.1).max(24 * 30).default(12),
  /** Failed logins allowed per username and address within the window (per address alone: four times as many). */
  loginMaxFailures: int(1, 1000).default(5),
  loginWindowMinutes: z.coerce.number().min(0.1).max(24 * 60).default(15),
  /** The built HQ console (vite build of sync/console); default sync/console/dist. */
  consoleDist: z.string().min(1).optional(),
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
  CENTRAL_TLS_CERT: 'tlsCert',
  CENTRAL_TLS_KEY: 'tlsKey',
  CENTRAL_SECURE_COOKIES: 'secureCookies',
  CENTRAL_TRUST_PROXY: 'trustProxy',
  HQ_SESSION_TTL_HOURS: 'sessionTtlHours',
  HQ_LOGIN_MAX_FAILURES: 'loginMaxFailures',
  HQ_LOGIN_WINDOW_MINUTES: 'loginWindowMinutes',
  CENTRAL_CONSOLE_DIST: 'consoleDist',
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
  if (parsed.success) {
    if (!parsed.data.tlsCert !== !parsed.data.tlsKey) throw new CentralConfigError('invalid configuration:\n  CENTRAL_TLS_CERT and CENTRAL_TLS_KEY go together: set both or neither');
    return parsed.data;
  }
  const byKey = Object.fromEntries(Object.entries(CENTRAL_ENV_KEYS).map(([n, k]) => [k, n]));
  const lines = parsed.error.issues.map((i) => `  ${byKey[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`);
  throw new CentralConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

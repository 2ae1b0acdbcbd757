import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SYNC_CREDENTIAL_FILE_NAME, SyncCredentialFile } from '@edgecall/contracts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The sync settings, as a shape the appliance config can spread into its own
 * schema (`...SYNC_SETTINGS_SHAPE`) with the env names of SYNC_ENV_KEYS. Until
 * then `syncSettingsFromEnv` reads them on its own.
 */
export const SYNC_SETTINGS_SHAPE = {
  /** The central server; overrides the URL enrollment stored next to the credential. */
  centralUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Where enrollment wrote the credential; default `<dataDir>/sync-credential.json`. */
  syncCredentialFile: z.string().min(1).optional(),
  syncBatchMaxRecords: int(1, 1000).default(200),
  syncBatchMaxBytes: int(4096, 4 * 1024 * 1024).default(512 * 1024),
  syncRequestTimeoutMs: int(200, 600_000).default(30_000),
  syncBackoffBaseMs: int(10, 60_000).default(1000),
  syncBackoffMaxMs: int(100, 3_600_000).default(300_000),
  syncIdlePollMs: int(100, 3_600_000).default(30_000),
  syncRefPollMs: int(100, 86_400_000).default(60_000),
  syncOutboxRetentionDays: z.coerce.number().min(0).max(365).default(14),
};
export const SyncSettings = z.strictObject(SYNC_SETTINGS_SHAPE);
export type SyncSettings = z.output<typeof SyncSettings>;
export type SyncSettingsInput = z.input<typeof SyncSettings>;

export const SYNC_ENV_KEYS: Record<string, keyof SyncSettingsInput> = {
  EDGECALL_CENTRAL_URL: 'centralUrl',
  EDGECALL_SYNC_CREDENTIAL: 'syncCredentialFile',
  EDGECALL_SYNC_BATCH_RECORDS: 'syncBatchMaxRecords',
  EDGECALL_SYNC_BATCH_BYTES: 'syncBatchMaxBytes',
  EDGECALL_SYNC_TIMEOUT_MS: 'syncRequestTimeoutMs',
  EDGECALL_SYNC_BACKOFF_BASE_MS: 'syncBackoffBaseMs',
  EDGECALL_SYNC_BACKOFF_MAX_MS: 'syncBackoffMaxMs',
  EDGECALL_SYNC_IDLE_POLL_MS: 'syncIdlePollMs',
  EDGECALL_SYNC_REF_POLL_MS: 'syncRefPollMs',
  EDGECALL_SYNC_OUTBOX_RETENTION_DAYS: 'syncOutboxRetentionDays',
};

export class SyncConfigError extends Error {}

export function syncSettingsFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<SyncSettingsInput> = {}): SyncSettings {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(SYNC_ENV_KEYS)) if (env[name] !== undefined && env[name] !== '') raw[key] = env[name];
  const parsed = SyncSettings.safeParse({ ...raw, ...overrides });
  if (parsed.success) return parsed.data;
  const byKey = Object.fromEntries(Object.entries(SYNC_ENV_KEYS).map(([n, k]) => [k, n]));
  throw new SyncConfigError(`invalid sync configuration:\n${parsed.error.issues.map((i) => `  ${byKey[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`).join('\n')}`);
}

export type SyncTarget = { enabled: true; centralUrl: string; applianceId: string; credential: string } | { enabled: false; reason: string };

/**
 * Where to sync and as whom: the credential file enrollment wrote, with the
 * central URL from settings winning over the one in the file. Without a
 * credential the appliance runs standalone and its status says why.
 */
export function resolveSyncTarget(settings: SyncSettings, dataDir: string): SyncTarget {
  const file = settings.syncCredentialFile ?? join(dataDir, SYNC_CREDENTIAL_FILE_NAME);
  if (!existsSync(file)) return { enabled: false, reason: `not enrolled: no ${file} (run provisioning/src/enroll.ts)` };
  let parsed;
  try {
    parsed = SyncCredentialFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    return { enabled: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
  if (!parsed.success) return { enabled: false, reason: `${file} is not a valid credential file: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}` };
  return { enabled: true, centralUrl: settings.centralUrl ?? parsed.data.centralUrl, applianceId: parsed.data.applianceId, credential: parsed.data.credential };
}

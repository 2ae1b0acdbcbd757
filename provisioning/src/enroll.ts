/**
 * Enrolls a new appliance with the central server: exchanges the one-time
 * token an HQ admin issued for the appliance's own credential, and writes it
 * into the appliance's data dir (sync-credential.json, mode 0600), where the
 * appliance's sync feature finds it at start.
 *
 *   tsx provisioning/src/enroll.ts --central https://hq.example:8090 --appliance br-042 \
 *       [--token <token> | EDGECALL_ENROLL_TOKEN=<token>] [--data ./data | EDGECALL_DATA] [--force]
 *
 * Exit codes: 0 enrolled, 1 the central server refused or could not be reached, 2 usage.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { APPLIANCE_ID, EnrollResponse, SYNC_CREDENTIAL_FILE_NAME, SyncCredentialFile } from '@edgecall/contracts';

class UsageError extends Error {}

/** Write-to-temp, fsync, rename, fsync the directory: a crash leaves the old file or the new one, never half of one. */
export function writeFileAtomic(file: string, content: string, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

export interface EnrollOptions {
  central: string;
  applianceId: string;
  token: string;
  dataDir: string;
  force?: boolean;
  timeoutMs?: number;
}

export async function enroll(o: EnrollOptions): Promise<{ file: string; applianceId: string }> {
  let central: URL;
  try {
    central = new URL(o.central);
  } catch {
    throw new UsageError(`--central is not a URL: ${o.central}`);
  }
  if (central.protocol !== 'http:' && central.protocol !== 'https:') throw new UsageError('--central must be http(s)');
  if (!APPLIANCE_ID.safeParse(o.applianceId).success) throw new UsageError('--appliance must be lowercase letters, digits and dashes');
  if (o.token.length < 20) throw new UsageError('the enrollment token is missing or too short (--token or EDGECALL_ENROLL_TOKEN)');
  const file = join(resolve(o.dataDir), SYNC_CREDENTIAL_FILE_NAME);
  if (existsSync(file) && !o.force) throw new UsageError(`${file} exists: this appliance is enrolled already (use --force to replace it)`);

  const url = new URL(central.pathname.replace(/\/$/, '') + '/sync/v1/enroll', central);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ applianceId: o.applianceId, token: o.token }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    });
  } catch (e) {
    throw new Error(`cannot reach ${url.origin}: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { error?: { id?: string; message?: string } } | null;
  if (!res.ok) throw new Error(`the central server refused: HTTP ${res.status} ${body?.error?.id ?? ''} ${body?.error?.message ?? ''}`.trim());
  const reply = EnrollResponse.safeParse(body);
  if (!reply.success || reply.data.applianceId !== o.applianceId) throw new Error('the central server sent an unexpected reply');
  const credential = SyncCredentialFile.parse({
    version: 1,
    applianceId: reply.data.applianceId,
    credential: reply.data.credential,
    centralUrl: central.toString(),
    enrolledAt: new Date().toISOString(),
  });
  writeFileAtomic(file, JSON.stringify(credential, null, 2) + '\n');
  return { file, applianceId: reply.data.applianceId };
}

async function cli(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        central: { type: 'string' },
        appliance: { type: 'string' },
        token: { type: 'string' },
        data: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`enroll: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const done = await enroll({
      central: values.central ?? process.env.EDGECALL_CENTRAL_URL ?? '',
      applianceId: values.appliance ?? '',
      token: values.token ?? process.env.EDGECALL_ENROLL_TOKEN ?? '',
      dataDir: values.data ?? process.env.EDGECALL_DATA ?? './data',
      force: values.force,
    });
    process.stdout.write(`enrolled ${done.applianceId}; credential written to ${done.file}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`enroll: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

// Run as a CLI only when executed directly; tests import `enroll` itself.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await cli(process.argv.slice(2));
}

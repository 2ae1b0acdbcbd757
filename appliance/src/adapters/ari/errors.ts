import type { TelephonyError } from '../../core/telephony.ts';

/**
 * ari-client loses the HTTP status (NOTES.md §2.5 #5): a failed call rejects
 * with `new Error(<raw body>)`, and api-docs failures reject with a bare
 * string. The status is recovered from Asterisk's own messages.
 */
const KNOWN: [RegExp, number][] = [
  [/not found|does not exist|no such/i, 404],
  [/not in stasis|not in a stasis|isn't playing|already exists|not in this bridge|in use/i, 409],
  [/not in this bridge|unknown on this system|invalid/i, 422],
  [/authentication|401/i, 401],
  [/allocation failed|unable to create|failed to queue|error parsing/i, 500],
  [/timed out/i, 504],
  [/econnrefused|enotfound|etimedout|hostisnotreachable|socket hang up|not connected/i, 503],
];

export function toTelephonyError(err: unknown): TelephonyError {
  if (err && typeof err === 'object' && 'status' in err && typeof (err as TelephonyError).status === 'number') return err as TelephonyError;
  const raw = typeof err === 'string' ? err : err instanceof Error ? err.message : JSON.stringify(err);
  let message = raw;
  try {
    const body = JSON.parse(raw) as { message?: string; error?: string };
    message = body.message ?? body.error ?? raw;
  } catch {
    // not JSON: keep the text
  }
  const hit = KNOWN.find(([re]) => re.test(message));
  return { status: hit ? hit[1] : 500, message };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  // A REST call never settles when the connection fails (NOTES.md §2.5 #1).
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject({ status: 504, message: `${what} timed out after ${ms} ms` } satisfies TelephonyError), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(toTelephonyError(e))),
    );
  });
}

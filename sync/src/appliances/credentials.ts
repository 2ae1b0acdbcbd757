import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Appliance credentials are 256-bit random secrets, so a fast digest is
 * enough (no password stretching needed) and keeps per-batch auth cheap.
 * HQ stores only the digest; the secret lives in the appliance's data dir.
 */
export const digestOf = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
export const mintSecret = (): string => randomBytes(32).toString('base64url');

/** The bearer form: `<applianceId>.<secret>`; appliance ids never contain a dot. */
export const credentialOf = (applianceId: string, secret: string): string => `${applianceId}.${secret}`;

export function parseCredential(bearer: string): { applianceId: string; secret: string } | null {
  const dot = bearer.indexOf('.');
  if (dot <= 0 || dot === bearer.length - 1) return null;
  const applianceId = bearer.slice(0, dot);
  const secret = bearer.slice(dot + 1);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(applianceId) || secret.length < 20) return null;
  return { applianceId, secret };
}

/** Constant-time comparison of two digests (equal length by construction). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The bootstrap token check (EDGECALL_HQ_ADMIN_TOKEN): it only creates the
 * first HQ admin. Compared by digest in constant time.
 */
export function adminChecker(token: string | undefined): ((bearer: string) => boolean) | null {
  if (!token) return null;
  const expected = digestOf(token);
  return (bearer) => sameDigest(digestOf(bearer), expected);
}

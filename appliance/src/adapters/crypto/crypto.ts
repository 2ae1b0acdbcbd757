import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { ContentHasher, PasswordHasher, Randomness } from '../../core/ports.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// N=2^15, r=8, p=1: OWASP's scrypt minimum; ~50 ms per hash on this class of machine.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 32;

/** Stored form: `scrypt$N$r$p$salt$hash` (base64url), so parameters can change later. */
export function createScryptHasher(): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password.normalize('NFKC'), salt, KEY_LEN, PARAMS);
      return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [, n, r, p, saltText, hashText] = parts;
      const expected = Buffer.from(hashText, 'base64url');
      const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltText, 'base64url'), expected.length, {
        N: Number(n),
        r: Number(r),
        p: Number(p),
        maxmem: PARAMS.maxmem,
      });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}

export function createRandomness(): Randomness {
  return {
    token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
    id: () => randomUUID(),
    digest: (token) => createHash('sha256').update(token).digest('base64url'),
  };
}

export function createContentHasher(): ContentHasher {
  return { sha256: (text) => createHash('sha256').update(text).digest('hex') };
}

/** A file's digest (attachments), hex. */
export function sha256Bytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Agent passwords: scrypt (node's crypto, memory-hard) with a per-password random salt.
 * Stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check; a malformed stored hash simply does not verify. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/**
 * A stored hash of the same cost that no password matches (random salt and key), checked when
 * the email is unknown so that refusing it takes as long as refusing a known one.
 */
const NO_ACCOUNT_HASH = `scrypt$${N}$${R}$${P}$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

/** `verifyPassword` against `stored`, or at the same cost against nothing when there is no account. */
export async function verifyPasswordOrNothing(password: string, stored: string | undefined): Promise<boolean> {
  const ok = await verifyPassword(password, stored ?? NO_ACCOUNT_HASH);
  return ok && stored !== undefined;
}

/** At least 8 characters: a sentence for the person choosing it, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'The password must be at least 8 characters.';
  if (password.length > 1024) return 'The password must be at most 1024 characters.';
  return null;
}

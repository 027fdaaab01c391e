/**
 * Bearer secrets (visitor tokens, session cookies): 256 random bits, stored only as a SHA-256
 * hash so a copy of the database cannot impersonate anybody.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A plausible token shape, checked before any lookup. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** HMAC-SHA256(secret, userId) in hex: what a site's backend computes to vouch for a user. */
export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

export function verifyIdentity(secret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(identityHash(secret, userId), 'hex');
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

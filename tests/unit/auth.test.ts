import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../server/auth/passwords.js';
import { hashToken, identityHash, looksLikeToken, newToken, verifyIdentity } from '../../server/auth/tokens.js';

describe('agent passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts each hash so equal passwords do not look equal', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('treats a malformed stored hash as not matching instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$c2FsdA$short')).toBe(false);
  });

  it('asks for at least 8 characters', () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/);
    expect(passwordProblem('12345678')).toBeNull();
  });
});

describe('tokens', () => {
  it('are 256 random bits, url-safe, and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(looksLikeToken(token)).toBe(true);
  });

  it('are stored as a SHA-256 hash that is not the token', () => {
    const token = newToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });

  it('rejects shapes that cannot be a token before any lookup', () => {
    expect(looksLikeToken('abc')).toBe(false);
    expect(looksLikeToken(42)).toBe(false);
    expect(looksLikeToken(`${'a'.repeat(42)}!`)).toBe(false);
  });
});

describe('identity verification', () => {
  it('accepts the HMAC a site backend computes and nothing else', () => {
    const secret = 'site-secret-0123456789';
    const hash = identityHash(secret, 'user-42');
    expect(verifyIdentity(secret, 'user-42', hash)).toBe(true);
    expect(verifyIdentity(secret, 'user-43', hash)).toBe(false);
    expect(verifyIdentity('another-secret-0123456', 'user-42', hash)).toBe(false);
    expect(verifyIdentity(secret, 'user-42', 'ab')).toBe(false);
  });
});

import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { proveIdentity } from '../../server/auth/identity.js';
import { verifyIdentityToken } from '../../server/auth/identity-token.js';
import { identityHash } from '../../server/auth/tokens.js';

const SECRET = 'site-secret-for-tests-0123456789';
const key = (secret = SECRET) => new TextEncoder().encode(secret);

function token(
  claims: Record<string, unknown>,
  options: { secret?: string; expiresIn?: string | number | null; alg?: string } = {},
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt();
  if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '10m');
  return jwt.sign(key(options.secret));
}

describe('identity tokens', () => {
  it('vouches for exactly the claims it carries', async () => {
    expect(await verifyIdentityToken(SECRET, await token({ sub: 'u-1', name: 'Alice', email: 'alice@example.com' }))).toEqual({
      id: 'u-1',
      name: 'Alice',
      email: 'alice@example.com',
      fields: ['id', 'name', 'email'],
    });
    expect(await verifyIdentityToken(SECRET, await token({ sub: 'u-1' }))).toEqual({ id: 'u-1', fields: ['id'] });
  });

  it('refuses an expired token as expired', async () => {
    const expired = await token({ sub: 'u-1' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    await expect(verifyIdentityToken(SECRET, expired)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a token without an expiry, signed with another secret, or with a changed payload', async () => {
    await expect(verifyIdentityToken(SECRET, await token({ sub: 'u-1' }, { expiresIn: null }))).rejects.toMatchObject({
      reason: 'invalid',
    });
    await expect(
      verifyIdentityToken(SECRET, await token({ sub: 'u-1' }, { secret: 'another-secret-0123456789abcdef' })),
    ).rejects.toMatchObject({ reason: 'invalid' });
    const [header, , signature] = (await token({ sub: 'mallory', name: 'Mallory' })).split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'mallory', name: 'Alice Admin', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    await expect(verifyIdentityToken(SECRET, `${header}.${forged}.${signature}`)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses a token whose algorithm is not HS256, and claims that are not a name and an email', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'u-1', exp: 9e9 })).toString('base64url')}.`;
    await expect(verifyIdentityToken(SECRET, unsigned)).rejects.toMatchObject({ reason: 'invalid' });
    await expect(verifyIdentityToken(SECRET, await token({ sub: 'u-1', email: 'not an email' }))).rejects.toMatchObject({
      reason: 'invalid',
    });
  });
});

describe('proving an identity', () => {
  it('marks only the id as signed for an identity hash, whatever name and email come with it', async () => {
    const proven = await proveIdentity(SECRET, {
      id: 'mallory',
      hash: identityHash(SECRET, 'mallory'),
      name: 'Alice Admin',
      email: 'alice@example.com',
    });
    expect(proven).toEqual({
      externalId: 'mallory',
      profile: { name: 'Alice Admin', email: 'alice@example.com' },
      verifiedFields: ['id'],
    });
  });

  it('takes name and email from the token over the page’s hints, and refuses a token for another id', async () => {
    const signed = await token({ sub: 'u-1', email: 'alice@example.com' });
    expect(await proveIdentity(SECRET, { id: 'u-1', token: signed, name: 'Alice', email: 'mallory@example.com' })).toEqual({
      externalId: 'u-1',
      profile: { name: 'Alice', email: 'alice@example.com' },
      verifiedFields: ['id', 'email'],
    });
    await expect(proveIdentity(SECRET, { id: 'u-2', token: signed })).rejects.toThrow(/another user id/);
  });
});

/**
 * Identity tokens: a JWT (HS256, signed with the site's secret) that a site's backend issues
 * for its signed-in user, with `sub` (the user id), optional `name` and `email`, and a required
 * `exp`. Unlike the identity hash, which signs only the id and never expires, every field in
 * the token is vouched for, and only until it expires. Checked with `jose`.
 */
import { errors, jwtVerify } from 'jose';
import * as v from 'valibot';
import type { VerifiableField } from '../../protocol/types.js';

/** What a valid token vouches for. `fields` lists exactly the claims it carried. */
export interface SignedIdentity {
  id: string;
  name?: string;
  email?: string;
  fields: VerifiableField[];
}

export class IdentityTokenError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

const claimsSchema = v.object({
  sub: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
  email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(254), v.email())),
  exp: v.number(),
});

/** Throws IdentityTokenError when the token is expired, tampered with, or not an identity token. */
export async function verifyIdentityToken(secret: string, token: string): Promise<SignedIdentity> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new IdentityTokenError('expired', 'The identity token has expired; the site must issue a new one.');
    throw new IdentityTokenError('invalid', 'The identity token is not signed with this site’s secret, or is malformed.');
  }
  const claims = v.safeParse(claimsSchema, payload);
  if (!claims.success)
    throw new IdentityTokenError(
      'invalid',
      'The identity token needs "sub" and "exp", and "name" and "email" must be a name and an email address.',
    );
  const { sub, name, email } = claims.output;
  return {
    id: sub,
    ...(name !== undefined ? { name } : {}),
    ...(email !== undefined ? { email } : {}),
    fields: ['id', ...(name !== undefined ? (['name'] as const) : []), ...(email !== undefined ? (['email'] as const) : [])],
  };
}

/**
 * What a visitor handshake proves about who the visitor is. A site with a secret vouches for
 * its user with an identity hash (the id only) or an identity token (id, name and email, until
 * it expires); a name or email the page passes along beside them is a hint, stored but never
 * marked as signed.
 */
import type { VisitorAuth } from '../../protocol/events.js';
import type { VerifiableField } from '../../protocol/types.js';
import { IdentityTokenError, verifyIdentityToken } from './identity-token.js';
import { verifyIdentity } from './tokens.js';

export interface ProvenIdentity {
  /** The site's user id. */
  externalId: string;
  /** Name and email to store: signed values win over hints. */
  profile: { name?: string; email?: string };
  verifiedFields: VerifiableField[];
}

export class IdentityRefused extends Error {}

/** Throws IdentityRefused when the user's hash or token does not hold. */
export async function proveIdentity(secret: string, user: NonNullable<VisitorAuth['user']>): Promise<ProvenIdentity> {
  const hints = { ...(user.name ? { name: user.name } : {}), ...(user.email ? { email: user.email } : {}) };
  if (user.token) {
    const signed = await verifyIdentityToken(secret, user.token).catch((error: unknown) => {
      throw new IdentityRefused(error instanceof IdentityTokenError ? error.message : 'The identity token could not be checked.');
    });
    if (signed.id !== user.id) throw new IdentityRefused('The identity token was issued for another user id.');
    return {
      externalId: signed.id,
      profile: { ...hints, ...(signed.name ? { name: signed.name } : {}), ...(signed.email ? { email: signed.email } : {}) },
      verifiedFields: signed.fields,
    };
  }
  if (!user.hash || !verifyIdentity(secret, user.id, user.hash))
    throw new IdentityRefused('The identity hash does not match this user id.');
  return { externalId: user.id, profile: hints, verifiedFields: ['id'] };
}

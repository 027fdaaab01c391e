/**
 * Who a visitor handshake speaks for: the visitor its token names, the user the site vouched
 * for, or a new visitor; and the token the widget should keep.
 */
import type { VisitorAuth } from '../../protocol/events.js';
import type { VerifiableField } from '../../protocol/types.js';
import { IdentityRefused, proveIdentity } from '../auth/identity.js';
import { hashToken, looksLikeToken, newToken } from '../auth/tokens.js';
import type { VisitorRecord } from '../store/store.js';
import type { RelayDeps } from './deps.js';

export function refuse(code: string, message: string): Error {
  const error = new Error(message) as Error & { data: { code: string } };
  error.data = { code };
  return error;
}

/** The stored visitor the handshake's token names, if any. */
export async function visitorByToken(
  deps: RelayDeps,
  auth: VisitorAuth,
): Promise<{ tokenHash: string; visitor: VisitorRecord } | null> {
  if (!looksLikeToken(auth.token)) return null;
  const tokenHash = hashToken(auth.token);
  const visitor = await deps.store.findVisitorByTokenHash(auth.site, tokenHash);
  return visitor ? { tokenHash, visitor } : null;
}

/** Finds or creates the visitor behind a handshake; returns it with the token it should keep. */
export async function resolveVisitor(
  deps: RelayDeps,
  auth: VisitorAuth,
  byToken: VisitorRecord | null,
): Promise<{ visitor: VisitorRecord; token: string }> {
  const { store } = deps;
  const site = deps.site(auth.site)!;
  const profile = {
    ...(auth.user?.name ? { name: auth.user.name } : {}),
    ...(auth.user?.email ? { email: auth.user.email } : {}),
    ...(auth.locale ? { locale: auth.locale.slice(0, 16) } : {}),
  };

  // A verified identity follows the user across devices; an unverified one is only a name hint.
  if (auth.user && site.secret) {
    const proven = await proveIdentity(site.secret, auth.user).catch((error: unknown) => {
      throw error instanceof IdentityRefused ? refuse('unauthorized', error.message) : error;
    });
    return resolveIdentified(
      store,
      site.key,
      { ...profile, ...proven.profile, verifiedFields: proven.verifiedFields },
      proven.externalId,
      byToken,
      auth.token,
    );
  }
  if (byToken && auth.token) {
    const changed = Object.keys(profile).length > 0;
    return { visitor: changed ? await store.updateVisitor(byToken.id, profile) : byToken, token: auth.token };
  }
  const token = newToken();
  return { visitor: await store.createVisitor({ site: site.key, tokenHash: hashToken(token), ...profile }), token };
}

/** The visitor of a user the site vouched for: found by the site's user id, else created. */
async function resolveIdentified(
  store: RelayDeps['store'],
  site: string,
  profile: { name?: string; email?: string; locale?: string; verifiedFields: VerifiableField[] },
  externalId: string,
  byToken: VisitorRecord | null,
  token: string | undefined,
): Promise<{ visitor: VisitorRecord; token: string }> {
  const known = await store.findVisitorByExternalId(site, externalId);
  if (known) {
    if (byToken && byToken.id === known.id && token) return { visitor: await store.updateVisitor(known.id, profile), token };
    const fresh = newToken();
    return { visitor: await store.updateVisitor(known.id, { ...profile, tokenHash: hashToken(fresh) }), token: fresh };
  }
  const fresh = newToken();
  return { visitor: await store.createVisitor({ site, tokenHash: hashToken(fresh), externalId, ...profile }), token: fresh };
}

/**
 * Lets a visitor socket in: a valid handshake for a known site from an allowed origin, within the
 * connection limits; leaves the visitor's id on the socket and its token in `tokens`.
 */
import * as v from 'valibot';
import { describeIssues, visitorAuthSchema } from '../../protocol/schemas.js';
import { clientAddressResolver } from '../http/trust-proxy.js';
import { isOriginAllowed } from '../sites.js';
import { createConnectionLimits } from './connection-limits.js';
import type { RelayDeps, VisitorNamespace } from './deps.js';
import { refuse, resolveVisitor, visitorByToken } from './visitor-identity.js';

type Middleware = Parameters<VisitorNamespace['use']>[0];

export function visitorHandshake(deps: RelayDeps, tokens: WeakMap<object, string>): Middleware {
  const connectionLimits = createConnectionLimits(deps.limits, deps.limiter);
  const clientAddress = clientAddressResolver(deps.config.trustProxy);
  return (socket, next) => {
    const parsed = v.safeParse(visitorAuthSchema, socket.handshake.auth);
    if (!parsed.success) return next(refuse('invalid_payload', `Bad handshake: ${describeIssues(parsed.issues)}`));
    const auth = parsed.output;
    const site = deps.site(auth.site);
    if (!site) return next(refuse('unknown_site', `There is no site "${auth.site}" on this server.`));
    if (!isOriginAllowed(site, socket.handshake.headers.origin, socket.handshake.headers.host)) {
      return next(
        refuse(
          'origin_not_allowed',
          `Pages at ${socket.handshake.headers.origin} may not use site "${site.key}"; add the origin to allowedOrigins.`,
        ),
      );
    }
    visitorByToken(deps, auth)
      .then(async (returning) => {
        await (returning
          ? connectionLimits.returning(returning.tokenHash)
          : connectionLimits.fresh(clientAddress(socket.request)));
        return resolveVisitor(deps, auth, returning?.visitor ?? null);
      })
      .then(({ visitor, token }) => {
        socket.data = { site: site.key, visitorId: visitor.id };
        tokens.set(socket, token);
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof Error && 'data' in error) return next(error);
        deps.logger.error({ err: error }, 'visitor handshake failed');
        next(refuse('internal', 'The server could not start the chat; please try again.'));
      });
  };
}

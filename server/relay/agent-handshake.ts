/** Lets an agent socket in only from this server's own pages and with a live session cookie. */
import { agentFromCookies } from '../auth/sessions.js';
import { isSameHost } from '../http/origins.js';
import type { AgentNamespace, RelayDeps } from './deps.js';

type Middleware = Parameters<AgentNamespace['use']>[0];

function refusal(code: string, message: string): Error {
  const error = new Error(message) as Error & { data: object };
  error.data = { code };
  return error;
}

export function agentHandshake({ store, logger }: RelayDeps): Middleware {
  return (socket, next) => {
    const origin = socket.handshake.headers.origin;
    // The console is served by this server: a cookie-bearing socket from another origin is a
    // cross-site hijack attempt, not a user.
    if (origin && !isSameHost(origin, socket.handshake.headers.host))
      return next(refusal('origin_not_allowed', 'The console must be opened from this server.'));
    agentFromCookies(store, socket.handshake.headers.cookie)
      .then((found) => {
        if (!found) return next(refusal('unauthorized', 'Sign in first.'));
        socket.data = {
          agentId: found.agent.id,
          sessionId: found.tokenHash,
          status: 'online',
          name: found.agent.name,
          sites: found.agent.sites,
        };
        next();
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'agent handshake failed');
        next(new Error('The server could not check the session.'));
      });
  };
}

/** What the handlers of both namespaces share: the namespaces, the dependencies, the committer, the relay and the limiters. */
import { createCommitter, type Committer } from './committer.js';
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import { createFloodLimiter } from './guard.js';
import { messageRelay, type MessageRelay } from './message-relay.js';

export interface NamespaceContext {
  agents: AgentNamespace;
  visitors: VisitorNamespace;
  deps: RelayDeps;
  committer: Committer;
  /** Sends a saved message to its visitor's tabs and its site's agents. */
  relay: MessageRelay;
  /** Messages one agent or visitor may send per 10 s. */
  messageLimiter: ReturnType<RelayDeps['limiter']>;
  /** Socket events per 5 s before the socket is disconnected. */
  floodLimiter: ReturnType<typeof createFloodLimiter>;
}

export function createNamespaceContext(
  side: 'agent' | 'visitor',
  agents: AgentNamespace,
  visitors: VisitorNamespace,
  deps: RelayDeps,
): NamespaceContext {
  const { limits } = deps;
  const agent = side === 'agent';
  return {
    agents,
    visitors,
    deps,
    relay: messageRelay(agents, visitors),
    committer: createCommitter(deps.store, deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
    messageLimiter: deps.limiter(`${side}-messages`, agent ? limits.agentMessagesPer10s : limits.visitorMessagesPer10s, 10),
    // An agent works many conversations at once: it gets three times a visitor's events.
    floodLimiter: createFloodLimiter({ points: limits.eventsPer5s * (agent ? 3 : 1), windowSeconds: 5 }),
  };
}

/** What every visitor socket's handlers share: the namespaces, the limiters and the committer. */
import { createCommitter, type Committer } from './committer.js';
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import { createFloodLimiter } from './guard.js';
import type { UpdateNotifier } from './updates.js';

export interface VisitorContext {
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  deps: RelayDeps;
  updates: UpdateNotifier;
  committer: Committer;
  messageLimiter: ReturnType<RelayDeps['limiter']>;
  floodLimiter: ReturnType<typeof createFloodLimiter>;
  /** The token each socket's visitor should keep, from the handshake to the hello. */
  tokens: WeakMap<object, string>;
}

export function createVisitorContext(
  visitors: VisitorNamespace,
  agents: AgentNamespace,
  deps: RelayDeps,
  updates: UpdateNotifier,
): VisitorContext {
  const { store, limits } = deps;
  return {
    visitors,
    agents,
    deps,
    updates,
    committer: createCommitter(store, deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
    messageLimiter: deps.limiter('visitor-messages', limits.visitorMessagesPer10s, 10),
    floodLimiter: createFloodLimiter({ points: limits.eventsPer5s, windowSeconds: 5 }),
    tokens: new WeakMap<object, string>(),
  };
}

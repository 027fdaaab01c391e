/** What every visitor socket's handlers share: the namespace context, and the tokens handshakes hand out. */
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import { createNamespaceContext, type NamespaceContext } from './namespace-context.js';
import type { UpdateNotifier } from './updates.js';

export interface VisitorContext extends NamespaceContext {
  updates: UpdateNotifier;
  /** The token each socket's visitor should keep, from the handshake to the hello. */
  tokens: WeakMap<object, string>;
}

export function createVisitorContext(
  visitors: VisitorNamespace,
  agents: AgentNamespace,
  deps: RelayDeps,
  updates: UpdateNotifier,
): VisitorContext {
  return { ...createNamespaceContext('visitor', agents, visitors, deps), updates, tokens: new WeakMap<object, string>() };
}

/**
 * The /agent namespace: signed-in agents see the queue, claim, transfer, reply (or write
 * internal notes, which never reach the visitor) and close. Each group of events has its module;
 * this file only lists them.
 */
import { createAgentContext } from './agent-context.js';
import { setUpAgentSocket } from './agent-connection.js';
import { registerConversationHandlers } from './agent-conversations.js';
import { agentHandshake } from './agent-handshake.js';
import { registerAgentMessageHandlers } from './agent-messages.js';
import { registerAgentAnswerHandlers } from './agent-answers.js';
import { registerAgentSignalHandlers } from './agent-signals.js';
import { registerStatusHandlers } from './agent-status.js';
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import type { Summaries } from './summaries.js';
import type { UpdateNotifier } from './updates.js';

export { agentProfile } from './agent-connection.js';

export function registerAgentNamespace(
  agents: AgentNamespace,
  visitors: VisitorNamespace,
  deps: RelayDeps,
  summaries: Summaries,
  messageUpdates: UpdateNotifier,
): void {
  const ctx = createAgentContext(agents, visitors, deps, summaries, messageUpdates);
  agents.use(agentHandshake(deps));
  agents.on('connection', (socket) => {
    setUpAgentSocket(socket, ctx);
    registerConversationHandlers(socket, ctx);
    registerAgentMessageHandlers(socket, ctx);
    registerAgentAnswerHandlers(socket, ctx);
    registerAgentSignalHandlers(socket, ctx);
    registerStatusHandlers(socket, ctx);
  });
  deps.metrics.gauge('pasokh_agent_sockets', () => agents.sockets.size);
}

/**
 * The /visitor namespace: who the visitor is (token or verified identity), what it may read
 * (only its own conversations), and the handlers that validate, save, acknowledge, then relay.
 * Each group of events has its module; this file only lists them.
 */
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import type { UpdateNotifier } from './updates.js';
import { createVisitorContext } from './visitor-context.js';
import { visitorHandshake } from './visitor-handshake.js';
import { registerVisitorMessageHandlers } from './visitor-messages.js';
import { registerOfflineHandlers } from './visitor-offline.js';
import { setUpVisitorSocket } from './visitor-session.js';
import { registerVisitorSignalHandlers } from './visitor-signals.js';
import { registerSurveyHandlers } from './visitor-survey.js';

export function registerVisitorNamespace(
  visitors: VisitorNamespace,
  agents: AgentNamespace,
  deps: RelayDeps,
  updates: UpdateNotifier,
): void {
  const ctx = createVisitorContext(visitors, agents, deps, updates);
  visitors.use(visitorHandshake(deps, ctx.tokens));
  visitors.on('connection', (socket) => {
    const session = setUpVisitorSocket(socket, ctx);
    registerVisitorMessageHandlers(socket, session);
    registerVisitorSignalHandlers(socket, session);
    registerOfflineHandlers(socket, session);
    registerSurveyHandlers(socket, session);
  });
  deps.metrics.gauge('pasokh_visitor_sockets', () => visitors.sockets.size);
}

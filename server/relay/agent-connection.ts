/**
 * A new agent socket: guarded, in its rooms, greeted with its profile and the queue; presence
 * follows it in and out.
 */
import type { AgentProfile } from '../../protocol/types.js';
import { AGENT_CLIENT_EVENTS } from '../../protocol/events.js';
import { installSessionGuard } from '../auth/revocation.js';
import type { AgentRecord } from '../store/store.js';
import type { AgentContext } from './agent-context.js';
import type { AgentSocket } from './deps.js';
import { installSocketGuard } from './guard.js';
import { rooms } from './rooms.js';

const AGENT_EVENTS = new Set<string>(AGENT_CLIENT_EVENTS);

export function agentProfile(agent: AgentRecord): AgentProfile {
  return { id: agent.id, email: agent.email, name: agent.name, role: agent.role, disabled: agent.disabled, sites: agent.sites };
}

export function setUpAgentSocket(socket: AgentSocket, ctx: AgentContext): void {
  const { deps } = ctx;
  const { agentId } = socket.data;
  installSocketGuard(socket, AGENT_EVENTS, ctx.floodLimiter);
  installSessionGuard(socket, ctx.sessions);
  ctx.revocations.watch();
  void socket.join([rooms.agents, rooms.agent(agentId), rooms.session(socket.data.sessionId)]);
  ctx.scope.join(socket);

  (async () => {
    const agent = await deps.store.getAgent(agentId);
    if (!agent) return socket.disconnect(true);
    socket.emit('hello', { agent: agentProfile(agent), status: socket.data.status });
    socket.emit('queue', await ctx.queue(socket.data));
    await deps.presence.broadcast();
  })().catch((error: unknown) => deps.logger.error({ err: error }, 'agent hello failed'));

  socket.on('disconnect', () => {
    deps.presence.broadcast().catch((error: unknown) => deps.logger.error({ err: error }, 'presence broadcast failed'));
  });
}

/** An agent sets itself online or away; presence follows. */
import { statusSetSchema } from '../../protocol/schemas.js';
import type { AgentContext } from './agent-context.js';
import type { AgentSocket } from './deps.js';
import { guarded } from './guard.js';

export function registerStatusHandlers(socket: AgentSocket, ctx: AgentContext): void {
  const { agentId } = socket.data;
  socket.on(
    'status:set',
    guarded(ctx.deps.logger, statusSetSchema, async ({ status }) => {
      // Every tab of this agent on this process follows (a remote socket's data is a copy, so
      // tabs on other processes keep theirs; the console re-sends its status on reconnect).
      for (const tab of ctx.agents.sockets.values()) if (tab.data.agentId === agentId) tab.data.status = status;
      await ctx.deps.presence.broadcast();
      return {};
    }),
  );
}

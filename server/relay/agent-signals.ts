/** Typing and read receipts from an agent: relayed, never stored. */
import { readSchema, typingSchema } from '../../protocol/schemas.js';
import type { AgentContext } from './agent-context.js';
import type { AgentSocket } from './deps.js';
import { guardedSignal } from './guard.js';
import { rooms } from './rooms.js';

export function registerAgentSignalHandlers(socket: AgentSocket, ctx: AgentContext): void {
  const { logger } = ctx.deps;

  socket.on(
    'typing',
    guardedSignal(logger, typingSchema, async ({ conversationId, typing }) => {
      const { visitorId, site } = await ctx.ownerOf(conversationId, socket.data);
      ctx.visitors.to(rooms.visitor(visitorId)).emit('typing', { conversationId, typing, name: socket.data.name });
      socket.to(rooms.agentsOf(site)).emit('typing', { conversationId, typing, from: 'agent', name: socket.data.name });
    }),
  );

  socket.on(
    'read',
    guardedSignal(logger, readSchema, async ({ conversationId, seq }) => {
      const { visitorId, site } = await ctx.ownerOf(conversationId, socket.data);
      ctx.visitors.to(rooms.visitor(visitorId)).emit('read', { conversationId, seq });
      socket.to(rooms.agentsOf(site)).emit('read', { conversationId, seq, by: 'agent' });
    }),
  );
}

/** Typing and read receipts from a visitor: relayed to the site's agents, never stored. */
import { readSchema, typingSchema } from '../../protocol/schemas.js';
import type { VisitorSocket } from './deps.js';
import { guardedSignal } from './guard.js';
import { rooms } from './rooms.js';
import type { VisitorSession } from './visitor-session.js';

export function registerVisitorSignalHandlers(socket: VisitorSocket, session: VisitorSession): void {
  const { ctx, owned } = session;
  const agentsOfSite = () => ctx.agents.to(rooms.agentsOf(session.site.key));

  socket.on(
    'typing',
    guardedSignal(ctx.deps.logger, typingSchema, async ({ conversationId, typing }) => {
      if (!owned.has(conversationId)) await session.ownConversation(conversationId);
      agentsOfSite().emit('typing', { conversationId, typing, from: 'visitor' });
    }),
  );

  socket.on(
    'read',
    guardedSignal(ctx.deps.logger, readSchema, async ({ conversationId, seq }) => {
      if (!owned.has(conversationId)) await session.ownConversation(conversationId);
      agentsOfSite().emit('read', { conversationId, seq, by: 'visitor' });
    }),
  );
}

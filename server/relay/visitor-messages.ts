/** A visitor's messages, and the catch-up after a reconnect. */
import { syncRequestSchema, visitorMessageSendSchema } from '../../protocol/schemas.js';
import type { VisitorSocket } from './deps.js';
import { guarded } from './guard.js';
import { saveVisitorMessage } from './visitor-save.js';
import type { VisitorSession } from './visitor-session.js';

export function registerVisitorMessageHandlers(socket: VisitorSocket, session: VisitorSession): void {
  const { logger, store } = session.ctx.deps;

  socket.on(
    'message:send',
    guarded(logger, visitorMessageSendSchema, async (input) => {
      const { message, conversation } = await saveVisitorMessage(session, input);
      return { conversationId: conversation.id, seq: message.seq, createdAt: message.createdAt };
    }),
  );

  socket.on(
    'messages:sync',
    guarded(logger, syncRequestSchema, async ({ conversationId, afterSeq }) => {
      await session.ownConversation(conversationId);
      return { messages: await store.listMessages(conversationId, { afterSeq, includeInternal: false }) };
    }),
  );
}

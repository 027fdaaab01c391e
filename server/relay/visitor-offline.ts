/** The offline form: the visitor's message and an address to answer by mail. */
import { offlineLeaveSchema } from '../../protocol/schemas.js';
import type { VisitorSocket } from './deps.js';
import { guarded } from './guard.js';
import { saveVisitorMessage } from './visitor-save.js';
import type { VisitorSession } from './visitor-session.js';

export function registerOfflineHandlers(socket: VisitorSocket, session: VisitorSession): void {
  const { logger, store } = session.ctx.deps;
  socket.on(
    'offline:leave',
    guarded(logger, offlineLeaveSchema, async ({ clientId, email, text, name, context }) => {
      await store.updateVisitor(session.visitorId, { email, ...(name ? { name } : {}) });
      const { conversation } = await saveVisitorMessage(session, {
        clientId,
        text,
        offline: true,
        email,
        ...(name ? { name } : {}),
        ...(context ? { context } : {}),
      });
      return { conversationId: conversation.id };
    }),
  );
}

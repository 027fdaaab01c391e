/** The visitor rates a closed conversation. */
import { surveyAnswerSchema } from '../../protocol/schemas.js';
import type { VisitorSocket } from './deps.js';
import { guarded } from './guard.js';
import type { VisitorSession } from './visitor-session.js';

export function registerSurveyHandlers(socket: VisitorSocket, session: VisitorSession): void {
  const { logger, store } = session.ctx.deps;
  socket.on(
    'survey:answer',
    guarded(logger, surveyAnswerSchema, async ({ conversationId, score, comment }) => {
      await session.ownConversation(conversationId);
      await store.saveSurvey(conversationId, score, comment ?? null);
      return {};
    }),
  );
}

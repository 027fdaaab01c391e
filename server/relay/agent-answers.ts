/** Suggested answers for the visitor's latest message (FAQ entries, saved replies). */
import { conversationRefSchema } from '../../protocol/schemas.js';
import type { AgentContext } from './agent-context.js';
import type { AgentSocket } from './deps.js';
import { guarded } from './guard.js';

export function registerAgentAnswerHandlers(socket: AgentSocket, ctx: AgentContext): void {
  const { agentId } = socket.data;
  socket.on(
    'answers:suggest',
    guarded(ctx.deps.logger, conversationRefSchema, async ({ conversationId }) => {
      const conversation = await ctx.findConversation(conversationId, socket.data);
      await ctx.suggestLimiter.consume(agentId);
      if (!ctx.deps.answers) return { query: '', answers: [] };
      return ctx.deps.answers.suggest(conversation);
    }),
  );
}

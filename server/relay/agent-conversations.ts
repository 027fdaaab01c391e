/** An agent claims, transfers, closes and opens conversations. */
import { conversationRefSchema, conversationTransferSchema } from '../../protocol/schemas.js';
import { servesSite } from '../auth/agent-sites.js';
import type { AgentContext } from './agent-context.js';
import type { AgentSocket } from './deps.js';
import { guarded, RelayError } from './guard.js';
import { rooms } from './rooms.js';

export function registerConversationHandlers(socket: AgentSocket, ctx: AgentContext): void {
  const { store, logger } = ctx.deps;
  const { agentId } = socket.data;
  const find = (conversationId: string) => ctx.findConversation(conversationId, socket.data);

  socket.on(
    'conversation:claim',
    guarded(logger, conversationRefSchema, async ({ conversationId }) => {
      const conversation = await find(conversationId);
      if (conversation.assigneeId === agentId) return { conversation: await ctx.summaries.summarize(conversation) };
      const claimed = await store.assignConversation(conversationId, agentId, { onlyIfUnassigned: true });
      if (!claimed) throw new RelayError('conflict', 'Another agent has already claimed this conversation.');
      return { conversation: await ctx.updated(claimed) };
    }),
  );

  socket.on(
    'conversation:transfer',
    guarded(logger, conversationTransferSchema, async ({ conversationId, agentId: target }) => {
      const conversation = await find(conversationId);
      const to = await store.getAgent(target);
      if (!to || to.disabled || !servesSite(to, conversation.site))
        throw new RelayError('not_found', 'No such agent to transfer to.');
      const moved = await store.assignConversation(conversationId, to.id);
      if (!moved) throw new RelayError('not_found', 'No such conversation.');
      return { conversation: await ctx.updated(moved) };
    }),
  );

  socket.on(
    'conversation:close',
    guarded(logger, conversationRefSchema, async ({ conversationId }) => {
      const conversation = await find(conversationId);
      const closed = conversation.status === 'closed' ? conversation : await store.closeConversation(conversationId);
      ctx.visitors.to(rooms.visitor(closed.visitorId)).emit('conversation:closed', { conversationId, survey: true });
      return { conversation: await ctx.updated(closed) };
    }),
  );

  socket.on(
    'conversation:get',
    guarded(logger, conversationRefSchema, async ({ conversationId }) => ({
      conversation: await ctx.summaries.detail(await find(conversationId)),
    })),
  );
}

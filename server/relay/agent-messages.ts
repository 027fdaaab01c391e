/** An agent's replies and internal notes, and the catch-up after a reconnect. */
import { agentMessageSendSchema, syncRequestSchema } from '../../protocol/schemas.js';
import type { AnswerCard } from '../../protocol/answers.js';
import type { AgentContext } from './agent-context.js';
import type { AgentSocket } from './deps.js';
import { attachmentRefs } from './attachment-refs.js';
import { guarded, RelayError } from './guard.js';

/** The card for FAQ entry `entryId` of the site; a note cannot carry one. */
function cardOf(ctx: AgentContext, site: string, entryId: string, internal?: boolean): AnswerCard {
  if (internal) throw new RelayError('invalid_payload', 'An internal note cannot carry an answer card.');
  const card = ctx.deps.answers?.card(site, entryId);
  if (!card) throw new RelayError('not_found', `This site's FAQ has no answer "${entryId}".`);
  return card;
}

export function registerAgentMessageHandlers(socket: AgentSocket, ctx: AgentContext): void {
  const { store, logger, metrics } = ctx.deps;
  const { agentId } = socket.data;

  socket.on(
    'message:send',
    guarded(logger, agentMessageSendSchema, async ({ conversationId, clientId, text, internal, attachments, card: asked }) => {
      const arrived = performance.now();
      const conversation = await ctx.findConversation(conversationId, socket.data);
      if (conversation.status === 'closed') throw new RelayError('closed', 'This conversation is closed.');
      const card = asked && cardOf(ctx, conversation.site, asked.entryId, internal);
      await ctx.messageLimiter.consume(agentId);
      const files = await attachmentRefs(ctx.deps, attachments, conversation);
      // Acked only after the group commit that holds it (docs/architecture.md, "Delivery").
      const { message, duplicate } = await ctx.committer.append(conversationId, {
        clientId,
        author: { kind: 'agent', id: agentId, name: socket.data.name },
        text,
        ...(internal ? { internal: true } : {}),
        ...files,
        ...(card ? { card } : {}),
      });
      if (duplicate) {
        metrics.inc('pasokh_messages_duplicate_total');
        return { seq: message.seq, createdAt: message.createdAt };
      }
      metrics.inc('pasokh_messages_total');
      metrics.observe('pasokh_message_commit_seconds', (performance.now() - arrived) / 1000);
      // Relayed before anything else is awaited, so live messages leave in commit (seq) order.
      ctx.relay(message, { visitorId: message.internal ? null : conversation.visitorId, site: conversation.site });
      // Replying to an unassigned conversation takes it, as in every help desk.
      // Only then does the queue row change beyond what `message:new` tells the console.
      if (!internal && !conversation.assigneeId) {
        await store.assignConversation(conversationId, agentId, { onlyIfUnassigned: true });
        ctx.messageUpdates.changed(conversationId);
      }
      // The card links the visitor's words to the answer: search learns them (after the relay).
      if (card) await ctx.deps.answers?.linked(conversation, card, agentId);
      return { seq: message.seq, createdAt: message.createdAt };
    }),
  );

  socket.on(
    'messages:sync',
    guarded(logger, syncRequestSchema, async ({ conversationId, afterSeq }) => {
      await ctx.findConversation(conversationId, socket.data);
      return { messages: await store.listMessages(conversationId, { afterSeq, includeInternal: true }) };
    }),
  );
}

/**
 * Saves a visitor's message (acked only after the group commit that holds it), relays it, and
 * acknowledges a new conversation with an automatic reply when the site wants one.
 */
import type { Author, Message } from '../../protocol/types.js';
import type { ConversationRecord } from '../store/store.js';
import { attachmentRefs } from './attachment-refs.js';
import { autoAckClientId, autoAckText, visitorLocale } from './auto-ack.js';
import type { VisitorSession } from './visitor-session.js';

export interface VisitorMessageInput {
  clientId: string;
  text: string;
  /** Ids of the visitor's uploads. */
  attachments?: string[];
  context?: object;
  offline?: boolean;
  name?: string;
  email?: string;
}

/**
 * `changed`: the message also changed what a queue row shows beyond its last message and
 * wait (a new conversation, new context): agents then get `conversation:updated` too. A
 * plain message needs none — the console keeps those two from `message:new` by the store's
 * rules — which spares every agent a summary, and the server two reads, per message.
 */
function relay({ ctx, visitorId, site }: VisitorSession, message: Message, conversation: ConversationRecord, changed: boolean) {
  ctx.relay(message, { visitorId, site: site.key });
  if (changed) ctx.updates.changed(conversation.id, conversation);
}

export async function saveVisitorMessage(session: VisitorSession, input: VisitorMessageInput) {
  const { ctx, visitorId, site } = session;
  const { metrics } = ctx.deps;
  const arrived = performance.now();
  await ctx.messageLimiter.consume(visitorId);
  const author: Author = { kind: 'visitor', id: visitorId, ...(input.name ? { name: input.name } : {}) };
  const files = await attachmentRefs(ctx.deps, input.attachments, { site: site.key, visitorId });
  // Acked only after the group commit that holds it (docs/architecture.md, "Delivery").
  const result = await ctx.committer.appendVisitor({
    site: site.key,
    visitorId,
    message: { clientId: input.clientId, author, text: input.text, ...files },
    ...(input.context ? { context: input.context } : {}),
    ...(input.offline ? { offline: true } : {}),
  });
  session.owned.add(result.conversation.id);
  if (result.duplicate) {
    metrics.inc('pasokh_messages_duplicate_total');
    return result;
  }
  metrics.inc('pasokh_messages_total');
  metrics.observe('pasokh_message_commit_seconds', (performance.now() - arrived) / 1000);
  if (result.created) metrics.inc('pasokh_conversations_opened_total');
  relay(session, result.message, result.conversation, result.created || input.context !== undefined || input.offline === true);
  // Acknowledged at once and told when to expect a person; after the visitor's own ack, so it
  // never delays it.
  if (result.created && site.autoAcknowledge) {
    const mailed = input.offline && ctx.deps.config.mail.transport.kind !== 'off';
    void acknowledge(session, result.conversation, mailed ? (input.email ?? null) : null);
  }
  return result;
}

async function acknowledge(session: VisitorSession, conversation: ConversationRecord, email: string | null): Promise<void> {
  const { ctx, site } = session;
  try {
    const presence = await ctx.deps.presence.forSite(site);
    const locale = visitorLocale(conversation.context.locale, site.locale);
    const { message, duplicate } = await ctx.committer.append(conversation.id, {
      clientId: autoAckClientId(conversation.id),
      author: { kind: 'system' },
      text: autoAckText(locale, presence, email ?? undefined),
    });
    if (!duplicate) relay(session, message, conversation, false);
  } catch (error) {
    ctx.deps.logger.warn({ err: error, conversationId: conversation.id }, 'automatic acknowledgement failed');
  }
}

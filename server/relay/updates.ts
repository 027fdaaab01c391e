/**
 * `conversation:updated` after a message that changed what a queue row shows beyond its last
 * message and wait (a new conversation, new context, an assignment), coalesced per
 * conversation: the first change is sent at once, changes within the next `intervalMs` become
 * one trailing update read fresh from the store. Plain messages send none: the console keeps
 * those two fields from `message:new`, and a summary read before a message it has already
 * applied does not take them back (console/lib/queue.ts freshestSummary). The summary (up to
 * three reads) stays off the path to the sender's ack.
 */
import type { Logger } from 'pino';
import type { ConversationRecord, Store } from '../store/store.js';
import type { AgentNamespace } from './deps.js';
import { rooms } from './rooms.js';
import type { Summaries } from './summaries.js';

export interface UpdateNotifier {
  /** A message changed this conversation; `known` saves a read when the caller holds it fresh. */
  changed(conversationId: string, known?: ConversationRecord): void;
}

/** @param intervalMs @default 500 */
export function createUpdateNotifier(
  deps: { agents: AgentNamespace; store: Store; summaries: Summaries; logger: Logger },
  intervalMs = 500,
): UpdateNotifier {
  const quiet = new Map<string, { dirty: boolean }>();

  async function send(conversationId: string, known?: ConversationRecord): Promise<void> {
    const conversation = known ?? (await deps.store.getConversation(conversationId));
    if (conversation)
      deps.agents
        .to(rooms.agentsOf(conversation.site))
        .emit('conversation:updated', await deps.summaries.summarize(conversation));
  }

  function changed(conversationId: string, known?: ConversationRecord): void {
    const window = quiet.get(conversationId);
    if (window) {
      window.dirty = true;
      return;
    }
    const entry = { dirty: false };
    quiet.set(conversationId, entry);
    send(conversationId, known).catch((error: unknown) => deps.logger.error({ err: error }, 'conversation update failed'));
    setTimeout(() => {
      quiet.delete(conversationId);
      if (entry.dirty) changed(conversationId);
    }, intervalMs).unref();
  }

  return { changed };
}

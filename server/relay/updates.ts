/**
 * `conversation:updated` after a message, coalesced per conversation: the first change is sent
 * at once, changes within the next `intervalMs` become one trailing update read fresh from the
 * store. A busy conversation costs agents a few summaries a second instead of one per message,
 * and the summary (two reads) stays off the path to the sender's ack.
 */
import type { Logger } from 'pino';
import type { ConversationRecord, Store } from '../store/store.js';
import type { AgentNamespace } from './deps.js';
import { rooms } from './rooms.js';
import type { Summaries } from './summaries.js';

export interface UpdateNotifier {
  /** A message changed this conversation; `known` saves a read when the caller holds it fresh. */
  changed(conversationId: string, known?: ConversationRecord): void;
  /**
   * A plain message arrived: agents keep the row from `message:new` alone, unless a summary of
   * this conversation went out in the last interval — it may have been read before this
   * message and arrive after it, so the trailing update brings the row up to date.
   */
  touched(conversationId: string): void;
}

/** @param intervalMs @default 500 */
export function createUpdateNotifier(deps: { agents: AgentNamespace; store: Store; summaries: Summaries; logger: Logger }, intervalMs = 500): UpdateNotifier {
  const quiet = new Map<string, { dirty: boolean }>();

  async function send(conversationId: string, known?: ConversationRecord): Promise<void> {
    const conversation = known ?? (await deps.store.getConversation(conversationId));
    if (conversation) deps.agents.to(rooms.agents).emit('conversation:updated', await deps.summaries.summarize(conversation));
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

  function touched(conversationId: string): void {
    const window = quiet.get(conversationId);
    if (window) window.dirty = true;
  }

  return { changed, touched };
}

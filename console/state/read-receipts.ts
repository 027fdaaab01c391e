/**
 * How far the agent has read: kept per conversation for the unread counts (and saved, so a
 * reload does not mark everything unread), and told to the visitor as "seen" up to the last
 * message the visitor can see: an internal note's seq stays the agents' own.
 */
import type { ConversationId } from '../../protocol/types.js';
import { lastSeq } from '../../client/merge.js';
import type { Store } from './store.js';
import type { ConsoleState } from './state.js';

export interface ReadReceiptsDeps {
  store: Store<ConsoleState>;
  save(readSeq: Record<ConversationId, number>): void;
  /** Sends `read` to the server; false when not connected (it is tried again next time). */
  emit(payload: { conversationId: ConversationId; seq: number }): boolean;
}

export function createReadReceipts({ store, save, emit }: ReadReceiptsDeps) {
  const told: Record<ConversationId, number> = {};
  return {
    /** The agent has the conversation on screen. */
    markRead(id: ConversationId): void {
      const s = store.get();
      const open = s.open[id];
      if (!open || !s.agent) return;
      const seq = lastSeq(open.messages);
      if (seq > (s.readSeq[id] ?? 0)) {
        const readSeq = { ...s.readSeq, [id]: seq };
        store.set({ readSeq });
        save(readSeq);
      }
      const visible = [...open.messages].reverse().find((m) => !m.internal)?.seq ?? 0;
      if (visible > (told[id] ?? 0) && emit({ conversationId: id, seq: visible })) told[id] = visible;
    },
  };
}

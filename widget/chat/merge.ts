/**
 * Merging messages by seq: the receiver's half of "never lose, duplicate or reorder" (issue 4).
 * The store numbers each conversation 1, 2, 3…; whatever order messages arrive in (live events,
 * a sync after reconnect, an ack), the list shown is strictly increasing in seq, each seq once.
 */
import type { Message } from '../../protocol/types.js';

/**
 * Returns a new list holding every message of `current` and `incoming` once, sorted by seq.
 * A seq already held is kept as it was (a repeat is ignored); messages of another conversation
 * than `conversationId` are dropped.
 */
export function mergeBySeq(current: readonly Message[], incoming: readonly Message[], conversationId?: string): Message[] {
  const bySeq = new Map<number, Message>();
  for (const message of current) bySeq.set(message.seq, message);
  for (const message of incoming) {
    if (conversationId !== undefined && message.conversationId !== conversationId) continue;
    if (!Number.isInteger(message.seq) || message.seq < 1 || message.internal) continue;
    if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq held, 0 for none: what `messages:sync` asks after. */
export function lastSeq(messages: readonly Message[]): number {
  return messages.length === 0 ? 0 : (messages[messages.length - 1]?.seq ?? 0);
}

/**
 * Whether `incoming` leaves a hole after what is held, so a sync must fill it. Agents' internal
 * notes take seqs the visitor never sees, so a hole is a reason to ask, not proof of a loss.
 */
export function leavesGap(messages: readonly Message[], incoming: Message): boolean {
  return incoming.seq > lastSeq(messages) + 1;
}

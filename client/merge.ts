/**
 * Merging messages by seq: the receiver's half of "never lose, duplicate or reorder". The store
 * numbers each conversation 1, 2, 3…; whatever order messages arrive in (live events, a sync
 * after a reconnect, an ack), the list held is strictly increasing in seq, each seq once.
 */
import type { Message } from '../protocol/types.js';

/**
 * Returns `held` with `incoming` merged in, sorted by seq, one message per seq: a seq already
 * held keeps the copy held, and impossible seqs are dropped. Returns `held` itself when nothing
 * new arrived, so a caller can skip a re-render.
 */
export function mergeBySeq(held: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  const bySeq = new Map<number, Message>();
  for (const message of held) bySeq.set(message.seq, message);
  let added = false;
  for (const message of incoming) {
    if (!Number.isInteger(message.seq) || message.seq < 1 || bySeq.has(message.seq)) continue;
    bySeq.set(message.seq, message);
    added = true;
  }
  return added ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : held;
}

/** The highest seq held, 0 for none. */
export function lastSeq(held: readonly Message[]): number {
  return held.length === 0 ? 0 : (held[held.length - 1]?.seq ?? 0);
}

/** The highest n such that seqs 1…n are all held (0 when seq 1 is missing). */
export function contiguousSeq(held: readonly Message[]): number {
  let expected = 1;
  for (const message of held) {
    if (message.seq < expected) continue;
    if (message.seq !== expected) break;
    expected += 1;
  }
  return expected - 1;
}

/**
 * Merging messages by `seq` (DESIGN.md: seq is 1, 2, 3… per conversation with no gaps). Live
 * events, sync answers and acks can arrive in any order and more than once; whatever the order,
 * the held list stays sorted, without repeats, and a gap is something we can detect and fill.
 */
import type { Message } from '../../protocol/types.js';

/**
 * Returns `held` with `incoming` merged in: sorted by seq, one message per seq (a repeat is
 * ignored, the held copy wins). Returns the same array when nothing new arrived, so callers can
 * skip a re-render.
 */
export function mergeBySeq(held: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  const bySeq = new Map<number, Message>();
  for (const m of held) bySeq.set(m.seq, m);
  let added = false;
  for (const m of incoming) {
    if (!bySeq.has(m.seq)) {
      bySeq.set(m.seq, m);
      added = true;
    }
  }
  if (!added) return held;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The highest seq up to which the held messages have no gap, counted from seq 1: what
 * `messages:sync` asks after so a missing message is fetched again. 0 when seq 1 is missing.
 */
export function contiguousSeq(held: readonly Message[]): number {
  let expected = 1;
  for (const m of held) {
    if (m.seq < expected) continue;
    if (m.seq !== expected) break;
    expected += 1;
  }
  return expected - 1;
}

/** The highest seq held, 0 when none. */
export function lastSeq(held: readonly Message[]): number {
  return held.length === 0 ? 0 : (held[held.length - 1]?.seq ?? 0);
}

import { describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { contiguousSeq, lastSeq, mergeBySeq } from '../../console/lib/merge.js';

const msg = (seq: number, text = `m${seq}`): Message => ({
  id: `id-${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `client-${seq}-0000`,
  author: { kind: seq % 2 ? 'visitor' : 'agent' },
  text,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
});
const seqs = (list: readonly Message[]) => list.map((m) => m.seq);

describe('merging messages by seq', () => {
  it('keeps seq order whatever the arrival order', () => {
    expect(seqs(mergeBySeq([msg(1)], [msg(4), msg(2), msg(3)]))).toEqual([1, 2, 3, 4]);
  });

  it('ignores repeats and keeps the copy already held', () => {
    const held = [msg(1), msg(2, 'original')];
    const merged = mergeBySeq(held, [msg(2, 'repeat'), msg(1)]);
    expect(merged).toBe(held);
    expect(merged[1]?.text).toBe('original');
  });

  it('fills a gap when the missing message arrives later', () => {
    const withGap = mergeBySeq([msg(1), msg(2)], [msg(4)]);
    expect(contiguousSeq(withGap)).toBe(2);
    const filled = mergeBySeq(withGap, [msg(3)]);
    expect(seqs(filled)).toEqual([1, 2, 3, 4]);
    expect(contiguousSeq(filled)).toBe(4);
  });

  it('reports zero held without gaps when seq 1 is missing or nothing is held', () => {
    expect(contiguousSeq([])).toBe(0);
    expect(contiguousSeq([msg(2), msg(3)])).toBe(0);
  });

  it('gives the highest seq held', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq(mergeBySeq([], [msg(7), msg(3)]))).toBe(7);
  });
});

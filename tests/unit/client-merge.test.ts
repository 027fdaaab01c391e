import { describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { contiguousSeq, lastSeq, mergeBySeq } from '../../client/merge.js';

const msg = (seq: number, text = `m${seq}`): Message => ({
  id: `id${seq}`,
  conversationId: 'conv1',
  seq,
  clientId: `client${seq}`,
  author: { kind: seq % 2 ? 'visitor' : 'agent' },
  text,
  createdAt: '2025-01-01T00:00:00Z',
});
const seqs = (messages: readonly Message[]) => messages.map((message) => message.seq);

describe('mergeBySeq', () => {
  it('fills a gap when the sync brings the missing messages', () => {
    const held = [msg(1), msg(2), msg(5)];
    expect(seqs(mergeBySeq(held, [msg(3), msg(4), msg(5), msg(6)]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ignores a repeat and keeps the copy it already had, returning the same list', () => {
    const held = [msg(1, 'original'), msg(2)];
    const merged = mergeBySeq(held, [msg(1, 'repeat'), msg(2)]);
    expect(merged).toBe(held);
    expect(merged.map((message) => message.text)).toEqual(['original', 'm2']);
  });

  it('shows messages arriving out of order strictly by seq', () => {
    let held: readonly Message[] = [];
    for (const seq of [4, 1, 3, 2, 6, 5]) held = mergeBySeq(held, [msg(seq)]);
    expect(seqs(held)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('drops impossible seqs', () => {
    expect(seqs(mergeBySeq([msg(1)], [msg(0), { ...msg(4), seq: 4.5 }, { ...msg(2), seq: -1 }]))).toEqual([1]);
  });

  it('does not change the list it was given', () => {
    const held = [msg(2)];
    mergeBySeq(held, [msg(1)]);
    expect(seqs(held)).toEqual([2]);
  });
});

describe('seq positions', () => {
  it('gives the highest seq held and the end of the run from seq 1', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq(mergeBySeq([], [msg(7), msg(3)]))).toBe(7);
    expect(contiguousSeq([])).toBe(0);
    expect(contiguousSeq([msg(2), msg(3)])).toBe(0);
    expect(contiguousSeq([msg(1), msg(2), msg(4)])).toBe(2);
    expect(contiguousSeq([msg(1), msg(2), msg(3), msg(4)])).toBe(4);
  });
});

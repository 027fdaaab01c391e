import { describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { lastSeq, leavesGap, mergeBySeq } from '../../widget/chat/merge.js';

const msg = (seq: number, text = `m${seq}`, conversationId = 'conv1'): Message => ({
  id: `id${seq}`,
  conversationId,
  seq,
  clientId: `client${seq}`,
  author: { kind: seq % 2 ? 'visitor' : 'agent' },
  text,
  createdAt: '2025-01-01T00:00:00Z',
});
const seqs = (messages: Message[]) => messages.map((message) => message.seq);

describe('mergeBySeq', () => {
  it('fills a gap when the sync brings the missing messages', () => {
    const held = [msg(1), msg(2), msg(5)];
    expect(seqs(mergeBySeq(held, [msg(3), msg(4), msg(5), msg(6)], 'conv1'))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ignores a repeat and keeps the copy it already had', () => {
    const merged = mergeBySeq([msg(1, 'original'), msg(2)], [msg(1, 'repeat'), msg(2)], 'conv1');
    expect(merged.map((message) => message.text)).toEqual(['original', 'm2']);
  });

  it('shows messages arriving out of order strictly by seq', () => {
    let held: Message[] = [];
    for (const seq of [4, 1, 3, 2, 6, 5]) held = mergeBySeq(held, [msg(seq)], 'conv1');
    expect(seqs(held)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('drops messages of another conversation, internal notes and impossible seqs', () => {
    const internal = { ...msg(3), internal: true };
    const merged = mergeBySeq([msg(1)], [msg(2, 'x', 'other'), internal, msg(0), { ...msg(4), seq: 4.5 }], 'conv1');
    expect(seqs(merged)).toEqual([1]);
  });

  it('does not change the list it was given', () => {
    const held = [msg(2)];
    mergeBySeq(held, [msg(1)]);
    expect(seqs(held)).toEqual([2]);
  });
});

describe('gap detection', () => {
  it('asks for a sync when a live message skips a seq, not when it follows on', () => {
    const held = [msg(1), msg(2)];
    expect(leavesGap(held, msg(3))).toBe(false);
    expect(leavesGap(held, msg(5))).toBe(true);
    expect(leavesGap([], msg(1))).toBe(false);
    expect(lastSeq(held)).toBe(2);
    expect(lastSeq([])).toBe(0);
  });
});

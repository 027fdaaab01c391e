import { describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/types.js';
import { createSeqSync, type SyncAnswer } from '../../client/seq-sync.js';

const msg = (seq: number): Message => ({
  id: `id${seq}`,
  conversationId: 'c',
  seq,
  clientId: `k${seq}`,
  author: { kind: 'agent' },
  text: `m${seq}`,
  createdAt: 'a',
});
const upTo = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => msg(from + i));

/** A server holding seqs 1…last; each request is answered when the test says so, or at once. */
function harness(options: { last: number; held?: boolean; pageSize?: number; fail?: number }) {
  const asked: number[] = [];
  const applied: number[][] = [];
  const sleeps: number[] = [];
  const waiting: (() => void)[] = [];
  let failures = options.fail ?? 0;
  const server = { last: options.last };
  const sync = createSeqSync({
    request: async (afterSeq): Promise<SyncAnswer> => {
      asked.push(afterSeq);
      // The server reads when asked; the answer may reach us later.
      const answer = failures-- > 0 ? null : upTo(afterSeq + 1, server.last).slice(0, options.pageSize ?? 500);
      if (options.held) await new Promise<void>((resolve) => waiting.push(resolve));
      return answer;
    },
    apply: (messages) => applied.push(messages.map((m) => m.seq)),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
  });
  const answerNext = async () => {
    waiting.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { sync, asked, applied, sleeps, server, answerNext };
}

describe('seq sync', () => {
  it('moves on without asking while messages follow one another', () => {
    const h = harness({ last: 3 });
    for (const seq of [1, 2, 3]) h.sync.see(seq);
    expect(h.asked).toEqual([]);
  });

  it('asks from before the gap, not from the message that revealed it', async () => {
    const h = harness({ last: 5 });
    h.sync.see(1);
    h.sync.see(2);
    h.sync.see(5);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.asked).toEqual([2]);
    expect(h.applied).toEqual([[3, 4, 5]]);
    h.sync.see(6);
    expect(h.asked).toEqual([2]);
  });

  it('runs once more when a gap shows up while a sync is out', async () => {
    const h = harness({ last: 3, held: true });
    h.sync.see(1);
    h.sync.see(3); // gap at 2: sync after 1, answered with what the server had then (2, 3)
    h.server.last = 5;
    h.sync.see(5); // 4 is missing too, while the first sync is still out
    await h.answerNext();
    await h.answerNext();
    expect(h.asked).toEqual([1, 3]);
    expect(h.applied).toEqual([
      [2, 3],
      [4, 5],
    ]);
  });

  it('reads page after page until a short page', async () => {
    const h = harness({ last: 7, pageSize: 3 });
    await h.sync.sync();
    expect(h.asked).toEqual([0, 3, 6]);
    expect(h.applied.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('tries a failed sync again with backoff, then leaves it to the next reconnect', async () => {
    const h = harness({ last: 2, fail: 5 });
    await h.sync.sync();
    expect(h.asked).toEqual([0, 0, 0]);
    expect(h.sleeps).toEqual([250, 500]);
    expect(h.applied).toEqual([]);
  });

  it('starts after a loaded history once told how far it goes', async () => {
    const h = harness({ last: 9 });
    h.sync.advance(8);
    await h.sync.sync();
    expect(h.asked).toEqual([8]);
    expect(h.applied).toEqual([[9]]);
  });

  it('tells when the conversation is gone', async () => {
    let gone = 0;
    const sync = createSeqSync({ request: async () => 'gone', apply: () => {}, onGone: () => gone++ });
    await sync.sync();
    expect(gone).toBe(1);
  });
});

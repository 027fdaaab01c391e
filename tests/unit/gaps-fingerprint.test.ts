import { describe, expect, it } from 'vitest';
import { jaccard, repeatedReplies, shingles, type SentReply } from '../../server/gaps/fingerprint.js';

let n = 0;
const sent = (text: string, options: Partial<SentReply> = {}): SentReply => ({
  text,
  conversationId: `c${++n}`,
  agentId: 'a1',
  at: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
  ...options,
});

const RETURNS =
  'You can return any item within 30 days: open your order, choose Return, and print the label. The refund reaches your card in 5 working days.';

describe('shingles', () => {
  it('are word 3-shingles after the normaliser, each once', () => {
    expect(shingles('Open your ORDER, open your order')).toEqual(['open your order', 'your order open', 'order open your']);
    expect(shingles('مي‌خواهم كتاب')).toEqual(['میخواهم کتاب']);
    expect(shingles('  ')).toEqual([]);
  });

  it('measure overlap with Jaccard', () => {
    expect(jaccard([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(jaccard([1, 2, 3, 4], [1, 2, 3, 5])).toBeCloseTo(3 / 5);
    expect(jaccard([], [])).toBe(0);
  });
});

describe('repeatedReplies', () => {
  it('groups replies sent near word for word three or more times, and not fewer', () => {
    const replies = [
      sent(RETURNS, { agentId: 'a1' }),
      sent(RETURNS.replace('30 days', '30 days!'), { agentId: 'a2' }),
      // One word changed at the end: still near-identical.
      sent(RETURNS.replace('5 working days', '5 business days')),
      sent('Our shop is open from 9 to 5 on weekdays and closed on public holidays.'),
      sent('Our shop is open from 9 to 5 on weekdays and closed on public holidays.'),
      sent('ok'),
      sent('ok'),
      sent('ok'),
    ];
    const groups = repeatedReplies(replies);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, conversations: 3, agents: 2 });
    expect(groups[0]!.text).toContain('You can return any item');
    expect(groups[0]!.lastSentAt).toBe(replies[2]!.at);
  });

  it('keeps apart replies that share a sentence but differ in the rest', () => {
    const opening = 'Thank you for waiting, I checked your order.';
    const replies = [
      ...Array.from({ length: 3 }, () => sent(`${opening} It left our warehouse yesterday and arrives on Monday.`)),
      ...Array.from({ length: 3 }, () => sent(`${opening} The payment failed, so please try another card or pay at the door.`)),
    ];
    const groups = repeatedReplies(replies);
    expect(groups.map((g) => g.count)).toEqual([3, 3]);
  });

  it('reads Persian with Arabic letters and half-spaces as the same reply', () => {
    const groups = repeatedReplies([
      sent('برای پیگیری سفارش‌ها به صفحه حساب کاربری بروید و شماره سفارش را وارد کنید.'),
      sent('براي پيگيري سفارش ها به صفحه حساب كاربري برويد و شماره سفارش را وارد كنيد.'),
      sent('برای پیگیری سفارشها به صفحه حساب کاربری بروید و شماره سفارش را وارد کنید'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.count).toBe(3);
  });

  it('finds the repeats among 10,000 replies in under 3 s of CPU time', () => {
    const random = mulberry32(11);
    // Replies about many things: a few hundred words, as agents use.
    const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}`);
    const noise = Array.from({ length: 10_000 }, () =>
      sent(Array.from({ length: 8 + Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]).join(' ')),
    );
    const replies = [...noise, sent(RETURNS), sent(RETURNS), sent(RETURNS)];
    // CPU time, not wall time: the test machine is shared, and waiting for a core is not work.
    const cpu = process.cpuUsage();
    const started = performance.now();
    const groups = repeatedReplies(replies);
    const ms = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    const cpuMs = (user + system) / 1000;
    console.log(
      `repeatedReplies: ${replies.length} replies, ${groups.length} groups, ${cpuMs.toFixed(0)} ms CPU (${ms.toFixed(0)} ms wall)`,
    );
    expect(groups.filter((g) => g.text === RETURNS).map((g) => g.count)).toEqual([3]);
    expect(groups).toHaveLength(1);
    expect(cpuMs).toBeLessThan(3000);
  });
});

/** A small seeded generator, so the data is the same on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

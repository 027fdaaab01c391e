import { describe, expect, it } from 'vitest';
import { groupGaps, type GapAsk } from '../../server/gaps/group.js';
import { charGrams, cosine, gapKey, tfidfVectors } from '../../server/gaps/similarity.js';

const NOW = Date.UTC(2026, 11, 5, 12);
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
let visitor = 0;
const ask = (text: string, options: Partial<GapAsk> = {}): GapAsk => ({
  text,
  kind: 'search',
  visitorId: `v${++visitor}`,
  at: daysAgo(1),
  ...options,
});

/** Failed searches of a shop in both languages, spelled the ways visitors spell them. */
const FIXTURE: Record<string, string[]> = {
  refund: ['how do I get a refund', 'refund policy', 'Refunds', 'Refund my order', 'I want a refund for my order'],
  address: ['change delivery address', 'change my address', 'How to change the delivery address?'],
  // With a half-space, without, and with Arabic letters (ي ك): one question.
  shipping: ['هزینه ارسال', 'هزینه‌ی ارسال چقدر است', 'هزينه ارسال', 'هزینه های ارسال'],
  cancel: ['می‌خواهم سفارشم را لغو کنم', 'ميخواهم سفارش را لغو كنم', 'لغو سفارش', 'لغو سفارش‌ها'],
  canada: ['do you ship to canada'],
  shiraz: ['ارسال به شیراز'],
};

describe('gap similarity', () => {
  it('reads Persian with and without a half-space, and with Arabic letters, as one wording', () => {
    expect(gapKey('می‌خواهم')).toBe(gapKey('میخواهم'));
    expect(gapKey('هزينه ارسال')).toBe(gapKey('هزینه ارسال'));
    expect(gapKey('ميخواهم سفارش را لغو كنم')).toBe(gapKey('می‌خواهم سفارش را لغو کنم'));
    expect(gapKey('  Refund   POLICY? ')).toBe('refund policy');
  });

  it('pads words so a gram marks where a word starts and ends', () => {
    expect(charGrams('ab cd')).toEqual([' ab', 'ab ', 'b c', ' cd', 'cd ']);
  });

  it('gives 1 for the same wording, more for a close one than for an unrelated one, 0 for nothing shared', () => {
    const keys = ['refund policy', 'refund policy', 'refunds policy', 'change my address', 'xyz'];
    const { vectors } = tfidfVectors(keys);
    const [a, same, close, far, none] = vectors as [
      (typeof vectors)[0],
      (typeof vectors)[0],
      (typeof vectors)[0],
      (typeof vectors)[0],
      (typeof vectors)[0],
    ];
    expect(cosine(a, same)).toBeCloseTo(1, 10);
    expect(cosine(a, close)).toBeGreaterThan(0.5);
    expect(cosine(a, far)).toBeLessThan(0.1);
    expect(cosine(a, none)).toBe(0);
  });
});

describe('groupGaps', () => {
  const asks = Object.values(FIXTURE)
    .flat()
    .map((text) => ask(text));
  const groups = groupGaps(asks, { now: NOW });
  const groupOf = (text: string) => groups.find((g) => g.wordings.includes(gapKey(text)));

  it('puts the English and Persian fixture into one group per question', () => {
    expect(groups).toHaveLength(Object.keys(FIXTURE).length);
    for (const texts of Object.values(FIXTURE)) {
      const group = groupOf(texts[0]!);
      expect(group, texts[0]).toBeDefined();
      for (const text of texts) expect(groupOf(text)?.key, text).toBe(group?.key);
    }
    // Arabic and Persian spellings of one wording are one wording, asked twice.
    expect(groupOf('هزینه ارسال')?.wordings).toHaveLength(3);
    expect(groupOf('هزینه ارسال')?.asks).toBe(4);
  });

  it('names each group by its most typical wording, as a visitor spelled it', () => {
    expect(groupOf('refunds')?.question).toBe('Refund my order');
    expect(groupOf('change my address')?.question).toBe('change delivery address');
    expect(groupOf('لغو سفارش')?.question).toBe('ميخواهم سفارش را لغو كنم');
    expect(groupOf('refunds')?.examples.map((e) => e.text)).toContain('Refunds');
  });

  it('counts a visitor who asked five times once', () => {
    const repeat = groupGaps(
      [...Array.from({ length: 5 }, () => ask('gift cards', { visitorId: 'same' })), ask('gift card balance')],
      { now: NOW },
    );
    expect(repeat).toHaveLength(1);
    expect(repeat[0]).toMatchObject({ asks: 6, visitors: 2 });
  });

  it('ranks by distinct visitors, an old ask weighing half after 14 days', () => {
    const old = Array.from({ length: 3 }, () => ask('warranty claim', { at: daysAgo(28) }));
    const fresh = Array.from({ length: 2 }, () => ask('opening hours', { at: daysAgo(0) }));
    const many = Array.from({ length: 4 }, () => ask('student discount', { at: daysAgo(0) }));
    const ranked = groupGaps([...old, ...fresh, ...many], { now: NOW });
    expect(ranked.map((g) => g.key)).toEqual(['student discount', 'opening hours', 'warranty claim']);
    expect(ranked[2]!.score).toBeCloseTo(0.75, 3);
    expect(ranked[1]!.score).toBeCloseTo(2, 3);
    expect(ranked[2]!.lastAskedAt).toBe(daysAgo(28));
  });

  it('leaves out a group most of whose asks were dismissed, and brings it back when it grows past them', () => {
    const hidden = new Set([gapKey('refund policy'), gapKey('Refunds policy')]);
    const base = [ask('refund policy'), ask('refund policy'), ask('Refunds policy'), ask('the refund policy')];
    expect(groupGaps(base, { now: NOW })).toHaveLength(1);
    expect(groupGaps(base, { now: NOW, hidden })).toEqual([]);
    const grown = [...base, ask('the refund policy'), ask('the refund policy'), ask('the refund policy')];
    expect(groupGaps(grown, { now: NOW, hidden }).map((g) => g.asks)).toEqual([7]);
  });

  it('remembers the chats behind a group, newest first', () => {
    const chats = groupGaps(
      [
        ask('return label', { kind: 'chat', conversationId: 'c1', at: daysAgo(3) }),
        ask('return label please', { kind: 'chat', conversationId: 'c2', at: daysAgo(1) }),
        ask('return label'),
      ],
      { now: NOW },
    );
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ chats: 2, conversationIds: ['c2', 'c1'], asks: 3 });
  });

  it('skips searches with nothing to match', () => {
    expect(groupGaps([ask('   '), ask('?!')], { now: NOW })).toEqual([]);
  });

  it('groups 5,000 varied searches in under 1.5 s of CPU time', () => {
    const random = mulberry32(7);
    // A shop's words in both languages, then made-up ones (product names, typos) to reach the
    // variety of a real search log.
    const en = [
      ...'order refund delivery address change cancel invoice payment card account password reset login ship track package return exchange size color price discount coupon gift warranty repair store hours phone email support'.split(
        ' ',
      ),
      ...madeUp(random, 'bcdfgklmnprstv', 'aeiou', 120),
    ];
    const fa = [
      ...'سفارش بازگشت پول ارسال نشانی تغییر لغو فاکتور پرداخت کارت حساب رمز ورود پیگیری بسته مرجوعی تعویض اندازه رنگ قیمت تخفیف کد هدیه گارانتی تعمیر فروشگاه ساعت تلفن ایمیل پشتیبانی'.split(
        ' ',
      ),
      ...madeUp(random, 'بپتسشکگلمنرز', 'اوی', 120),
    ];
    const searches = Array.from({ length: 5000 }, (_, i) => {
      const words = i % 2 ? fa : en;
      const length = 2 + Math.floor(random() * 4);
      const text = Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
      return ask(text, { visitorId: `v${i % 1500}`, at: daysAgo(random() * 60) });
    });
    // CPU time, not wall time: the test machine is shared, and waiting for a core is not work.
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = groupGaps(searches, { now: NOW });
    const ms = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    const cpuMs = (user + system) / 1000;
    console.log(
      `groupGaps: 5000 searches, ${new Set(searches.map((s) => gapKey(s.text))).size} wordings, ${result.length} groups, ${cpuMs.toFixed(0)} ms CPU (${ms.toFixed(0)} ms wall)`,
    );
    expect(result.reduce((sum, g) => sum + g.asks, 0)).toBe(5000);
    expect(cpuMs).toBeLessThan(1500);
  });
});

/** `count` words of two to four syllables. */
function madeUp(random: () => number, consonants: string, vowels: string, count: number): string[] {
  const pick = (letters: string) => letters[Math.floor(random() * letters.length)]!;
  return Array.from({ length: count }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(consonants) + pick(vowels)).join(''),
  );
}

/** A small seeded generator, so the data is the same on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

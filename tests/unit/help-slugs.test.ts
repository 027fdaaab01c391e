import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { assignSlugs, slugify } from '../../server/help/slugs.js';
import { firstSentence, htmlToText } from '../../server/help/text.js';
import { pairTranslations } from '../../protocol/translations.js';

const entry = (id: string, locale: 'en' | 'fa', question: string, extra: Partial<FaqEntry> = {}): FaqEntry => ({
  id,
  locale,
  question,
  answer: 'A.',
  ...extra,
});

describe('help centre slugs', () => {
  it('makes a readable slug from an English or a Persian question', () => {
    expect(slugify("Where's my order? (Tracking)")).toBe('wheres-my-order-tracking');
    expect(slugify('سفارشم کجاست؟')).toBe('سفارشم-کجاست');
  });

  it('gives the same slug with or without the zero-width non-joiner and Arabic diacritics', () => {
    expect(slugify('می‌خواهم کالا را پس بدهم')).toBe(slugify('میخواهم کالا را پس بدهم'));
    expect(slugify('كَيف')).toBe(slugify('كيف'));
  });

  it('cuts a long question at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((w) => w === 'word')).toBe(true);
  });

  it('keeps slugs unique per locale whatever the order, and lets locales share a slug', () => {
    const a = entry('a', 'en', 'Same question?');
    const b = entry('b', 'en', 'Same question?');
    const c = entry('c', 'fa', 'Same question?');
    const d = entry('d', 'en', '???');
    const forward = assignSlugs([a, b, c, d]);
    const backward = assignSlugs([d, c, b, a]);
    expect(forward).toEqual(backward);
    expect(forward.get('a')).toBe('same-question-a');
    expect(forward.get('b')).toBe('same-question-b');
    expect(forward.get('c')).toBe('same-question');
    expect(forward.get('d')).toBe('d');
  });
});

describe('help centre translations', () => {
  it('pairs ids that differ only in their locale prefix, and an explicit translationOf', () => {
    const pairs = pairTranslations([
      entry('en-refund', 'en', 'Refund?'),
      entry('fa-refund', 'fa', 'بازپرداخت؟'),
      entry('shipping', 'en', 'Shipping?'),
      entry('ersal', 'fa', 'ارسال؟', { translationOf: 'shipping' }),
      entry('en-lonely', 'en', 'Alone?'),
    ]);
    expect(Object.fromEntries(pairs)).toEqual({
      'en-refund': 'fa-refund',
      'fa-refund': 'en-refund',
      shipping: 'ersal',
      ersal: 'shipping',
    });
  });

  it('never pairs two entries of the same locale', () => {
    expect(pairTranslations([entry('x', 'en', 'X?'), entry('y', 'en', 'Y?', { translationOf: 'x' })]).size).toBe(0);
  });
});

describe('help centre text', () => {
  it('turns answer HTML into text with entities decoded and blocks separated', () => {
    expect(htmlToText('<p>Tom &amp; Jerry&#39;s <strong>shop</strong>.</p><ul><li>one</li><li>two</li></ul>')).toBe(
      "Tom & Jerry's shop. one two",
    );
  });

  it('takes the first sentence in either script, and shortens a long one', () => {
    expect(firstSentence('Yes. We do.')).toBe('Yes.');
    expect(firstSentence('بله؟ حتماً.')).toBe('بله؟');
    expect(firstSentence('v1.2 is out. Next.')).toBe('v1.2 is out.');
    const long = firstSentence(`${'word '.repeat(60)}end.`, 50);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long.endsWith('…')).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { buildSearchIndex, createFaqSearch, toSearchDocs } from '../../widget/search/index.js';

const demo = JSON.parse(readFileSync(new URL('../../demo/faq.json', import.meta.url), 'utf8')) as FaqEntry[];
const search = createFaqSearch(demo);
const top = (query: string, s = search): string | undefined => s.search(query)[0]?.id;

describe('createFaqSearch', () => {
  it('ranks the entry a visitor means first, best first with scores between 0 and 1', () => {
    const hits = search.search('When will I get my refund?');
    expect(hits[0]?.id).toBe('en-refund-policy');
    expect(hits.every((h) => h.score >= 0 && h.score <= 1)).toBe(true);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => a - b));
  });
  it('returns nothing for a question the FAQ cannot answer', () => {
    expect(search.search('what is the weather in London tomorrow')).toEqual([]);
    expect(search.search('دستور پخت قرمه سبزی')).toEqual([]);
  });
  it('returns nothing for an empty query or only filler words', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('how do I')).toEqual([]);
  });
  it('matches the word still being typed by its beginning', () => {
    expect(top('download inv')).toBe('en-invoices');
    expect(top('cancel my subscr')).toBe('en-cancel-subscription');
    expect(top('لغو اشترا')).toBe('fa-cancel-subscription');
  });
  it('does not complete a word the visitor has finished typing', () => {
    expect(search.search('inv ').length).toBe(0);
  });
  it('forgives typos', () => {
    expect(top('pasword reset')).toBe('en-reset-password');
    expect(top('لغو اشتارک')).toBe('fa-cancel-subscription');
  });
  it('treats Arabic spellings, diacritics and missing half-spaces as Persian', () => {
    expect(top('\u0643\u062F \u062A\u062E\u0641\u064A\u0641')).toBe('fa-discount-code');
    expect(top('رمز عبورم را فراموش کرده ام')).toBe('fa-reset-password');
    expect(top('لُغوِ اشتراک')).toBe('fa-cancel-subscription');
  });
  it('lets the query script choose which locale ranks first', () => {
    const entries: FaqEntry[] = [
      { id: 'en-plus', locale: 'en', question: 'What is Plus?', answer: 'Plus is our membership.' },
      { id: 'fa-plus', locale: 'fa', question: 'Plus چیست؟', answer: 'عضویت ویژه.' },
    ];
    const s = createFaqSearch(entries);
    expect(s.search('plus')[0]?.id).toBe('en-plus');
    expect(s.search('plus چیست')[0]?.id).toBe('fa-plus');
    expect(s.search('plus', 5).length).toBe(2);
    expect(createFaqSearch(entries, { locale: 'fa' }).search('plus')[0]?.id).toBe('fa-plus');
  });
  it('uses the built-in vocabulary unless the site turns it off', () => {
    const entries: FaqEntry[] = [{ id: 'en-refund', locale: 'en', question: 'How do refunds work?', answer: 'We refund within 5 days.' }];
    expect(top('money back', createFaqSearch(entries))).toBe('en-refund');
    expect(createFaqSearch(entries, { vocabulary: false }).search('money back')).toEqual([]);
    const fa: FaqEntry[] = [{ id: 'fa-cancel', locale: 'fa', question: 'چطور اشتراک را لغو کنم؟', answer: 'از حساب کاربری.' }];
    expect(top('کنسل اشتراک', createFaqSearch(fa))).toBe('fa-cancel');
    expect(createFaqSearch(fa, { vocabulary: false }).search('کنسل اشتراک')).toEqual([]);
  });
  it('lets a stricter threshold drop weaker hits', () => {
    const loose = search.search('my package never arrived').length;
    const strict = createFaqSearch(demo, { threshold: 0.2 }).search('my package never arrived').length;
    expect(strict).toBeLessThan(loose);
  });
  it('gives match ranges in the original question for highlighting', () => {
    const hit = search.search('where is my ord')[0];
    const question = demo.find((e) => e.id === hit?.id)?.question ?? '';
    const words = hit?.matches[0]?.indices.map(([s, e]) => question.slice(s, e + 1));
    expect(hit?.matches[0]?.key).toBe('question');
    expect(words).toContain('order');
    const fa = createFaqSearch(demo).search('\u0633\u0641\u0627\u0631\u0634\u0645 \u0643\u062C\u0627\u0633\u062A')[0];
    const faq = demo.find((e) => e.id === fa?.id)?.question ?? '';
    expect(fa?.matches[0]?.indices.map(([s, e]) => faq.slice(s, e + 1))).toEqual(['سفارشم', 'کجاست']);
  });
  it('ranks the same from a prebuilt index as from the entries', () => {
    const docs = toSearchDocs(demo);
    const index = JSON.parse(JSON.stringify(buildSearchIndex(docs))) as unknown;
    const fromIndex = createFaqSearch(docs, { index });
    for (const q of ['refnd', 'warrenty', 'گارنتی', 'free shipping', 'tracki']) {
      expect(fromIndex.search(q)).toEqual(search.search(q));
    }
  });
  it('honours the limit', () => {
    expect(search.search('order', 2).length).toBeLessThanOrEqual(2);
  });
});

describe('toSearchDocs', () => {
  it('keeps what ranking needs and a short plain-text excerpt instead of the answer', () => {
    const [doc] = toSearchDocs([{ id: 'en-x', locale: 'en', question: 'Q?', answer: 'See **[our page](https://x.y/z)** and\n\n- one\n- two', keywords: ['k'] }]);
    expect(doc).toEqual({ id: 'en-x', locale: 'en', question: 'Q?', keywords: ['k'], excerpt: 'See our page and one two' });
  });
  it('cuts long answers', () => {
    const [doc] = toSearchDocs([{ id: 'en-x', locale: 'en', question: 'Q?', answer: 'word '.repeat(80) }]);
    expect(doc?.excerpt.split(' ').length).toBeLessThan(20);
    expect(doc?.excerpt.endsWith('…')).toBe(true);
  });
});

/**
 * The search on any text a visitor may send: the widget runs it on every keystroke, and the
 * server on every visitor message for the agent's suggested answers, so it must neither throw
 * nor return a malformed hit, whatever the text. Random strings of any Unicode, and strings
 * made of the pieces search looks at (FAQ words in both scripts, Arabic letters, digits of
 * three scripts, joiners, punctuation, Latin letters on a Persian page), a few hundred of each,
 * and messages of several such sentences as the chat searches them (`searchMessage`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFaqSearch, searchMessage, type FaqSearch } from '../../widget/search/index.js';
import type { FaqHit } from '../../protocol/faq.js';
import { demoFaq } from '../fixtures/generate-faq.js';

const demo = demoFaq();
const questions = new Map(demo.map((e) => [e.id, e.question]));
const locales = new Map(demo.map((e) => [e.id, e.locale]));
const searchers: FaqSearch[] = [
  createFaqSearch(demo),
  createFaqSearch(demo, { locale: 'fa' }),
  createFaqSearch(demo, { locale: 'en' }),
];

const pieces = fc.constantFrom(
  ...demo.flatMap((e) => e.question.split(/\s+/)).slice(0, 120),
  'ي',
  'ك',
  'ة',
  'أ',
  'ۀ',
  '\u200c',
  '\u200d',
  '\u200f',
  '\u064b',
  'ـ',
  '٣',
  '۳',
  '3',
  '٫',
  '%',
  '٪',
  '#',
  '*',
  '-',
  '_',
  '.',
  '?',
  '؟',
  '،',
  ' ',
  '  ',
  '\n',
  'pardakht',
  'ghabz',
  'refnd',
  '5ghz',
  'e-mail',
  '🙂',
  '\u{1d400}',
  '\ufeff',
  'İ',
  'ß',
  'ﷺ',
  'ﻻ',
  '\ud800',
);
// Or one question's words over and over, as a long message about one thing may be.
const oneQuestion = fc
  .constantFrom(...demo.map((e) => e.question.split(/\s+/)))
  .chain((words) => fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 60 }))
  .map((words) => words.join(' '));
const composed = fc.oneof(
  fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')),
  oneQuestion,
);

/**
 * Each hit names a FAQ entry once, scores within [0, 1], and marks ranges inside its question;
 * the hits of one language come first (the page's, or the query's), each language's in score
 * order.
 */
function expectWellFormed(search: FaqSearch, query: string, find = (s: FaqSearch, q: string): FaqHit[] => s.search(q)): void {
  const hits = find(search, query);
  expect(hits.length).toBeLessThanOrEqual(5);
  expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
  let last = 0;
  const order = hits.map((h) => locales.get(h.id));
  expect(order.filter((locale, i) => i && locale !== order[i - 1]).length, order.join()).toBeLessThanOrEqual(1);
  for (const [i, hit] of hits.entries()) {
    const question = questions.get(hit.id);
    expect(question, hit.id).toBeDefined();
    if (i && order[i] !== order[i - 1]) last = 0;
    expect(hit.score).toBeGreaterThanOrEqual(last);
    expect(hit.score).toBeLessThanOrEqual(1);
    last = hit.score;
    for (const { indices } of hit.matches) {
      for (const [start, end] of indices) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(end).toBeLessThan((question as string).length);
      }
    }
  }
}

describe('search on any text', () => {
  it('returns well-formed hits for random Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.nat(2), (query, which) => {
        expectWellFormed(searchers[which] as FaqSearch, query);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
  it('returns well-formed hits for text made of what search reads: FAQ words, Arabic letters, digits, joiners', () => {
    fc.assert(
      fc.property(composed, fc.nat(2), (query, which) => {
        expectWellFormed(searchers[which] as FaqSearch, query);
        // Typing it letter by letter, as the widget searches, meets every prefix.
        for (let end = Math.max(0, query.length - 8); end < query.length; end++)
          expectWellFormed(searchers[which] as FaqSearch, query.slice(0, end));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
  it('returns well-formed hits for a chat message of many sentences, searched as the chat searches it', () => {
    const message = fc.array(composed, { minLength: 2, maxLength: 8 }).map((sentences) => sentences.join('. '));
    const asMessage = (s: FaqSearch, q: string): FaqHit[] => searchMessage(s, q);
    fc.assert(
      fc.property(message, fc.nat(2), (text, which) => {
        expectWellFormed(searchers[which] as FaqSearch, text, asMessage);
        for (let end = Math.max(0, text.length - 8); end < text.length; end++)
          expectWellFormed(searchers[which] as FaqSearch, text.slice(0, end), asMessage);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

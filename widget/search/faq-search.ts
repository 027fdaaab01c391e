/**
 * FAQ search as the visitor types. fuse.js does the fuzzy part: its index holds the distinct
 * normalised terms of the FAQ, and its Bitap search finds the terms a misspelt word could
 * mean. Ranking is ours: a hit scores the share of the query's informative (IDF-weighted)
 * words it covers, question and keywords above answer, so a question the FAQ cannot answer
 * covers little and shows nothing instead of noise (docs/decisions/003-search-design.md); a
 * keystroke touches only the postings of the words typed, never every answer.
 *
 * This module is what the widget ships: it loads the server's prebuilt `SearchIndex` and
 * holds no vocabulary of its own. `createFaqSearch` in `./index.ts` also takes raw entries.
 * The parts: `index-view.ts` reads the index, `candidates.ts` (with `fuzzy.ts`) finds the
 * terms a word may mean, `slots.ts` and `expand.ts` turn a query into them, `rank.ts` scores.
 */
import type { FaqHit, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { createCandidates } from './candidates.js';
import { createExpander } from './expand.js';
import type { TypoMatcherFactory } from './fuzzy.js';
import { openIndex, type IndexView } from './index-view.js';
import { detectLocale, scanRanges, tokenize } from './normalize.js';
import { cover, rank, type Coverage } from './rank.js';
import { slotsOf, type Slots } from './slots.js';
import { stem } from './stem.js';

export { FIELD_ANSWER, FIELD_QUESTION, isSearchIndex, type SearchIndex } from './index-view.js';
export type { TypoMatcherFactory } from './fuzzy.js';

/**
 * The most words of a query read, and the longest word: the chat box searches a visitor's
 * message of up to 4,000 characters at every keystroke, and the server the same message for
 * the agent's suggestions. Each word costs a lookup (a typo search where it is no term), so
 * past this the work would grow with the text and the page stall as the visitor types.
 * Questions, even told as stories, run to some thirty words; no term is forty letters long.
 */
export const MAX_WORDS = 40;
const MAX_WORD = 40;

export interface FaqSearchOptions {
  /** Entries of this locale rank first; without it the query's script decides. */
  locale?: Locale;
  /** `payload.index` from `GET /api/faq`, so the browser need not build one. */
  index?: unknown;
  /** Use the support vocabulary the index carries (refund ↔ money back …). @default true */
  vocabulary?: boolean;
  /**
   * `createTypoMatcher` of `./fuzzy.ts` (with fuse.js), for words typed with a typo.
   * `createFaqSearch` of `./index.ts` always supplies it; the widget loads it on the first typo
   * so visitors who type correctly never download it. While it returns undefined, typo-only
   * words match nothing and `onFuzzyNeeded` is called.
   */
  fuzzy?: () => TypoMatcherFactory | undefined;
  /**
   * `otherKeyboard` of `./keyboard.ts`, which the widget loads with fuse.js: a query with none
   * of the FAQ's words is searched as typed with the keyboard on the other language, if that
   * types some.
   */
  keyboard?: () => ((text: string) => string) | undefined;
  /** A word needed typo matching that `fuzzy` could not give yet: load it, then search again. */
  onFuzzyNeeded?: () => void;
}

export interface FaqSearch {
  /** Hits best first; [] when nothing in the FAQ answers the query. */
  search(query: string, limit?: number): FaqHit[];
  /**
   * For a query `search` finds nothing for: the entries of the page's language that cover the
   * most of it (more than a quarter), best first, though too little to be sure of any.
   */
  near(query: string, limit?: number): FaqHit[];
}

/** Ranges of the question's words that matched, in the original text. */
function highlightRanges(view: IndexView, question: string, slots: Slots, typing?: string): FaqHit['matches'] {
  const matched = new Set<number>();
  for (const slot of slots) for (const id of slot.keys()) matched.add(id);
  const indices: [number, number][] = [];
  const { tokens, starts, ends } = scanRanges(question);
  tokens.forEach((token, i) => {
    // An unknown word's id is undefined, which `matched` never holds.
    if (matched.has(view.termIds.get(stem(token)) as number) || (typing && token.startsWith(typing))) {
      indices.push([starts[i] as number, (ends[i] as number) - 1]);
    }
  });
  return indices.length ? [{ key: 'question', indices }] : [];
}

/** The words of a query that are searched: past the cut, and one-letter words, are not. */
const wordsOf = (query: string): string[] =>
  tokenize(query)
    .filter((w) => (w.length > 1 || /\d/.test(w)) && w.length <= MAX_WORD)
    .slice(0, MAX_WORDS + 1);

/**
 * Whether `word` tells which keyboard layout it was typed on: `terms` has it (by its stem) and
 * it is no filler. A word of one or two letters tells nothing: any short run of keys spells
 * some term. Nor does a number: both layouts type it, in their own digits, which read alike.
 */
export const tellsLayout = (word: string, stop: ReadonlySet<string>, terms: { has(term: string): boolean }): boolean =>
  word.length > 2 && !stop.has(word) && !/^\d+$/.test(word) && terms.has(stem(word));

/** Whether the FAQ has one of the words of `text` as typed, that tells its layout. */
const knowsAny = (view: IndexView, text: string): boolean => wordsOf(text).some((w) => tellsLayout(w, view.stop, view.termIds));

/**
 * Creates the search over the payload's docs from its prebuilt index; without a readable index
 * it finds nothing. `createFaqSearch` from `widget/search/index.ts` builds the index itself
 * from raw entries or docs.
 * @example
 * const faq = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary, locale: 'fa' });
 * faq.search('پولم کی برمی‌گردد'); // [{ id: 'fa-refund-policy', score: 0.1, matches: [...] }]
 */
export function createFaqSearch(docs: readonly FaqSearchDoc[], options: FaqSearchOptions = {}): FaqSearch {
  const view = openIndex(options.index, docs.length);
  const candidates = createCandidates(view, options);
  const expand = createExpander(view, options.vocabulary !== false);
  // `near` comes right after `search` found nothing for the same query (the widget, the help
  // centre), at the same keystroke: the query's slots and coverage are reused, not worked out
  // twice. Ranking again over a coverage leaves it as it was.
  let last: [query: string, slots: Slots, coverage: Coverage] | undefined;
  /** Hits for `query` as typed. */
  const find = (query: string, limit: number, near?: boolean): FaqHit[] => {
    const all = wordsOf(query);
    const words = all.slice(0, MAX_WORDS);
    // Only filler words, or none: nothing to look for (an empty FAQ finds nothing anyway).
    if (!words.some((w) => !view.stop.has(w))) return [];
    // The word being typed, if any, is past the cut.
    const partial = all.length <= MAX_WORDS && /[\p{L}\p{N}\p{M}]$/u.test(query);
    const reuse = near && last?.[0] === query ? last : undefined;
    const slots = reuse?.[1] ?? slotsOf(view, candidates, expand, words, partial);
    const preferred = options.locale ?? detectLocale(query);
    const localeOf = (d: number): number => (preferred && docs[d]?.locale !== preferred ? 1 : 0);
    const typing = partial ? words[words.length - 1] : undefined;
    // A Latin word in a Persian query is a name or a term the English version may have.
    const bridge = (w: string): boolean => (detectLocale(w) ?? preferred) !== preferred;
    const coverage = reuse?.[2] ?? cover(view, words, slots, partial, bridge);
    last = [query, slots, coverage];
    return rank(view, coverage, localeOf, near)
      .slice(0, limit)
      .map(({ d, score }) => {
        const doc = docs[d] as FaqSearchDoc;
        return {
          id: doc.id,
          // A query's words weigh together at most as much as four the FAQ lacks: a long one,
          // or one of rare words in a small FAQ, may cover a share past 1.
          score: Math.round((1 - Math.min(1, score)) * 1000) / 1000,
          matches: highlightRanges(view, doc.question, slots, typing),
        };
      });
  };
  /**
   * The text the visitor meant: typed with the keyboard on the other language when it has none
   * of the FAQ's words and the same keys on the other layout type some of them. Whatever the
   * keys found as typed (a misspelling, a Latin word read as Finglish) is then no answer.
   */
  const meant = (query: string): string => {
    const keyboard = options.keyboard?.();
    const swapped = keyboard && !knowsAny(view, query) ? keyboard(query) : undefined;
    return swapped && knowsAny(view, swapped) ? swapped : query;
  };
  return {
    near: (query, limit = 3) => find(meant(query), limit, true),
    search: (query, limit = 5) => find(meant(query), limit),
  };
}

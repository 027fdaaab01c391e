/**
 * FAQ search, shared by the widget and the server (pure: no DOM, no Node). The widget itself
 * needs only `./faq-search.ts` (search over the served payload) and `./highlight.ts`.
 */
import type { FaqSearchDoc } from '../../protocol/faq.js';
import { pairTranslations } from '../../protocol/translations.js';
import type { FaqEntry } from '../../protocol/types.js';
import { otherKeyboard } from './keyboard.js';
import { createFaqSearch as searchDocs, isSearchIndex, type FaqSearch, type FaqSearchOptions } from './faq-search.js';
import { createTypoMatcher } from './fuzzy.js';
import { buildSearchIndex, toSearchDocs } from './search-index.js';

/**
 * Creates the search over FAQ entries, or over the payload's docs and prebuilt index. Given
 * entries (or docs without an index) it builds the index itself, with the built-in stop
 * words and — unless `vocabulary: false` — the support vocabulary.
 * @example
 * const faq = createFaqSearch(entries);
 * faq.search('money back'); // [{ id: 'en-refund-policy', score: 0.2, matches: [...] }]
 */
export function createFaqSearch(entries: readonly (FaqEntry | FaqSearchDoc)[], options: FaqSearchOptions = {}): FaqSearch {
  const docs = entries.map((e) => ('excerpt' in e ? e : (toSearchDocs([e])[0] as FaqSearchDoc)));
  // Raw entries have their whole answers to index; payload docs only their excerpts.
  const answers = entries.every((e) => 'answer' in e) ? (entries as FaqEntry[]).map((e) => e.answer) : undefined;
  const index = isSearchIndex(options.index)
    ? options.index
    : buildSearchIndex(docs, { vocabulary: options.vocabulary !== false, answers, translations: pairTranslations(entries) });
  // Typo matching and the other layout are here from the start: on the first call, synchronously.
  return searchDocs(docs, { fuzzy: () => createTypoMatcher, keyboard: () => otherKeyboard, ...options, index });
}

export { buildSearchIndex, toSearchDocs, excerptOf, plainText } from './search-index.js';
export type { SearchIndexOptions } from './search-index.js';
export { isSearchIndex } from './faq-search.js';
export type { FaqSearch, FaqSearchOptions, SearchIndex, TypoMatcherFactory } from './faq-search.js';
export { normalize, tokenize, tokenizeWithRanges, detectLocale } from './normalize.js';
export type { TokenRange } from './normalize.js';
export { highlight } from './highlight.js';
export { searchMessage } from './message.js';
export type { HighlightSegment } from './highlight.js';

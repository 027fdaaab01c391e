/**
 * What the server prebuilds for the browser's search (issue 3): the docs the payload carries
 * in place of full answers, and the index that goes with them. Server-side work, but pure, so
 * `createFaqSearch(entries)` can build the same index in Node when it is given no payload.
 */
import type { FaqSearchDoc } from '../../protocol/faq.js';
import type { FaqEntry, Locale } from '../../protocol/types.js';
import { encodePostings, indexDocs, type SearchIndex } from './faq-search.js';
import { tokenize } from './normalize.js';
import { stem } from './stem.js';
import { SCRIPT_BRIDGE, STOP_WORDS, VOCABULARY } from './vocabulary.js';

const EXCERPT_WORDS = 14;

/** An answer's Markdown as plain words: links keep their text, markup and HTML go. */
export function plainText(markdown: string): string[] {
  return markdown
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s*(?:[-*+]|\d+\.|#+|>)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** The answer's first words as plain text: the result snippet. */
export function excerptOf(markdown: string, words = EXCERPT_WORDS): string {
  const text = plainText(markdown);
  return text.slice(0, words).join(' ') + (text.length > words ? ' …' : '');
}

/** What the search payload carries for each entry: no full answer. */
export function toSearchDocs(entries: readonly FaqEntry[]): FaqSearchDoc[] {
  return entries.map((e) => {
    const doc: FaqSearchDoc = { id: e.id, locale: e.locale, question: e.question, excerpt: excerptOf(e.answer) };
    if (e.keywords?.length) doc.keywords = e.keywords;
    if (e.synonyms?.length) doc.synonyms = e.synonyms;
    if (e.category) doc.category = e.category;
    return doc;
  });
}

export interface SearchIndexOptions {
  /** Include the built-in support vocabulary. @default true */
  vocabulary?: boolean;
  /**
   * The docs' whole answers (Markdown), in the order of the docs: every word of them is
   * indexed, below the question and keywords. Without them only the excerpt is.
   */
  answers?: readonly string[];
}

/**
 * Prebuilds the index `createFaqSearch` loads: the FAQ's distinct terms, sorted (what fuse.js
 * indexes for fuzzy matching, so the browser builds only the few per-letter pieces a typo
 * needs), the inverted index over question, keywords, category and whole answer, and, for the
 * locales the FAQ has, the stop words and — unless turned off — the support vocabulary,
 * already normalised and stemmed.
 */
export function buildSearchIndex(docs: readonly FaqSearchDoc[], options: SearchIndexOptions = {}): SearchIndex {
  const locales = (['en', 'fa'] as const).filter((l: Locale) => docs.some((d) => d.locale === l));
  const words = (text: string): string => tokenize(text).join(' ');
  const stop = locales.map((l) => words(STOP_WORDS[l])).join(' ');
  const { terms, lists, sizes } = indexDocs(docs, options.answers?.map((a) => plainText(a).join(' ')), new Set(stop.split(' ')));
  const index: SearchIndex = { v: 3, terms: terms.join(' '), postings: encodePostings(lists), sizes, stop };
  if (options.vocabulary !== false) {
    index.vocabulary = locales
      .flatMap((l) => (l === 'fa' ? `${VOCABULARY.fa};${SCRIPT_BRIDGE}` : VOCABULARY[l]).split(';'))
      .map((group) => group.split('|').map((member) => tokenize(member).map(stem).join(' ')).join('|'))
      .join(';');
  }
  return index;
}

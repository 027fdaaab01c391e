/**
 * The rankers the search benches compare, each built over one FAQ's entries and returning ids
 * best first: Pasokh without a locale (the query's script decides), Pasokh with the page's
 * locale as the widget has it, plain fuse.js over question + answer, and a minisearch
 * full-text (BM25) baseline over the same fields with our normaliser.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { FaqPayload } from '../../protocol/faq.js';
import type { FaqEntry } from '../../protocol/types.js';
import { buildFaqPayload, type LearnedWordings } from '../../server/faq/payload.js';
import { createFaqSearch, searchMessage, tokenize } from '../../widget/search/index.js';
import type { RankerFactory } from '../../tests/fixtures/search-eval/index.js';

/** The fields both baselines search. */
export const BASELINE_KEYS = ['question', 'answer'];

export const RANKERS: Record<'pasokh' | 'pasokhOnPage' | 'fuseDefault' | 'minisearch', RankerFactory> = {
  pasokh: (entries) => {
    const search = createFaqSearch(entries);
    return (q) => search.search(q).map((h) => h.id);
  },
  // As the widget searches: with the locale of the page the visitor is on, here the query's own
  // language (entries of that locale first; Latin letters on a Persian page may be Finglish).
  pasokhOnPage: (entries) => {
    const search = { en: createFaqSearch(entries, { locale: 'en' }), fa: createFaqSearch(entries, { locale: 'fa' }) };
    return (q, locale) => search[locale].search(q).map((h) => h.id);
  },
  fuseDefault: (entries) => {
    const fuse = new Fuse(entries, { keys: BASELINE_KEYS });
    return (q) => fuse.search(q).map((r) => r.item.id);
  },
  // Prefix and fuzzy on, as a visitor types.
  minisearch: (entries) => {
    const mini = new MiniSearch({
      fields: BASELINE_KEYS,
      tokenize,
      processTerm: (t) => t,
      searchOptions: { prefix: true, fuzzy: 0.2 },
    });
    mini.addAll(entries);
    return (q) => mini.search(q).map((r) => r.id as string);
  },
};

/**
 * Pasokh as the chat searches a message (the visitor's draft, or the message for the agent's
 * suggestions), with the page's locale: a long message also a sentence at a time.
 */
export const messageRanker: RankerFactory = (entries) => {
  const search = { en: createFaqSearch(entries, { locale: 'en' }), fa: createFaqSearch(entries, { locale: 'fa' }) };
  return (q, locale) => searchMessage(search[locale], q).map((h) => h.id);
};

/**
 * Pasokh as the widget searches a site that has learned wordings: over the payload the server
 * builds with them (`learnedFor` the entries given), with the page's locale.
 */
export const learnedRanker =
  (learnedFor: (entries: readonly FaqEntry[]) => LearnedWordings | undefined): RankerFactory =>
  (entries) => {
    const { docs, index } = JSON.parse(buildFaqPayload('eval', entries, true, learnedFor(entries)).body) as FaqPayload;
    const search = { en: createFaqSearch(docs, { index, locale: 'en' }), fa: createFaqSearch(docs, { index, locale: 'fa' }) };
    return (q, locale) => search[locale].search(q).map((h) => h.id);
  };

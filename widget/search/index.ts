/** FAQ search, shared by the widget and the server (pure: no DOM, no Node). */
export { createFaqSearch, buildSearchIndex, toSearchDocs, excerptOf } from './faq-search.js';
export type { FaqSearch, FaqSearchOptions } from './faq-search.js';
export { normalize, tokenize, tokenizeWithRanges, detectLocale } from './normalize.js';
export type { TokenRange } from './normalize.js';
export { highlight } from './highlight.js';
export type { HighlightSegment } from './highlight.js';

/**
 * The prebuilt index as the searcher reads it: the term list, term ids, and each term's
 * postings decoded the first time a query touches it, so loading builds almost nothing.
 */
/**
 * The prebuilt index `GET /api/faq` serves as `payload.index` (built by `buildSearchIndex`).
 * Plain strings, so it costs little to send and nothing to parse beyond the JSON.
 */
export interface SearchIndex {
  /** Format version: an index of another shape is ignored, never misread. */
  v: typeof INDEX_FORMAT;
  /**
   * The FAQ's distinct normalised, stemmed terms, sorted, separated by spaces, each written as
   * one digit, how many of its first letters (at most 9) are the previous term's, and the rest:
   * "refund refuse" is "0refund 4se".
   */
  terms: string;
  /**
   * For each term, in the order of `terms`, separated by spaces: the docs it occurs in, as the
   * gaps between successive `doc * 8 + field` (the best field), each a base-32 number whose
   * last digit is a character from «0» (code 48) to «O» (79) and whose other digits are from
   * «]» (93) to «|» (124), so a gap needs no separator: 5, 40 are "5" and "^8".
   */
  postings: string;
  /** For each doc, one base-36 digit: how many words its question has (at most 35). */
  sizes: string;
  /** Normalised stop words of the FAQ's locales, separated by spaces. */
  stop: string;
  /** The support vocabulary, stemmed: groups separated by ";", members by "|". */
  vocabulary?: string;
  /** Pairs of letters a typo swaps for one another at a small cost, both ways, separated by spaces. */
  alike?: string;
  /** Latin to Persian letters: `pattern=replacement` rules (regular expressions), separated by spaces, applied in order. */
  latin?: string;
  /** For each doc, separated by commas: how many docs on (base 36, may be negative) its translation is, or empty. */
  twins?: string;
}

/** `SearchIndex.v`: changes whenever the index's shape or encoding does. */
export const INDEX_FORMAT = 5;

export const FIELD_QUESTION = 0;
export const FIELD_ANSWER = 3;
/** Wordings search learned from visitors and agents. */
export const FIELD_LEARNED = 4;

/** Whether `index` is a `SearchIndex` this code can read. */
export const isSearchIndex = (index: unknown): index is SearchIndex =>
  (index as SearchIndex | undefined)?.v === INDEX_FORMAT && typeof (index as SearchIndex).postings === 'string';

/** What every part of the search reads from the loaded index. */
export interface IndexView {
  /** How many docs. */
  n: number;
  /** The terms, sorted: a term's id is its position. */
  sorted: readonly string[];
  termIds: ReadonlyMap<string, number>;
  stop: ReadonlySet<string>;
  /** The vocabulary text of the index, if any. */
  vocabulary?: string;
  /** `SearchIndex.alike`, or ''. */
  alike: string;
  /** `SearchIndex.latin`, if any. */
  latin?: string;
  /** A term's postings, `doc * 8 + field`, decoded on first use. */
  postingsOf(id: number): number[];
  /** How rare a term is among the docs. */
  idf(id: number): number;
  /** How many words doc `d`'s question has. */
  questionWords(d: number): number;
  /** The doc that is doc `d` in the other locale, or NaN. */
  twin(d: number): number;
  /** The weight of a query word the FAQ does not have: rarer than any of its terms. */
  missing: number;
  /** Whether a word is one edit from a stop word, for each word asked (typing re-sends them). */
  nearStop: Map<string, boolean>;
}

function decodePostings(text: string): number[] {
  const out: number[] = [];
  let at = 0;
  let gap = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    gap = gap * 32 + ((c - 48) % 45);
    if (c < 80) {
      out.push((at += gap));
      gap = 0;
    }
  }
  return out;
}

/** First index in `sorted` not below `word`. */
export function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Opens `raw` over `n` docs; an index of another shape opens empty and finds nothing. */
export function openIndex(raw: unknown, n: number): IndexView {
  // The payload and this code come from the same server; an index of another shape (a page
  // that kept an old widget across an upgrade) finds nothing rather than misreads.
  const index = isSearchIndex(raw) ? raw : ({ terms: '', postings: '', sizes: '', stop: '' } as SearchIndex);
  const lists: (number[] | undefined)[] = [];
  // An empty index reads as one empty term, which no query word (never empty) looks up.
  const termIds = new Map<string, number>();
  let term = '';
  const sorted = index.terms.split(' ').map((t, i) => {
    termIds.set((term = term.slice(0, +(t[0] as string)) + t.slice(1)), i);
    return term;
  });
  const encoded = index.postings.split(' ');
  const postingsOf = (id: number): number[] => (lists[id] ??= decodePostings(encoded[id] ?? ''));
  const twins = index.twins?.split(',') ?? [];
  // Read at every match of every query word: decoded once, NaN where a doc has no translation.
  const twinOf = Float64Array.from({ length: n }, (_, d) => d + parseInt(twins[d] ?? '', 36));
  return {
    n,
    sorted,
    termIds,
    stop: new Set(index.stop.split(' ')),
    vocabulary: index.vocabulary,
    alike: index.alike ?? '',
    latin: index.latin,
    postingsOf,
    idf: (id) => Math.log(1 + n / Math.max(1, postingsOf(id).length)),
    questionWords: (d) => parseInt(index.sizes[d] ?? '1', 36),
    twin: (d) => twinOf[d] as number,
    missing: Math.log(1 + n) + 1,
    nearStop: new Map(),
  };
}

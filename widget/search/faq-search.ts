/**
 * FAQ search as the visitor types (issue 3). fuse.js does the fuzzy part: its index holds the
 * distinct normalised terms of the FAQ, and its Bitap search finds the terms a misspelt word
 * could mean. Ranking is ours: every query word must be accounted for (weighted by how rare
 * it is), so a question the FAQ cannot answer scores low and is dropped instead of shown as
 * noise, and a keystroke touches only the postings of the words typed, never every answer.
 *
 * This module is what the widget ships: it loads the server's prebuilt `SearchIndex` and
 * holds no vocabulary of its own. `createFaqSearch` in `./index.ts` also takes raw entries.
 */
import type Fuse from 'fuse.js/basic';
import type { FaqHit, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { detectLocale, scan, tokenize, tokenizeWithRanges, type Scan } from './normalize.js';
import { stem } from './stem.js';

/**
 * The prebuilt index `GET /api/faq` serves as `payload.index` (built by `buildSearchIndex`).
 * Plain strings, so it costs little to send and nothing to parse beyond the JSON.
 */
export interface SearchIndex {
  /** Format version: an index of another shape is ignored, never misread. */
  v: 2;
  /** The FAQ's distinct normalised, stemmed terms, sorted, separated by spaces. */
  terms: string;
  /** Normalised stop words of the FAQ's locales, separated by spaces. */
  stop: string;
  /** The support vocabulary, stemmed: groups separated by ";", members by "|". */
  vocabulary?: string;
}

export interface FaqSearchOptions {
  /** Entries of this locale rank first; without it the query's script decides. */
  locale?: Locale;
  /** `payload.index` from `GET /api/faq`, so the browser need not build one. */
  index?: unknown;
  /** Use the support vocabulary the index carries (refund ↔ money back …). @default true */
  vocabulary?: boolean;
  /** Highest score (0 perfect, 1 nothing) a hit may have. @default 0.65 */
  threshold?: number;
  /**
   * Index the docs in short slices after returning, yielding to the page between them (the
   * first search indexes whatever is left). `false` indexes them all before returning.
   * @default true
   */
  background?: boolean;
  /**
   * fuse.js, for words typed with a typo. `createFaqSearch` of `./index.ts` always supplies it;
   * the widget loads it on the first typo so visitors who type correctly never download it.
   * While it returns undefined, typo-only words match nothing and `onFuzzyNeeded` is called.
   */
  fuzzy?: () => FuseConstructor | undefined;
  /** A word needed fuzzy matching that `fuzzy` could not give yet: load it, then search again. */
  onFuzzyNeeded?: () => void;
}

export type FuseConstructor = typeof Fuse;

export interface FaqSearch {
  /** Hits best first; [] when nothing in the FAQ answers the query. */
  search(query: string, limit?: number): FaqHit[];
}

/** How much a word found in each field counts: question, keywords + synonyms, category, excerpt. */
const FIELD_WEIGHT = [1, 0.9, 0.35, 0.55];
const FIELD_QUESTION = 0;
const FUZZY_MIN = 4;
/** Longest the background indexing holds the main thread at a time, ms. */
const SLICE_MS = 5;
const STOP_WEIGHT = 0.3;
const INFLECTIONS = ['ing', 'ng', 'g', 'ed', 'd', 's'];
// Persian pronoun and copula clitics, written and spoken: "سفارشم" is "سفارش" + "my",
// "روزه" is "روز" + "is".
const CLITIC = /^(.{2,}?)(مان|تان|شان|ست|م|ت|ش|ی|ه)$/;
const isPersian = (word: string): boolean => word.charCodeAt(0) >= 0x0600 && word.charCodeAt(0) <= 0x06ff;

/** Whether `index` is a `SearchIndex` this code can read. */
export const isSearchIndex = (index: unknown): index is SearchIndex =>
  typeof index === 'object' && index !== null && (index as SearchIndex).v === 2 && typeof (index as SearchIndex).terms === 'string';

/** The texts of one doc's fields, in `FIELD_WEIGHT` order. */
const fieldsOf = (doc: FaqSearchDoc): string[][] => [
  [doc.question],
  [...(doc.keywords ?? []), ...(doc.synonyms ?? [])],
  doc.category ? [doc.category] : [],
  [doc.excerpt],
];

/** The distinct stemmed terms of the docs, sorted: what `buildSearchIndex` sends. */
export function indexTerms(docs: readonly FaqSearchDoc[]): string[] {
  const set = new Set<string>();
  const out: Scan = { tokens: [] };
  for (const doc of docs) for (const field of fieldsOf(doc)) for (const text of field) scan(text, out);
  for (const t of out.tokens) set.add(stem(t));
  return [...set].sort();
}

/** Optimal string alignment distance: an edit or a swap of neighbours costs 1. */
function distance(a: string, b: string): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** First index in `sorted` not below `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Creates the search over the payload's docs from its prebuilt index. Without a readable
 * index it indexes the docs itself, with no stop words or vocabulary: use `createFaqSearch`
 * from `widget/search/index.ts` to search raw entries with both.
 * @example
 * const faq = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary, locale: 'fa' });
 * faq.search('پولم کی برمی‌گردد'); // [{ id: 'fa-refund-policy', score: 0.1, matches: [...] }]
 */
export function createFaqSearch(docs: readonly FaqSearchDoc[], options: FaqSearchOptions = {}): FaqSearch {
  const threshold = options.threshold ?? 0.65;
  const index: SearchIndex = isSearchIndex(options.index) ? options.index : { v: 2, terms: indexTerms(docs).join(' '), stop: '' };
  const stop = new Set(index.stop.split(' '));
  const vocabulary = options.vocabulary === false || !index.vocabulary ? [] : index.vocabulary.split(';').map((g) => g.split('|').map((m) => m.split(' ')));

  // Term ids are positions in the sorted term list; a term the index lacks (an index from
  // another FAQ version) is appended after them, found exactly but not by prefix.
  const sorted = index.terms ? index.terms.split(' ') : [];
  const termIds = new Map<string, number>();
  sorted.forEach((t, i) => termIds.set(t, i));
  const n = docs.length;
  // Postings: for each term, doc * 4 + field (the first field the term occurs in).
  const postings: number[][] = sorted.map(() => []);
  const lastDoc: number[] = sorted.map(() => -1);
  const questionSize = new Uint16Array(n);
  // A FAQ repeats a few thousand words many times over: stem and look up each once.
  const tokenTerm = new Map<string, number>();
  const out: Scan = { tokens: [] };
  /** Adds one doc's terms to the postings. */
  const indexDoc = (d: number): void => {
    const fields = fieldsOf(docs[d] as FaqSearchDoc);
    for (let f = 0; f < 4; f++) {
      out.tokens.length = 0;
      for (const text of fields[f] as string[]) scan(text, out);
      for (const token of out.tokens) {
        let id = tokenTerm.get(token);
        if (id === undefined) {
          const term = stem(token);
          id = termIds.get(term);
          if (id === undefined) {
            id = postings.length;
            termIds.set(term, id);
            postings.push([]);
            lastDoc.push(-1);
          }
          tokenTerm.set(token, id);
        }
        if (lastDoc[id] === d) continue;
        lastDoc[id] = d;
        if (f === FIELD_QUESTION) questionSize[d] = (questionSize[d] as number) + 1;
        (postings[id] as number[]).push(d * 4 + f);
      }
    }
  };
  // Indexing every doc's text takes tens of milliseconds in a browser that has not warmed
  // up, so loading does none of it: the docs are indexed in slices of a few milliseconds
  // right after, yielding to the page between slices, and a search that comes sooner
  // indexes what is left first. Either way a search sees every doc.
  let indexed = 0;
  const indexUpTo = (deadline: number): void => {
    while (indexed < n) {
      indexDoc(indexed++);
      if ((indexed & 31) === 0 && performance.now() > deadline) return;
    }
  };
  const slice = (): void => {
    indexUpTo(performance.now() + SLICE_MS);
    if (indexed < n) setTimeout(slice, 0);
  };
  if (options.background === false || typeof setTimeout !== 'function') indexUpTo(Infinity);
  else setTimeout(slice, 0);
  const idf = (id: number): number => Math.log(1 + n / Math.max(1, (postings[id] as number[]).length));
  const missing = Math.log(1 + n) + 1;

  // Fuzzy matching searches only the terms that begin with the same letter as the word (a
  // misspelt first letter is rare): one small fuse.js index per letter, built on first use.
  // Sorted terms with the same first letter are neighbours, so a letter's terms are a slice.
  const buckets = new Map<string, Fuse<string>>();
  const fuzzyIndex = (Fuse: FuseConstructor, letter: string): Fuse<string> => {
    let fuse = buckets.get(letter);
    if (!fuse) {
      const from = lowerBound(sorted, letter);
      const to = lowerBound(sorted, String.fromCharCode(letter.charCodeAt(0) + 1));
      fuse = new Fuse<string>(sorted.slice(from, to), { threshold: 0.4, ignoreLocation: true, includeScore: true });
      buckets.set(letter, fuse);
    }
    return fuse;
  };
  // Typing re-sends the same words with one more letter: remember what each word matched.
  const cache = new Map<string, Map<number, number>>();

  /** Index terms a query word may mean, with how close each is (1 = the same word). */
  function candidates(word: string, partial: boolean): Map<number, number> {
    const key = (partial ? '~' : '') + word;
    const hit = cache.get(key);
    if (hit) return hit;
    const out = new Map<number, number>();
    const term = stem(word);
    const exact = termIds.get(term) ?? termIds.get(word);
    if (exact !== undefined) out.set(exact, 1);
    const persian = isPersian(word);
    const bare = persian && exact === undefined ? CLITIC.exec(word)?.[1] : undefined;
    const clitic = bare === undefined ? undefined : termIds.get(bare);
    if (clitic !== undefined) out.set(clitic, 0.9);
    // Spoken Persian ends a verb in ه or ن where writing has د or ند: "میرسه" is "میرسد",
    // "برمیگرده" is "برمیگردد", "میکنن" is "میکنند".
    const spoken = persian && exact === undefined && /^ن?می.{2,}[هن]$/.test(word)
      ? termIds.get(stem(word.endsWith('ه') ? word.slice(0, -1) + 'د' : word + 'د'))
      : undefined;
    if (spoken !== undefined) out.set(spoken, 0.95);
    // A word being typed, or a Persian word without its ending ("کجا" in "کجاست"): every
    // term it begins, closer the more of it is there.
    if ((partial && word.length >= 2) || (word.length >= 3 && persian)) {
      for (let i = lowerBound(sorted, word), k = 0; i < sorted.length && k < 40; i++, k++) {
        const t = sorted[i] as string;
        if (!t.startsWith(word)) break;
        if (!out.has(i)) out.set(i, Math.min(0.85, 0.25 + 0.15 * word.length) + 0.1 * (word.length / t.length));
      }
    }
    if (partial && !out.size) {
      // "tracki" is on its way to "tracking", indexed as "track".
      for (const end of INFLECTIONS) {
        const id = termIds.get(stem(word + end));
        if (id !== undefined && !out.has(id)) out.set(id, 0.9);
      }
    }
    if (!out.size && term.length >= FUZZY_MIN) {
      const Fuse = options.fuzzy?.();
      if (!Fuse) {
        // Not cached: once fuse.js is here the same word gets its typo matches.
        options.onFuzzyNeeded?.();
        return out;
      }
      // Persian writes no short vowels, so its words carry fewer letters for the same
      // meaning: two edits in seven letters turn "استخدام" (hiring) into "استرداد" (refund).
      const long = persian ? 9 : 7;
      const allowed = term.length >= long + 3 ? 3 : term.length >= long ? 2 : 1;
      for (const r of fuzzyIndex(Fuse, term[0] as string).search(term, { limit: 12 })) {
        const id = termIds.get(r.item);
        if (id === undefined) continue;
        // A misspelt word may also be unfinished: "internatinal" → "internationally".
        const whole = distance(term, r.item);
        const head = r.item.length > term.length + 1 ? distance(term, r.item.slice(0, term.length)) + 0.5 : whole;
        const d = Math.min(whole, head);
        if (d <= allowed) out.set(id, Math.max(out.get(id) ?? 0, 0.9 - (0.4 * d) / term.length));
      }
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, out);
    return out;
  }

  /** Adds, to the query words a vocabulary phrase covers, the other words of its group. */
  function expand(stems: string[], slots: Map<number, number>[]): void {
    for (const group of vocabulary) {
      for (const member of group) {
        const at = findPhrase(stems, member);
        if (!at) continue;
        for (const other of group) {
          if (other === member) continue;
          for (const t of other) {
            const id = termIds.get(t);
            if (id === undefined) continue;
            for (const i of at) {
              const slot = slots[i] as Map<number, number>;
              slot.set(id, Math.max(slot.get(id) ?? 0, other.length > 1 ? 0.7 : 0.85));
            }
          }
        }
        break;
      }
    }
  }

  /** Ranges of the question's words that matched, in the original text. */
  function highlightRanges(question: string, slots: Map<number, number>[], typing?: string): FaqHit['matches'] {
    const matched = new Set<number>();
    for (const slot of slots) for (const id of slot.keys()) matched.add(id);
    const indices: [number, number][] = [];
    for (const t of tokenizeWithRanges(question)) {
      const id = termIds.get(stem(t.token));
      if ((id !== undefined && matched.has(id)) || (typing && t.token.startsWith(typing))) {
        indices.push([t.start, t.end - 1]);
      }
    }
    return indices.length ? [{ key: 'question', indices }] : [];
  }

  return {
    search(query: string, limit = 5): FaqHit[] {
      indexUpTo(Infinity);
      const words = tokenize(query).filter((w) => w.length > 1 || /\d/.test(w));
      if (!words.length || !n) return [];
      if (!words.some((w) => !stop.has(w))) return [];
      const partial = /[\p{L}\p{N}\p{M}]$/u.test(query);
      const last = words.length - 1;
      const slots = words.map((w, i) => new Map(candidates(w, partial && i === last)));
      // "بین المللی" typed with a space is the term "بینالمللی" (written with a half-space).
      for (let i = 0; i < last; i++) {
        const joined = termIds.get(stem((words[i] as string) + words[i + 1]));
        if (joined !== undefined && isPersian(words[i] as string)) {
          (slots[i] as Map<number, number>).set(joined, 1);
          (slots[i + 1] as Map<number, number>).set(joined, 1);
        }
      }
      expand(words.map(stem), slots);

      // score(doc) = Σ weight(word) × closeness of its best match in the doc / Σ weight(word)
      const total = new Float64Array(n);
      const inQuestion = new Uint16Array(n);
      let weightSum = 0;
      slots.forEach((slot, i) => {
        const word = words[i] as string;
        let weight = 0;
        for (const [id, sim] of slot) weight = Math.max(weight, sim * idf(id));
        // A fragment still being typed that matches nothing yet is no reason to show nothing.
        if (!weight) weight = i === last && partial && word.length <= 2 ? 0 : missing;
        if (stop.has(word)) weight = STOP_WEIGHT;
        weightSum += weight;
        const best = new Map<number, number>();
        for (const [id, sim] of slot) {
          for (const p of postings[id] as number[]) {
            const d = p >> 2;
            const v = sim * (FIELD_WEIGHT[p & 3] as number);
            if (v > (best.get(d) ?? 0)) best.set(d, v);
            if ((p & 3) === FIELD_QUESTION && v >= 0.75) inQuestion[d] = (inQuestion[d] as number) + 1;
          }
        }
        for (const [d, v] of best) total[d] = (total[d] as number) + weight * v;
      });
      const preferred = options.locale ?? detectLocale(query);
      const hits: { d: number; score: number }[] = [];
      for (let d = 0; d < n; d++) {
        if (!total[d]) continue;
        // A short question that the query covers beats a long one that merely contains it.
        const cover = Math.min(1, (inQuestion[d] as number) / Math.max(1, questionSize[d] as number));
        const score = 1 - ((total[d] as number) / weightSum) * (0.85 + 0.15 * cover);
        if (score <= threshold) hits.push({ d, score });
      }
      const rank = (d: number): number => (preferred && docs[d]?.locale !== preferred ? 1 : 0);
      hits.sort((a, b) => rank(a.d) - rank(b.d) || a.score - b.score);
      return hits.slice(0, limit).map(({ d, score }) => {
        const doc = docs[d] as FaqSearchDoc;
        return { id: doc.id, score: Math.round(score * 1000) / 1000, matches: highlightRanges(doc.question, slots, partial ? words[last] : undefined) };
      });
    },
  };
}

/**
 * Where the words of a vocabulary phrase occur in the query, in order, with at most two other
 * words between neighbours ("money" … "back" in "get my money sent back"), or undefined.
 */
function findPhrase(stems: readonly string[], phrase: readonly string[]): number[] | undefined {
  for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== phrase[0]) continue;
    const at = [i];
    for (let j = 1, k = i + 1; j < phrase.length && k < stems.length && k <= (at[j - 1] as number) + 3; k++) {
      if (stems[k] === phrase[j]) {
        at.push(k);
        j++;
      }
    }
    if (at.length === phrase.length) return at;
  }
  return undefined;
}

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
 */
import type Fuse from 'fuse.js/basic';
import type { FaqHit, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { detectLocale, tokenize, tokenizeWithRanges } from './normalize.js';
import { stem } from './stem.js';

/**
 * The prebuilt index `GET /api/faq` serves as `payload.index` (built by `buildSearchIndex`).
 * Plain strings, so it costs little to send and nothing to parse beyond the JSON; a term's
 * postings are decoded the first time a query touches it, so loading builds almost nothing.
 */
export interface SearchIndex {
  /** Format version: an index of another shape is ignored, never misread. */
  v: 3;
  /** The FAQ's distinct normalised, stemmed terms, sorted, separated by spaces. */
  terms: string;
  /**
   * For each term, in the order of `terms`, separated by spaces: the docs it occurs in, as
   * comma-separated base-36 gaps between successive `doc * 4 + field` (the best field).
   */
  postings: string;
  /** For each doc, one base-36 digit: how many words its question has (at most 35). */
  sizes: string;
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

/**
 * How much a word found in each field counts: question, keywords + synonyms, category, answer.
 * The answer is the longest field and says the most in passing, so it counts least but one.
 */
const FIELD_WEIGHT = [1, 0.9, 0.35, 0.5];
export const FIELD_QUESTION = 0;
export const FIELD_ANSWER = 3;
const LOOSE_IN_ANSWER = 0.6;
const FUZZY_MIN = 4;
const STOP_WEIGHT = 0.3;
/**
 * Out of scope: the best doc must cover this share of the query's informative (IDF-weighted)
 * content, and unless it covers `CONFIDENT` of it, stand `MARGIN` above the runner-up.
 */
const MIN_COVER = 0.3;
const CONFIDENT = 0.35;
const MARGIN = 0.2;
const INFLECTIONS = ['ing', 'ng', 'g', 'ed', 'd', 's'];
// Persian pronoun and copula clitics, written and spoken: "سفارشم" is "سفارش" + "my",
// "روزه" is "روز" + "is".
const CLITIC = /^(.{2,}?)(مان|تان|شان|ست|م|ت|ش|ی|ه)$/;
// Persian plurals the stemmer leaves alone: "فروشندگان" is "فروشنده", "کاربران" is "کاربر".
const PLURAL = /^(.{3,}?)(گان|ان|ات)$/;
const isPersian = (word: string): boolean => word.charCodeAt(0) >= 0x0600 && word.charCodeAt(0) <= 0x06ff;

/** Whether `index` is a `SearchIndex` this code can read. */
export const isSearchIndex = (index: unknown): index is SearchIndex =>
  typeof index === 'object' &&
  index !== null &&
  (index as SearchIndex).v === 3 &&
  typeof (index as SearchIndex).terms === 'string' &&
  typeof (index as SearchIndex).postings === 'string' &&
  typeof (index as SearchIndex).sizes === 'string';

const decodePostings = (text: string): number[] => {
  let at = 0;
  return text.split(',').map((gap) => (at += parseInt(gap, 36)));
};

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
 * Creates the search over the payload's docs from its prebuilt index; without a readable index
 * it finds nothing. `createFaqSearch` from `widget/search/index.ts` builds the index itself
 * from raw entries or docs.
 * @example
 * const faq = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary, locale: 'fa' });
 * faq.search('پولم کی برمی‌گردد'); // [{ id: 'fa-refund-policy', score: 0.1, matches: [...] }]
 */
export function createFaqSearch(docs: readonly FaqSearchDoc[], options: FaqSearchOptions = {}): FaqSearch {
  // The payload and this code come from the same server; an index of another shape (a page
  // that kept an old widget across an upgrade) finds nothing rather than misreads.
  const index: SearchIndex = isSearchIndex(options.index)
    ? options.index
    : { v: 3, terms: '', postings: '', sizes: '', stop: '' };
  const lists: (number[] | undefined)[] = [];
  const stop = new Set(index.stop.split(' '));
  const vocabulary =
    options.vocabulary === false || !index.vocabulary
      ? []
      : index.vocabulary.split(';').map((g) => g.split('|').map((m) => m.split(' ')));
  // The vocabulary's phrases by their first word, so a query looks up only its own words.
  let byFirst: Map<string, [string[][], string[]][]> | undefined;
  const phrasesByFirst = (): Map<string, [string[][], string[]][]> => {
    if (byFirst) return byFirst;
    byFirst = new Map();
    for (const group of vocabulary) {
      for (const member of group) {
        const first = member[0] as string;
        const list = byFirst.get(first) ?? [];
        list.push([group, member]);
        byFirst.set(first, list);
      }
    }
    return byFirst;
  };

  // Term ids are positions in the sorted term list.
  const sorted = index.terms ? index.terms.split(' ') : [];
  const termIds = new Map<string, number>();
  sorted.forEach((t, i) => termIds.set(t, i));
  const encoded = index.postings ? index.postings.split(' ') : [];
  /** A term's postings, decoded on first use. */
  const postingsOf = (id: number): number[] => (lists[id] ??= decodePostings(encoded[id] ?? ''));
  const n = docs.length;
  const questionWords = (d: number): number => parseInt(index.sizes[d] ?? '1', 36);
  const idf = (id: number): number => Math.log(1 + n / Math.max(1, postingsOf(id).length));
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
    const plural = persian && exact === undefined ? PLURAL.exec(word) : null;
    const single = plural ? termIds.get(stem((plural[1] as string) + (plural[2] === 'گان' ? 'ه' : ''))) : undefined;
    if (single !== undefined) out.set(single, 0.9);
    // Spoken Persian ends a verb in ه or ن where writing has د or ند: "میرسه" is "میرسد",
    // "برمیگرده" is "برمیگردد", "میکنن" is "میکنند".
    const spoken =
      persian && exact === undefined && /^ن?می.{2,}[هن]$/.test(word)
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
    // A misspelt ending can look like a suffix the stemmer takes off ("کالها" → "کال"): then the word as typed.
    const fz = term.length >= FUZZY_MIN ? term : word;
    if (!out.size && fz.length >= FUZZY_MIN) {
      const Fuse = options.fuzzy?.();
      if (!Fuse) {
        // Not cached: once fuse.js is here the same word gets its typo matches.
        options.onFuzzyNeeded?.();
        return out;
      }
      // Persian writes no short vowels, so its words carry fewer letters for the same
      // meaning: two edits in seven letters turn "استخدام" (hiring) into "استرداد" (refund).
      const long = persian ? 9 : 7;
      const allowed = fz.length >= long + 3 ? 3 : fz.length >= long ? 2 : 1;
      for (const r of fuzzyIndex(Fuse, fz[0] as string).search(fz, { limit: 30 })) {
        const id = termIds.get(r.item);
        if (id === undefined) continue;
        // A misspelt word may also be unfinished: "internatinal" → "internationally".
        const whole = distance(fz, r.item);
        const head = r.item.length > fz.length + 1 ? distance(fz, r.item.slice(0, fz.length)) + 0.5 : whole;
        const d = Math.min(whole, head);
        if (d <= allowed) out.set(id, Math.max(out.get(id) ?? 0, 0.9 - (0.4 * d) / fz.length));
      }
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, out);
    return out;
  }

  /** Adds, to the query words a vocabulary phrase covers, the other words of its group. */
  function expand(stems: string[], slots: Map<number, number>[]): void {
    const seen = new Set<string[][]>();
    for (const s of new Set(stems)) {
      for (const [group, member] of phrasesByFirst().get(s) ?? []) {
        const at = seen.has(group) ? undefined : findPhrase(stems, member);
        if (!at) continue;
        seen.add(group);
        for (const other of group) {
          if (other === member) continue;
          // Of a phrase, only its rarest word: "sim card" looks for "sim", not every "card";
          // and only if the FAQ has all of its words, or no entry can say it.
          let id: number | undefined;
          for (const t of other) {
            const tid = termIds.get(t);
            if (tid === undefined) {
              id = undefined;
              break;
            }
            if (!stop.has(t) && (id === undefined || postingsOf(tid).length < postingsOf(id).length)) id = tid;
          }
          if (id === undefined) continue;
          for (const i of at) {
            const slot = slots[i] as Map<number, number>;
            slot.set(id, Math.max(slot.get(id) ?? 0, other.length > 1 ? 0.7 : 0.85));
          }
        }
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

  /** Splits a Persian word written without its half-space into two indexed terms: "کتابها". */
  function split(word: string): number[] | undefined {
    for (let i = 3; i <= word.length - 3; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (stop.has(head) || stop.has(tail)) continue;
      const a = termIds.get(stem(head));
      const b = a === undefined ? undefined : termIds.get(stem(tail));
      if (a !== undefined && b !== undefined) return [a, b];
    }
    return undefined;
  }

  /** Candidate terms for each query word, with the Persian compounds joined or split. */
  function slotsOf(words: string[], partial: boolean): Map<number, number>[] {
    const last = words.length - 1;
    const slots = words.map((w, i) => new Map(candidates(w, partial && i === last)));
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      if (!isPersian(word)) continue;
      const slot = slots[i] as Map<number, number>;
      // "بین المللی" typed with a space is the term "بینالمللی" (written with a half-space).
      const joined = i < last ? termIds.get(stem(word + words[i + 1])) : undefined;
      if (joined !== undefined && isPersian(words[i + 1] as string)) {
        slot.set(joined, 1);
        (slots[i + 1] as Map<number, number>).set(joined, 1);
      }
      if (!slot.size && word.length >= 6) for (const id of split(word) ?? []) slot.set(id, 0.9);
    }
    expand(words.map(stem), slots);
    return slots;
  }

  /**
   * What share of the query's informative content each doc covers (IDF-weighted, each word
   * by its best match in the doc, weighted by field), and how many words match its question.
   */
  function cover(
    words: string[],
    slots: Map<number, number>[],
    partial: boolean,
  ): { total: Float64Array; inQuestion: Uint16Array } {
    const last = words.length - 1;
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
        for (const p of postingsOf(id)) {
          const d = p >> 2;
          // A related word or a word's beginning, found only in passing in an answer, is weak evidence.
          const v = sim * (FIELD_WEIGHT[p & 3] as number) * ((p & 3) === FIELD_ANSWER && sim <= 0.85 ? LOOSE_IN_ANSWER : 1);
          if (v > (best.get(d) ?? 0)) best.set(d, v);
          if ((p & 3) === FIELD_QUESTION && v >= 0.75) inQuestion[d] = (inQuestion[d] as number) + 1;
        }
      }
      for (const [d, v] of best) total[d] = (total[d] as number) + weight * v;
    });
    if (weightSum) for (let d = 0; d < n; d++) if (total[d]) total[d] = (total[d] as number) / weightSum;
    return { total, inQuestion };
  }

  return {
    search(query: string, limit = 5): FaqHit[] {
      const words = tokenize(query).filter((w) => w.length > 1 || /\d/.test(w));
      if (!words.length || !n) return [];
      if (!words.some((w) => !stop.has(w))) return [];
      const partial = /[\p{L}\p{N}\p{M}]$/u.test(query);
      const slots = slotsOf(words, partial);
      const { total, inQuestion } = cover(words, slots, partial);
      const preferred = options.locale ?? detectLocale(query);
      const hits: { d: number; score: number }[] = [];
      for (let d = 0; d < n; d++) {
        if (!total[d]) continue;
        // A short question that the query covers beats a long one that merely contains it.
        const share = Math.min(1, (inQuestion[d] as number) / Math.max(1, questionWords(d)));
        hits.push({ d, score: (total[d] as number) * (0.85 + 0.15 * share) });
      }
      const rank = (d: number): number => (preferred && docs[d]?.locale !== preferred ? 1 : 0);
      hits.sort((a, b) => rank(a.d) - rank(b.d) || b.score - a.score);
      const first = hits[0];
      // The runner-up in the same language: a translation of the same entry is no rival.
      const second = hits.find((h) => h !== first && rank(h.d) === rank(first?.d ?? 0));
      // Out of scope: too little of the query covered, or covered hardly better elsewhere.
      if (!first || first.score < MIN_COVER) return [];
      if (first.score < CONFIDENT && second && first.score - second.score < MARGIN * first.score) return [];
      const floor = Math.max(MIN_COVER, first.score / 2);
      return hits
        .filter((h) => h.score >= floor)
        .slice(0, limit)
        .map(({ d, score }) => {
          const doc = docs[d] as FaqSearchDoc;
          const typing = partial ? words[words.length - 1] : undefined;
          return {
            id: doc.id,
            score: Math.round((1 - score) * 1000) / 1000,
            matches: highlightRanges(doc.question, slots, typing),
          };
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

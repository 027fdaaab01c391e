/**
 * FAQ search as the visitor types (issue 3). fuse.js does the fuzzy part: its index holds the
 * distinct normalised terms of the FAQ, and its Bitap search finds the terms a misspelt word
 * could mean. Ranking is ours: every query word must be accounted for (weighted by how rare
 * it is), so a question the FAQ cannot answer scores low and is dropped instead of shown as
 * noise, and a keystroke touches only the postings of the words typed, never every answer.
 */
import Fuse from 'fuse.js/basic';
import type { FaqHit, FaqSearchDoc } from '../../protocol/faq.js';
import type { FaqEntry, Locale } from '../../protocol/types.js';
import { detectLocale, tokenize, tokenizeWithRanges } from './normalize.js';
import { stem } from './stem.js';
import { STOP_WORDS, VOCABULARY } from './vocabulary.js';

export interface FaqSearchOptions {
  /** Entries of this locale rank first; without it the query's script decides. */
  locale?: Locale;
  /** The prebuilt index from `GET /api/faq` (`buildSearchIndex`), so the browser need not build one. */
  index?: unknown;
  /** Use the built-in support vocabulary (refund ↔ money back …). @default true */
  vocabulary?: boolean;
  /** Highest score (0 perfect, 1 nothing) a hit may have. @default 0.65 */
  threshold?: number;
}

export interface FaqSearch {
  /** Hits best first; [] when nothing in the FAQ answers the query. */
  search(query: string, limit?: number): FaqHit[];
}

/** How much a word found in each field counts. */
const FIELD_WEIGHT = [1, 0.9, 0.35, 0.55];
const FIELD_QUESTION = 0;
const EXCERPT_WORDS = 14;
const FUZZY_MIN = 4;
const STOP_WEIGHT = 0.3;
const INFLECTIONS = ['ing', 'ng', 'g', 'ed', 'd', 's'];
const STOP = new Set(tokenize(STOP_WORDS));
// Persian pronoun and copula clitics: "سفارشم" is "سفارش" + "my".
const CLITIC = /^(.{2,}?)(مان|تان|شان|ست|م|ت|ش|ی)$/;
const isPersian = (word: string): boolean => word.charCodeAt(0) >= 0x0600 && word.charCodeAt(0) <= 0x06ff;

/** What `buildSearchIndex` returns: Fuse's index over the FAQ's distinct terms. */
type TermIndex = ReturnType<ReturnType<typeof Fuse.createIndex<string>>['toJSON']>;

/** Terms of one doc, field by field: question, keywords + synonyms, category, excerpt. */
function docFields(doc: FaqSearchDoc): string[][] {
  const words = (text: string | undefined): string[] =>
    text ? tokenize(text).map(stem) : [];
  const tags = [...(doc.keywords ?? []), ...(doc.synonyms ?? [])].join(' ; ');
  return [words(doc.question), words(tags), words(doc.category), words(doc.excerpt)];
}

/** The answer's first words as plain text: the result snippet, and some extra ranking text. */
export function excerptOf(markdown: string, words = EXCERPT_WORDS): string {
  const text = markdown
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s*(?:[-*+]|\d+\.|#+|>)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .split(/\s+/)
    .filter(Boolean);
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

/** The distinct terms of the docs, sorted: what fuzzy matching searches. */
function termsOf(fields: string[][][]): string[] {
  const set = new Set<string>();
  for (const doc of fields) for (const field of doc) for (const t of field) set.add(t);
  return [...set].sort();
}

/** Prebuilds, on the server, the fuse.js index the browser would otherwise build. */
export function buildSearchIndex(docs: readonly FaqSearchDoc[]): TermIndex {
  return Fuse.createIndex<string>([], termsOf(docs.map(docFields))).toJSON();
}

const isDoc = (e: FaqEntry | FaqSearchDoc): e is FaqSearchDoc => 'excerpt' in e;

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

/** Vocabulary groups as term lists: each member a list of terms. */
function parseVocabulary(): string[][][] {
  return Object.values(VOCABULARY).flatMap((groups) =>
    groups.split(';').map((g) => g.split('|').map((m) => tokenize(m).map(stem))),
  );
}

/**
 * Creates the search over FAQ entries (or the payload's docs).
 * @example
 * const faq = createFaqSearch(payload.docs, { index: payload.index, locale: 'fa' });
 * faq.search('پولم کی برمی‌گردد'); // [{ id: 'fa-refund-policy', score: 0.1, matches: [...] }]
 */
export function createFaqSearch(
  entries: readonly (FaqEntry | FaqSearchDoc)[],
  options: FaqSearchOptions = {},
): FaqSearch {
  const docs = entries.map((e) => (isDoc(e) ? e : (toSearchDocs([e])[0] as FaqSearchDoc)));
  const threshold = options.threshold ?? 0.65;
  const vocabulary = options.vocabulary === false ? [] : parseVocabulary();

  // Postings: for each term, doc * 4 + field (the best field the term occurs in).
  const termIds = new Map<string, number>();
  const postings: number[][] = [];
  const questionSize = new Uint16Array(docs.length);
  // The last doc each term was added for: a term counts once per doc, in its best field.
  const lastDoc: number[] = [];
  docs.forEach((doc, d) => {
    docFields(doc).forEach((field, f) => {
      for (const t of field) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = postings.length;
          termIds.set(t, id);
          postings.push([]);
        } else if (lastDoc[id] === d) continue;
        lastDoc[id] = d;
        if (f === FIELD_QUESTION) questionSize[d] = (questionSize[d] as number) + 1;
        (postings[id] as number[]).push(d * 4 + f);
      }
    });
  });
  const sorted = [...termIds.keys()].sort();
  const n = docs.length;
  const idf = (id: number): number => Math.log(1 + n / (postings[id] as number[]).length);
  const missing = Math.log(1 + n) + 1;

  // Fuzzy matching searches only the terms that begin with the same letter as the word (a
  // misspelt first letter is rare), in a fuse.js index per letter built on first use from the
  // server's prebuilt index when there is one.
  const prebuilt = (options.index as TermIndex | undefined)?.records ?? sorted.map((v) => ({ v }));
  const buckets = new Map<string, Fuse<string>>();
  const fuzzyIndex = (letter: string): Fuse<string> => {
    let fuse = buckets.get(letter);
    if (!fuse) {
      const records = prebuilt.filter((r) => r.v?.[0] === letter).map((r, i) => ({ v: r.v as string, i, n: 1 }));
      fuse = new Fuse<string>(
        records.map((r) => r.v),
        { threshold: 0.4, ignoreLocation: true, includeScore: true },
        Fuse.parseIndex<string>({ keys: [], records }),
      );
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
    const bare = isPersian(word) && exact === undefined ? CLITIC.exec(word)?.[1] : undefined;
    const clitic = bare === undefined ? undefined : termIds.get(bare);
    if (clitic !== undefined) out.set(clitic, 0.9);
    // A word being typed, or a Persian word without its ending ("کجا" in "کجاست"): every
    // term it begins, closer the more of it is there.
    if ((partial && word.length >= 2) || (word.length >= 3 && isPersian(word))) {
      // The word being typed: every term it begins, closer the more of it is typed.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid] as string) < word) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo, k = 0; i < sorted.length && k < 40; i++, k++) {
        const t = sorted[i] as string;
        if (!t.startsWith(word)) break;
        const id = termIds.get(t) as number;
        if (!out.has(id)) out.set(id, Math.min(0.85, 0.25 + 0.15 * word.length) + 0.1 * (word.length / t.length));
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
      const allowed = term.length >= 10 ? 3 : term.length >= 7 ? 2 : 1;
      for (const r of fuzzyIndex(term[0] as string).search(term, { limit: 12 })) {
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

  return {
    search(query: string, limit = 5): FaqHit[] {
      const words = tokenize(query).filter((w) => w.length > 1 || /\d/.test(w));
      if (!words.length || !n) return [];
      if (!words.some((w) => !STOP.has(w))) return [];
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
        if (STOP.has(word)) weight = STOP_WEIGHT;
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
        return { id: doc.id, score: Math.round(score * 1000) / 1000, matches: highlightRanges(doc.question, slots, partial ? words[words.length - 1] : undefined) };
      });
    },
  };

  /** Adds, to the query words a vocabulary phrase covers, the other words of its group. */
  function expand(stems: string[], slots: Map<number, number>[]): void {
    for (const group of vocabulary) {
      for (const member of group) {
        const at = indexOfPhrase(stems, member);
        if (at < 0) continue;
        for (const other of group) {
          if (other === member) continue;
          for (const t of other) {
            const id = termIds.get(t);
            if (id === undefined) continue;
            for (let i = at; i < at + member.length; i++) {
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
}

function indexOfPhrase(stems: string[], phrase: string[]): number {
  outer: for (let i = 0; i + phrase.length <= stems.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (stems[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

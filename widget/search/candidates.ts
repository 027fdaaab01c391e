/**
 * The index terms one query word may mean, with how close each is (1 = the same word): its
 * stem, Persian clitics, plurals and spoken verb endings, the terms a word being typed
 * begins, and — when nothing else matches — the terms it may be a misspelling of.
 */
import type { TypoMatcher, TypoMatcherFactory } from './fuzzy.js';
import { lowerBound, type IndexView } from './index-view.js';
import { isPersian } from './normalize.js';
import { stem } from './stem.js';

const FUZZY_MIN = 4;
const INFLECTIONS = ['ing', 'ng', 'g', 'ed', 'd', 's'];
// Persian pronoun and copula clitics, written and spoken: "سفارشم" is "سفارش" + "my",
// "روزه" is "روز" + "is".
export const CLITIC = /^(.{2,}?)([مشت]ون|مان|تان|شان|ست|مو|تو|شو|رو|م|ت|ش|ی|ه)$/;
// Persian plurals the stemmer leaves alone: "فروشندگان" is "فروشنده", "کاربران" is "کاربر";
// spoken, "فاکتورا" is "فاکتورها".
const PLURAL = /^(.{3,}?)(گان|ان|ات|ا)$/;

export type Candidates = (word: string, partial: boolean) => Map<number, number>;

export interface CandidateOptions {
  /** The typo matcher (with fuse.js), or undefined while it is not loaded yet. */
  fuzzy?: () => TypoMatcherFactory | undefined;
  /** A word needed typo matching that `fuzzy` could not give yet. */
  onFuzzyNeeded?: () => void;
  /** The page's locale: on a Persian page a Latin word may be Persian typed in Latin letters. */
  locale?: string;
}

/** A Persian word not in the index as written: without its clitic, as a singular, or as written prose. */
function persianForms(view: IndexView, word: string, out: Map<number, number>): void {
  const { termIds } = view;
  const [, bare, ending = ''] = CLITIC.exec(word) ?? [];
  // Stemmed as the index is: «مشتری‌هام» is «مشتری» + «ها» + «م».
  const clitic = bare === undefined ? undefined : termIds.get(stem(bare));
  if (clitic !== undefined && !out.has(clitic)) out.set(clitic, 0.9);
  // Speech drops a word's silent «ه» before «م», «ت», «ش» (my, your, his): «خونم» is «خونه» +
  // «م», written «خانه‌ام»; «بیمه‌نامم» is «بیمه‌نامه» + «م».
  if (/^[مشت](ون|و)?$/.test(ending)) {
    const full = termIds.get(stem(bare + 'ه'));
    if (full !== undefined && !out.has(full)) out.set(full, 0.9);
    // As written, with the clitic: one word, nearer than the bare «نامه».
    const written = ending.length < 2 ? termIds.get(bare + 'ها' + ending) : undefined;
    if (written !== undefined) out.set(written, 0.95);
  }
  // "گوشیاتون" is "گوشیا" + "your", and "گوشیا" is "گوشی" + the spoken plural.
  for (const form of [word, bare ?? '']) {
    const plural = PLURAL.exec(form);
    const single = plural ? termIds.get(stem((plural[1] as string) + (plural[2] === 'گان' ? 'ه' : ''))) : undefined;
    if (single !== undefined) out.set(single, 0.9);
  }
  // Spoken Persian ends a verb in ه or ن where writing has د or ند: "میرسه" is "میرسد",
  // "برمیگرده" is "برمیگردد", "میکنن" is "میکنند".
  const spoken = /^ن?می.{2,}[هن]$/.test(word)
    ? termIds.get(stem(word.endsWith('ه') ? word.slice(0, -1) + 'د' : word + 'د'))
    : undefined;
  if (spoken !== undefined) out.set(spoken, 0.95);
}

/**
 * `word` with one of «ب ج ز ک» as «پ چ ژ گ»: a keyboard without Persian's own letters types the
 * Arabic letter that looks nearest.
 */
export function arabicKeyboard(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const to = 'پچژگ'['بجزک'.indexOf(word[i] as string)];
    if (to) out.push(word.slice(0, i) + to + word.slice(i + 1));
  }
  return out;
}

/** Every term `word` begins, closer the more of it is there (times `scale`). */
function prefixes(view: IndexView, word: string, out: Map<number, number>, scale = 1): void {
  const { sorted } = view;
  for (let i = lowerBound(sorted, word), k = 0; i < sorted.length && k < 40; i++, k++) {
    const t = sorted[i] as string;
    if (!t.startsWith(word)) break;
    if (!out.has(i)) out.set(i, scale * (Math.min(0.85, 0.25 + 0.15 * word.length) + 0.1 * (word.length / t.length)));
  }
}

/** Creates the candidate lookup over `view`, remembering what each word matched. */
export function createCandidates(view: IndexView, options: CandidateOptions): Candidates {
  const { termIds } = view;
  let typos: TypoMatcher | undefined;
  // Typing re-sends the same words with one more letter: remember what each word matched.
  const cache = new Map<string, Map<number, number>>();
  // The payload's Finglish rules, compiled once rather than on each keystroke that needs them.
  const latin = view.latin?.split(' ').map((rule): [RegExp, string] => {
    const [from, to] = rule.split('=');
    return [RegExp(from as string, 'g'), to as string];
  });
  const get: Candidates = (word, partial) => {
    const key = (partial ? '~' : '') + word;
    const hit = cache.get(key);
    if (hit) return hit;
    const out = new Map<number, number>();
    const term = stem(word);
    // A doubled last letter typed once: "biling" lost the one its stem "bill" keeps, and "bil"
    // and "cal" are "bill" and "call".
    const exact = termIds.get(term) ?? termIds.get(word) ?? (word.length < 3 ? undefined : termIds.get(term + term.slice(-1)));
    if (exact !== undefined) out.set(exact, 1);
    const persian = isPersian(word);
    if (persian) persianForms(view, word, out);
    // «بخش» may be «پخش» even though «بخش» is a word. (A word that is no term, and long enough
    // for the typo matcher, finds them as typos.)
    if (exact !== undefined || word.length < FUZZY_MIN - 1) {
      for (const variant of arabicKeyboard(word)) {
        const id = termIds.get(stem(variant));
        if (id !== undefined && !out.has(id)) out.set(id, 0.7);
      }
    }
    // A word being typed, or a Persian word without its ending ("کجا" in "کجاست").
    if ((partial && word.length >= 2) || (word.length >= 3 && persian)) prefixes(view, word, out);
    if (partial && !out.size) {
      // "tracki" is on its way to "tracking", indexed as "track".
      for (const end of INFLECTIONS) {
        const id = termIds.get(stem(word + end));
        if (id !== undefined && !out.has(id)) out.set(id, 0.9);
      }
    }
    // A misspelt ending can look like a suffix the stemmer takes off ("کالها" → "کال"): then the word as typed.
    const fz = term.length >= FUZZY_MIN ? term : word;
    // A filler word («نمیشه») the FAQ does not have is no misspelling of one it has («همیشه»). A
    // finished word that only begins longer terms («رمض», «رمضان») may be one («رمز»).
    const weak = !out.size || (!partial && Math.max(...out.values()) < 0.8);
    if (weak && fz.length >= FUZZY_MIN - 1 && !view.stop.has(word)) {
      const matcher = options.fuzzy?.();
      if (!matcher) {
        // Not cached: once the matcher is here the same word gets its typo matches.
        options.onFuzzyNeeded?.();
        return out;
      }
      const found = new Map<number, number>();
      // "picing": its stem "pic" is too short to search as a typo, so "pricing" is found as
      // "pric" + "ing", the ending the stemmer took off.
      const ending = fz === word && !persian && word.startsWith(term) ? word.slice(term.length) : '';
      (typos ??= matcher(view))(word, fz, persian, found, ending);
      // The word the typo meant may carry an ending in the FAQ, as the word typed right would
      // find it: "حساپ" is "حساب", and so "حسابم".
      if (persian) for (const [id, sim] of [...found]) prefixes(view, view.sorted[id] as string, found, sim);
      for (const [id, sim] of found) out.set(id, Math.max(out.get(id) ?? 0, sim));
    }
    // On a Persian page, Persian typed in Latin letters ("pardakht" for «پرداخت»), or a Latin
    // loanword the FAQ spells in Persian: its Persian spellings, with the vowels "a" and "o"
    // written or left out as Persian writes short ones, matched as a Persian word would be.
    // Elsewhere an English word the FAQ lacks is no Persian word, and finds nothing.
    if (!out.size && latin && options.locale === 'fa' && /^[a-z]+$/.test(word)) {
      for (let fa of [word, word.replace(/\B[ao]/g, '')]) {
        for (const [from, to] of latin) fa = fa.replace(from, to);
        for (const [id, sim] of get(fa, partial)) if (!out.has(id)) out.set(id, 0.9 * sim);
      }
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, out);
    return out;
  };
  return get;
}

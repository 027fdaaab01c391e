/**
 * Typo matching: fuse.js's Bitap search finds the index terms a misspelt word could mean,
 * and an edit distance decides which are close enough to count.
 */
import type Fuse from 'fuse.js/basic';
import type { IndexView } from './index-view.js';

export type FuseConstructor = typeof Fuse;

/**
 * Optimal string alignment distance: an edit or a swap of neighbours costs 1, a letter swapped
 * for an alike one (a pair in `alike`: Persian letters that sound alike or differ by their
 * dots, «قبز» for «قبض») 0.4, since the visitor had the word's sound right.
 */
export function distance(a: string, b: string, alike = ''): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1] as string;
      const y = b[j - 1] as string;
      const cost = x === y ? 0 : alike.includes(x + y) ? 0.4 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * Whether a word of three letters, no term itself, is surely one of four with a letter left
 * out: a Persian word («قیت» for «قیمت»), or an English one without a vowel ("stp", "crd").
 * An English word with a vowel may be a word of its own, as "car" or "sow" are.
 */
const surelyShort = (word: string, persian: boolean): boolean => persian || !/[aeiouy]/.test(word);

/** How close a three-letter word that may be a word of its own is to the term it may be short of. */
const MAYBE_SHORT = 0.6;

/**
 * Adds to `out` the terms `word` may be a misspelling of, closer the fewer edits. `ending` is
 * a suffix of `word` that the terms, being stems, lack: the rest is looked for, and each term
 * compared with the ending put back.
 */
export type TypoMatcher = (
  Fuse: FuseConstructor,
  word: string,
  persian: boolean,
  out: Map<number, number>,
  ending?: string,
) => void;

/**
 * Fuzzy matching searches only the terms that share the word's first letter, or, when none is
 * close, its second (a misspelt first letter: "bhone"): one small fuse.js index per letter
 * and position, built on first use.
 */
export function createTypoMatcher(view: IndexView): TypoMatcher {
  const { sorted, termIds, alike } = view;
  const buckets = new Map<string, Fuse<string>>();
  const fuzzyIndex = (Fuse: FuseConstructor, at: number, letter: string): Fuse<string> => {
    let fuse = buckets.get(at + letter);
    if (!fuse) {
      // Bitap counts neighbours typed the wrong way round as two errors, the edit distance
      // below as one: at 0.4 "crad" (two in four letters) never reached it to be read as "card".
      fuse = new Fuse<string>(
        sorted.filter((t) => t[at] === letter),
        { threshold: 0.5, ignoreLocation: true },
      );
      buckets.set(at + letter, fuse);
    }
    return fuse;
  };
  return (Fuse, fz, persian, out, ending = '') => {
    // Persian writes no short vowels, so its words carry fewer letters for the same
    // meaning: two edits in seven letters turn "استخدام" (hiring) into "استرداد" (refund).
    const long = persian ? 9 : 7;
    // Only Persian letters have alike ones: an English word skips the lookups.
    const pairs = persian ? alike : '';
    // A three-letter word may only have a letter swapped for an alike one, or be missing one
    // (below).
    const allowed = fz.length >= long + 3 ? 3 : fz.length >= long ? 2 : fz.length > 3 ? 1 : 0.4;
    // The stemmer takes a final "e" off words of five letters or more, so "phone" is indexed as
    // "phon": "pone", one letter short, is also looked for without its "e".
    const bare = !persian && fz.length === 4 && fz.endsWith('e') ? fz.slice(0, -1) : undefined;
    // The closest found yet: a first letter swapped for an alike one («فرمز» for «قرمز») is
    // looked for when the first letter as typed finds nothing as close as one edit.
    let best = 2;
    for (let at = 0; at < 2 && best >= 1; at++) {
      const fuse = fuzzyIndex(Fuse, at, fz[at] as string);
      const found = fuse.search(fz.slice(0, fz.length - ending.length), { limit: 30 });
      if (bare) found.push(...fuse.search(bare, { limit: 30 }));
      for (const r of found) {
        const id = termIds.get(r.item);
        if (id === undefined) continue;
        // A misspelt word may also be unfinished: "internatinal" → "internationally".
        const whole = Math.min(distance(fz, r.item + ending, pairs), bare && r.item.length === 4 ? distance(bare, r.item) : 9);
        // A Persian word may also carry an ending the term lacks: "ارتغای" (ezafe) → "ارتقا".
        const head =
          r.item.length > fz.length
            ? distance(fz, r.item.slice(0, fz.length), pairs) + 0.5
            : persian && /^(ی|م|ت|ش|ها)$/.test(fz.slice(r.item.length))
              ? distance(fz.slice(0, r.item.length), r.item, pairs) + 0.5
              : whole;
        const d = Math.min(whole, head);
        // Past a misspelt first letter, the rest of the word must be right.
        // A word of three letters may be one of four with a letter left out («قیت» is «قیمت»,
        // "sow" is "slow"), where one edit in three letters would otherwise be too many; one
        // that may be a word of its own stands for the longer term only weakly, enough beside
        // a word the entry has ("sow internet") but not alone.
        const dropped = !at && fz.length === 3 && r.item.length === 4 && whole === 1;
        if ((dropped || d <= Math.min(allowed, at ? 1 : 3)) && (!at || d < best)) {
          const sim = dropped && !surelyShort(fz, persian) ? MAYBE_SHORT : 0.95 - (0.4 * d) / fz.length;
          out.set(id, Math.max(out.get(id) ?? 0, sim));
          best = Math.min(best, d);
        }
      }
    }
  };
}

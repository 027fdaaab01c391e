/**
 * Typo matching: fuse.js's Bitap search finds the index terms a misspelt word could mean,
 * and an edit distance decides which are close enough to count. The widget fetches this
 * module, with fuse.js, on the first word the FAQ does not have as typed (`./typos.ts`).
 */
import Fuse from 'fuse.js/basic';
import { distance } from './distance.js';
import type { IndexView } from './index-view.js';
import { stem } from './stem.js';

/**
 * Whether a word of three letters, no term itself, is surely one of four with a letter left
 * out: a Persian word («قیت» for «قیمت»), or an English one without a vowel ("stp", "crd").
 * An English word with a vowel may be a word of its own, as "car" or "sow" are.
 */
const surelyShort = (word: string, persian: boolean): boolean => persian || !/[aeiouy]/.test(word);

/** How close a three-letter word that may be a word of its own is to the term it may be short of. */
const MAYBE_SHORT = 0.6;

/**
 * Adds to `out` the terms `fz` (the word as typed, or its stem) may be a misspelling of, closer
 * the fewer edits. `ending` is a suffix of `word` that the terms, being stems, lack: the rest is
 * looked for, and each term compared with the ending put back.
 */
export type TypoMatcher = (word: string, fz: string, persian: boolean, out: Map<number, number>, ending?: string) => void;

/** What `./typos.ts` hands the search once it has arrived: a typo matcher for an index. */
export type TypoMatcherFactory = (view: IndexView) => TypoMatcher;

/** "pricign", "trackngi", "portng", "openig": a slip inside the "ing" hides the stem. */
const ING = [/\B[gin]{3}$/, /\B(ng|ig|in)$/];

/**
 * Fuzzy matching searches only the terms that share the word's first letter, or, when none is
 * close, its second (a misspelt first letter: "bhone"): one small fuse.js index per letter
 * and position, built on first use.
 */
export function createTypoMatcher(view: IndexView): TypoMatcher {
  const { sorted, termIds, alike } = view;
  const buckets = new Map<string, Fuse<string>>();
  const fuzzyIndex = (at: number, letter: string): Fuse<string> => {
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
  return (word, fz, persian, out, ending = '') => {
    // The "ing" put right finds the stem itself: no closer term is to be had.
    const ing = ING.map((end) => termIds.get(stem(word.replace(end, 'ing')))).find((id) => id !== undefined);
    if (ing !== undefined) return void out.set(ing, 0.9);
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
      const fuse = fuzzyIndex(at, fz[at] as string);
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

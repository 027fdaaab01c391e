/**
 * A query as slots: for each of its words, the index terms it may mean and how close each is,
 * with Persian compounds joined or split and the support vocabulary's paraphrases added.
 */
import type { Candidates } from './candidates.js';
import type { Expander } from './expand.js';
import type { IndexView } from './index-view.js';
import { stem } from './stem.js';

export type Slots = Map<number, number>[];

/** Splits a Persian word written without its half-space into two indexed terms: "کتابها". */
function split(view: IndexView, word: string): number[] | undefined {
  const { stop, termIds } = view;
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
export function slotsOf(view: IndexView, candidates: Candidates, expand: Expander, words: string[], partial: boolean): Slots {
  const last = words.length - 1;
  const slots = words.map((w, i) => new Map(candidates(w, partial && i === last)));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const slot = slots[i] as Map<number, number>;
    // "بین المللی" typed with a space is the term "بینالمللی" (written with a half-space),
    // "pre order" the term "preorder".
    const joined = i < last ? view.termIds.get(stem(word + words[i + 1])) : undefined;
    if (joined !== undefined) {
      slot.set(joined, 1);
      (slots[i + 1] as Map<number, number>).set(joined, 1);
    }
    if (!slot.size && word.length >= 6) for (const id of split(view, word) ?? []) slot.set(id, 0.9);
  }
  expand(words.map(stem), slots);
  return slots;
}

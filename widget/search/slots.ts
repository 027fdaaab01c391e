/**
 * A query as slots: for each of its words, the index terms it may mean and how close each is,
 * with Persian compounds joined or split and the support vocabulary's paraphrases added.
 */
import { arabicKeyboard, CLITIC, type Candidates } from './candidates.js';
import type { Expander } from './expand.js';
import type { IndexView } from './index-view.js';
import { stem } from './stem.js';

export type Slots = Map<number, number>[];

/** Splits a word written without its space or half-space in two: "کتابها", "darkmode", "5ghz". */
function split({ stop, termIds }: IndexView, word: string): string[] | undefined {
  // A number and its unit: "5ghz", "256gb", "۴۸ساعت".
  const unit = /^(\d+)(\D\D+)$/.exec(word);
  if (unit) return unit.slice(1);
  for (let i = 3; i <= word.length - 3; i++) {
    const halves = [word.slice(0, i), word.slice(i)];
    // One half may be a filler word («لغوکنم» is «لغو کنم»), not both.
    const known = halves.every((half) => stop.has(half) || termIds.has(stem(half)));
    if (known && halves.some((half) => !stop.has(half))) return halves;
  }
  return undefined;
}

/**
 * How close a candidate must be to stand for a word that is no term itself: one slip in a word
 * of five letters or more, an ending taken off, or the rest of a word of four letters or more.
 */
const LIKELY = 0.86;

/**
 * The term a word that is no term itself most likely means ("pakage" is "package"), so that
 * the vocabulary finds the paraphrases of a misspelt word too.
 */
function likeliest(view: IndexView, slot: Map<number, number>): string | undefined {
  let best: number | undefined;
  let most = LIKELY;
  for (const [id, sim] of slot) {
    if (sim === 1) return undefined;
    if (sim > most) [best, most] = [id, sim];
  }
  return view.sorted[best as number];
}

/**
 * Candidate terms for each query word, with compounds joined or split. A word split in two
 * becomes two words in `words`, as it would have been typed with its space.
 */
export function slotsOf(view: IndexView, candidates: Candidates, expand: Expander, words: string[], partial: boolean): Slots {
  let last = words.length - 1;
  const slots = words.map((w, i) => new Map(candidates(w, partial && i === last)));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const slot = slots[i] as Map<number, number>;
    // "بین المللی" typed with a space is the term "بینالمللی" (written with a half-space),
    // "pre order" the term "preorder".
    // «بیش فاکتور» is «پیش‌فاکتور» typed on a keyboard without «پ».
    const pair = word + words[i + 1];
    const joined =
      i < last ? [pair, ...arabicKeyboard(pair)].map((w) => view.termIds.get(stem(w))).find((id) => id !== undefined) : undefined;
    if (joined !== undefined) {
      slot.set(joined, 1);
      (slots[i + 1] as Map<number, number>).set(joined, 1);
    }
    const halves = slot.size ? undefined : split(view, word);
    if (halves) {
      words.splice(i, 1, ...halves);
      slots.splice(i, 1, ...halves.map((half) => new Map(candidates(half, false))));
      last++;
      i++;
    }
  }
  const stems = words.map(stem);
  expand(stems, slots);
  // Then as the words most likely meant, where a word is no term as typed; a Persian word the
  // FAQ lacks in any form, without its ending: «اکانتمو» is «اکانت», a word of the vocabulary.
  const meant = stems.map((s, i) => {
    const slot = slots[i] as Map<number, number>;
    return likeliest(view, slot) ?? (slot.size ? s : (CLITIC.exec(s)?.[1] ?? s));
  });
  if (meant.some((s, i) => s !== stems[i])) expand(meant, slots);
  return slots;
}

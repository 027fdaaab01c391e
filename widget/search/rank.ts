/**
 * Ranking by coverage: a hit scores the share of the query's informative (IDF-weighted) words
 * it covers, question and keywords above answer, so a question the FAQ cannot answer covers
 * little and shows nothing instead of noise.
 */
import { FIELD_ANSWER, FIELD_QUESTION, type IndexView } from './index-view.js';
import { distance } from './distance.js';
import { isPersian } from './normalize.js';
import type { Slots } from './slots.js';
import { stem } from './stem.js';

/**
 * How much a word found in each field counts: question, keywords + synonyms, category, answer,
 * learned phrasings. The answer is the longest field and says the most in passing, so it counts
 * least but one; a wording visitors taught counts below the owner's own question.
 */
const FIELD_WEIGHT = [1, 0.9, 0.35, 0.5, 0.75];
const LOOSE_IN_ANSWER = 0.6;
const STOP_WEIGHT = 0.3;
/** What a Persian word weighs by a rarer form of it, when the FAQ also has it as typed. */
const INDIRECT = 0.8;
/**
 * A Persian verb the FAQ does not use («میدین», «بخرم») says what the visitor wants done more
 * than what about: it counts half as much as another word the FAQ lacks.
 */
const VERB = /^ن?می|^ب.+م$/;
/**
 * What a word in the other language's script that the FAQ has as typed weighs, against one in
 * the query's own: a visitor who switches script to write it names the thing ("ATM", "USSD",
 * "tracking code" in a Persian question), where the words around it say what about. One the FAQ
 * lacks, or has only by another spelling, weighs as any other.
 */
const OTHER_SCRIPT = 1.3;
/**
 * How much a word found in an answer's translation counts for the answer, against one found in
 * the answer itself. The two versions are worded apart, and a query may share words with each:
 * the vocabulary reads «اطلاعاتم» (my information) as "data", which the English question says
 * and the Persian one says otherwise. Less, since the visitor reads their own version.
 */
const TRANSLATED = 0.8;
/** The most a query's words weigh together, in words the FAQ lacks. */
const LONG = 4;
/**
 * Out of scope: the best doc must cover this share of the query's informative (IDF-weighted)
 * content, and unless it covers `CONFIDENT` of it, stand `MARGIN` above the runner-up.
 */
const MIN_COVER = 0.3;
const CONFIDENT = 0.35;
const MARGIN = 0.15;

export interface Coverage {
  /** Per doc: the share of the query's informative content it covers. */
  total: Float64Array;
  /** Per doc: how many query words match its question. */
  inQuestion: Uint16Array;
}

/**
 * Adds one query word's best match in each doc, weighted by field, to `total`. A word found in
 * one version of an answer counts for the other too, in the same field, since a translation is
 * the same answer: `bridge` times as much. A word in the other language's script counts as much
 * ("PDF" in a Persian query finds the Persian answer whose English twin names the file type).
 */
function coverWord(
  view: IndexView,
  slot: Map<number, number>,
  weight: number,
  out: Coverage,
  bridge: number,
  best: Float64Array,
): void {
  // Per doc, this word's best match so far; `best` comes zeroed and is left zeroed.
  const seen: number[] = [];
  const add = (d: number, v: number, inQuestion: boolean): void => {
    // A doc without a twin is NaN, whose entries read undefined and take no writes.
    if (v > (best[d] as number)) {
      if (!best[d]) seen.push(d);
      best[d] = v;
    }
    if (inQuestion) (out.inQuestion[d] as number)++;
  };
  for (const [id, sim] of slot) {
    for (const p of view.postingsOf(id)) {
      const d = p >> 3;
      // A related word or a word's beginning, found only in passing in an answer, is weak evidence.
      const v = sim * (FIELD_WEIGHT[p & 7] as number) * ((p & 7) === FIELD_ANSWER && sim <= 0.85 ? LOOSE_IN_ANSWER : 1);
      const inQuestion = (p & 7) === FIELD_QUESTION && v >= 0.75;
      add(d, v, inQuestion);
      add(view.twin(d), v * bridge, inQuestion && bridge === 1);
    }
  }
  for (const d of seen) {
    (out.total[d] as number) += weight * (best[d] as number);
    best[d] = 0;
  }
}

/** Whether `word`, matching nothing as written, is a stop word misspelt. */
function isStopTypo({ stop, sorted, nearStop }: IndexView, word: string, slot: Map<number, number>): boolean {
  for (const [id, sim] of slot) if (sim === 1 || !stop.has(sorted[id] as string)) return false;
  let near = nearStop.get(word);
  if (near === undefined) {
    near = [...stop].some((s) => s.length > 3 && (s.length - word.length) ** 2 < 2 && distance(word, s) <= 1);
    // The server keeps a searcher per site for any visitor's text: the memory stays bounded.
    if (nearStop.size > 500) nearStop.clear();
    nearStop.set(word, near);
  }
  return near || !!slot.size;
}

/**
 * What share of the query's informative content each doc covers (IDF-weighted, each word
 * by its best match in the doc, weighted by field), and how many words match its question.
 */
export function cover(
  view: IndexView,
  words: string[],
  slots: Slots,
  partial: boolean,
  bridge: (word: string) => boolean,
): Coverage {
  const { n, stop } = view;
  const last = words.length - 1;
  const out: Coverage = { total: new Float64Array(n), inQuestion: new Uint16Array(n) };
  const best = new Float64Array(n);
  let weightSum = 0;
  slots.forEach((slot, i) => {
    const word = words[i] as string;
    let weight = 0;
    // A Persian word found as typed weighs by its own rarity: a rarer form it may also stand for
    // (with an ending, or a longer word it begins) makes it weigh only a little more.
    const exact = [...slot.values()].includes(1);
    const typed = isPersian(word) && exact ? INDIRECT : 1;
    for (const [id, sim] of slot) weight = Math.max(weight, (sim < 1 ? typed : 1) * sim * view.idf(id));
    // A fragment still being typed that matches nothing yet is no reason to show nothing.
    if (!weight) weight = i === last && partial && word.length <= 2 ? 0 : view.missing / (VERB.test(word) ? 2 : 1);
    // "wheres" ("where's" without its apostrophe), or a misspelt "what" or "does", says as
    // little as the word itself.
    if (stop.has(word) || stop.has(stem(word)) || stop.has(word.replace(/s$/, '')) || isStopTypo(view, word, slot))
      weight = STOP_WEIGHT;
    const other = bridge(word);
    if (other && exact) weight *= OTHER_SCRIPT;
    weightSum += weight;
    coverWord(view, slot, weight, out, other ? 1 : TRANSLATED, best);
  });
  const { total } = out;
  // A visitor who tells the whole story ("the tv came with a cracked screen, the box looked
  // fine…") uses many words no FAQ has: past four such words, the share is of the first four.
  weightSum = Math.min(weightSum, LONG * view.missing);
  if (weightSum) for (let d = 0; d < n; d++) (total[d] as number) /= weightSum;
  return out;
}

export interface Ranked {
  d: number;
  score: number;
}

/**
 * The docs worth showing, best first: those of the `preferred` locale first, nothing when the
 * query is out of scope (too little of it covered, or covered hardly better elsewhere). `near`:
 * the docs of the preferred locale that cover most of it, out of scope or not.
 */
export function rank(view: IndexView, { total, inQuestion }: Coverage, localeOf: (d: number) => number, near = false): Ranked[] {
  const hits: Ranked[] = [];
  // A translation is the same answer: an entry in the visitor's language covers as much as its
  // twin does ("servers in frankfurt" finds the Persian version's «سرور» and «فرانکفورت»).
  for (let d = 0; d < view.n; d++) {
    const t = view.twin(d);
    if (total[d] && localeOf(d) && !localeOf(t)) total[t] = Math.max(total[t] as number, total[d] as number);
  }
  // 0 once a doc of the preferred locale is left out: it would have come first.
  let unseen = 1;
  for (let d = 0; d < view.n; d++) {
    // Below (1 − MARGIN) × MIN_COVER no doc is shown, nor close enough to the best to make it
    // doubtful: sorting every doc a common word touches is most of a keystroke's time at
    // thousands of entries.
    if ((total[d] as number) <= 0.25) {
      if (total[d]) unseen &= localeOf(d);
      continue;
    }
    // A short question that the query covers beats a long one that merely contains it.
    const share = Math.min(1, (inQuestion[d] as number) / Math.max(1, view.questionWords(d)));
    hits.push({ d, score: (total[d] as number) * (0.85 + 0.15 * share) });
  }
  hits.sort((a, b) => localeOf(a.d) - localeOf(b.d) || b.score - a.score);
  const first = hits[0];
  // The runner-up in the same language: a translation of the same entry is no rival.
  const second = hits.find((h) => h !== first && localeOf(h.d) === localeOf(first?.d as number));
  if (!near && (!first || first.score < MIN_COVER || localeOf(first.d) > unseen)) return [];
  if (!near && first && first.score < CONFIDENT && second && first.score - second.score < MARGIN * first.score) return [];
  const floor = Math.max(MIN_COVER, (first?.score ?? 0) / 2);
  // An entry whose translation ranks above it says nothing new: an English question that the
  // vocabulary also reads in Persian («refund» is «استرداد») shows the English answer once.
  const shown = new Set<number>();
  return hits.filter((h) => (near ? !localeOf(h.d) : h.score >= floor) && !shown.has(view.twin(h.d)) && shown.add(h.d));
}

/**
 * How alike two wordings of a question are: the project's normaliser first (Arabic and Persian
 * letters unified, half-spaces and detached affixes joined, case folded), then character
 * 3-gram TF-IDF vectors compared by cosine. Character grams, not words, so "refund",
 * "refunds" and "refnd", or "سفارشم" and "سفارش", still share most of their weight without a
 * stemmer per language, and both scripts go through the same code.
 */
import { tokenize } from '../../widget/search/normalize.js';

/** The matching form of a wording: what groups, dismissals and phrasings compare. */
export function gapKey(text: string): string {
  return tokenize(text).join(' ');
}

/** Character 3-grams of a normalised wording, with a space marking each word's ends. */
export function charGrams(key: string): string[] {
  const padded = ` ${key} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/**
 * A unit-length sparse vector: gram ids ascending with their weights. Ids are numbered from
 * the gram found in most wordings down, so a vector lists its most common grams first.
 */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** TF-IDF vectors of a set of normalised wordings, and the corpus's gram count. */
export interface Vectors {
  vectors: SparseVector[];
  grams: number;
}

/**
 * One vector per wording: sublinear term frequency (1 + ln tf) times smoothed inverse document
 * frequency (ln((1 + n) / (1 + df)) + 1), scaled to unit length so a dot product is the cosine.
 * Grams found in many wordings ("the", "ها ") weigh little; rare ones carry the meaning.
 */
export function tfidfVectors(keys: readonly string[]): Vectors {
  const dictionary = new Map<string, number>();
  const df: number[] = [];
  const counts = keys.map((key) => {
    const tf = new Map<number, number>();
    for (const gram of charGrams(key)) {
      let id = dictionary.get(gram);
      if (id === undefined) {
        id = dictionary.size;
        dictionary.set(gram, id);
        df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id] = (df[id] as number) + 1;
    return tf;
  });
  const n = keys.length;
  const byDf = Array.from(df.keys()).sort((a, b) => (df[b] as number) - (df[a] as number) || a - b);
  const rank = new Int32Array(df.length);
  byDf.forEach((id, r) => (rank[id] = r));
  const vectors = counts.map((tf) => {
    const ids = Int32Array.from([...tf.keys()].map((id) => rank[id] as number)).sort();
    const weights = new Float64Array(ids.length);
    let norm = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = byDf[ids[k] as number] as number;
      const w = (1 + Math.log(tf.get(id) as number)) * (Math.log((1 + n) / (1 + (df[id] as number))) + 1);
      weights[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) / norm;
    return { ids, weights };
  });
  return { vectors, grams: dictionary.size };
}

/** Cosine of two unit vectors (their dot product), 0…1. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] as number;
    const y = b.ids[j] as number;
    if (x === y) dot += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

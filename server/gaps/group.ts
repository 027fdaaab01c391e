/**
 * Groups what visitors asked and the FAQ did not answer: wordings whose character 3-gram
 * TF-IDF cosine reaches the threshold join one group (single link, so "refund", "refunds
 * policy" and "policy on refunds" chain together), each group named by its most typical
 * wording (the medoid) and ranked by how many distinct visitors asked and how recently.
 */
import { GAPS, type GapSourceKind, type GapWording } from '../../protocol/gaps.js';
import type { IsoTime, VisitorId } from '../../protocol/types.js';
import { cosine, gapKey, tfidfVectors, type SparseVector } from './similarity.js';

/** One failed search, or the first message of a chat that followed one. */
export interface GapAsk {
  text: string;
  kind: GapSourceKind;
  /** Null: counted as a visitor of its own. */
  visitorId: VisitorId | null;
  at: IsoTime;
  conversationId?: string;
}

export interface GroupOptions {
  /** Ranking is relative to this time (injected so tests are exact). */
  now: number;
  /** @default GAPS.similarity */
  threshold?: number;
  /** @default GAPS.halfLifeDays */
  halfLifeDays?: number;
  /**
   * Normalised wordings an owner dismissed or resolved: a group most of whose asks are such
   * wordings is left out, while one that grew well past them comes back.
   */
  hidden?: ReadonlySet<string>;
  /** @default GAPS.examples */
  examples?: number;
}

/** A group as the server holds it: the listed fields and the chats behind them. */
export interface GroupedGap {
  key: string;
  question: string;
  examples: GapWording[];
  /** Every normalised wording of the group, most asked first: what marks are kept on. */
  wordings: string[];
  /** The same wordings as visitors spelled them (each its most used spelling). */
  spellings: string[];
  asks: number;
  visitors: number;
  chats: number;
  lastAskedAt: IsoTime;
  score: number;
  /** Conversations that began with a question of this group, newest first. */
  conversationIds: string[];
}

/** Everything asked in one normalised wording. */
interface Wording {
  key: string;
  count: number;
  /** Original spellings and how often each was used: the group shows the most used. */
  spellings: Map<string, number>;
  asks: GapAsk[];
}

const DAY_MS = 86_400_000;
/** Code-unit order: stable and fast (a collator is neither needed nor cheap here). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** A group's medoid is chosen among its most asked wordings only: the rest add little and cost a square. */
const MEDOID_CANDIDATES = 200;

function byWording(asks: readonly GapAsk[]): Wording[] {
  const map = new Map<string, Wording>();
  for (const ask of asks) {
    const key = gapKey(ask.text);
    if (!key) continue;
    let wording = map.get(key);
    if (!wording) {
      wording = { key, count: 0, spellings: new Map(), asks: [] };
      map.set(key, wording);
    }
    wording.count++;
    const text = ask.text.trim();
    wording.spellings.set(text, (wording.spellings.get(text) ?? 0) + 1);
    wording.asks.push(ask);
  }
  return [...map.values()];
}

/** Union-find over wording indexes, with path halving. */
function createSets(size: number) {
  const parent = Int32Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  return {
    find,
    union(a: number, b: number) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

/**
 * Links every pair at or above `threshold` (the all-pairs search of Bayardo et al.): grams are
 * taken most common first, and a wording's leading grams stay out of the inverted index while
 * they could not reach the threshold with any other wording even all together. Any pair that
 * reaches it must then share an indexed gram, so the index finds every candidate, and a
 * candidate is linked only after its exact cosine is checked. Common grams ("the", "ها ")
 * would otherwise pair nearly every wording with every other.
 */
function link(vectors: readonly SparseVector[], grams: number, threshold: number): (i: number) => number {
  const sets = createSets(vectors.length);
  const top = new Float64Array(grams);
  for (const v of vectors) {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k] as number;
      top[id] = Math.max(top[id] as number, v.weights[k] as number);
    }
  }
  const postings: number[][] = Array.from({ length: grams }, () => []);
  const seen = new Uint8Array(vectors.length);
  const candidates: number[] = [];
  vectors.forEach((vector, i) => {
    for (let k = 0; k < vector.ids.length; k++) {
      for (const j of postings[vector.ids[k] as number] as number[]) {
        if (seen[j]) continue;
        seen[j] = 1;
        candidates.push(j);
      }
    }
    for (const j of candidates) {
      seen[j] = 0;
      if (sets.find(i) !== sets.find(j) && cosine(vector, vectors[j]!) >= threshold) sets.union(i, j);
    }
    candidates.length = 0;
    // Ids run from the most common gram down (tfidfVectors), so this is the order wanted.
    let bound = 0;
    for (let k = 0; k < vector.ids.length; k++) {
      const id = vector.ids[k] as number;
      bound += (vector.weights[k] as number) * (top[id] as number);
      if (bound >= threshold) postings[id]!.push(i);
    }
  });
  return sets.find;
}

/**
 * The medoid over the asks: the wording whose asks are most like all the other asks (its own
 * repeats count as identical), so a wording asked often and in the middle of the group wins.
 */
function medoid(members: readonly number[], wordings: readonly Wording[], vectors: readonly SparseVector[]): number {
  const candidates = [...members].sort((a, b) => wordings[b]!.count - wordings[a]!.count).slice(0, MEDOID_CANDIDATES);
  let best = candidates[0] as number;
  let bestScore = -1;
  for (const i of candidates) {
    let total = wordings[i]!.count - 1;
    for (const j of candidates) if (j !== i) total += wordings[j]!.count * cosine(vectors[i]!, vectors[j]!);
    // Ties (a group of one or two) go to the more asked wording, which sorts first.
    if (total > bestScore + 1e-12) {
      best = i;
      bestScore = total;
    }
  }
  return best;
}

const mostUsed = (spellings: Map<string, number>): string => [...spellings].sort((a, b) => b[1] - a[1])[0]![0];

function describe(members: number[], wordings: readonly Wording[], vectors: readonly SparseVector[], options: GroupOptions) {
  const halfLife = (options.halfLifeDays ?? GAPS.halfLifeDays) * DAY_MS;
  const center = wordings[medoid(members, wordings, vectors)]!;
  const asks = members.flatMap((i) => wordings[i]!.asks);
  const lastByVisitor = new Map<string, number>();
  let last = 0;
  const conversations = new Map<string, number>();
  asks.forEach((ask, n) => {
    const at = Date.parse(ask.at);
    last = Math.max(last, at);
    const who = ask.visitorId ?? `\u0000${n}`;
    lastByVisitor.set(who, Math.max(lastByVisitor.get(who) ?? 0, at));
    if (ask.kind === 'chat' && ask.conversationId) conversations.set(ask.conversationId, at);
  });
  let score = 0;
  for (const at of lastByVisitor.values()) score += Math.pow(0.5, Math.max(0, options.now - at) / halfLife);
  const sorted = [...members].sort(
    (a, b) => wordings[b]!.count - wordings[a]!.count || byText(wordings[a]!.key, wordings[b]!.key),
  );
  return {
    key: center.key,
    question: mostUsed(center.spellings),
    examples: sorted
      .slice(0, options.examples ?? GAPS.examples)
      .map((i) => ({ text: mostUsed(wordings[i]!.spellings), count: wordings[i]!.count })),
    wordings: sorted.map((i) => wordings[i]!.key),
    spellings: sorted.map((i) => mostUsed(wordings[i]!.spellings)),
    asks: asks.length,
    visitors: lastByVisitor.size,
    chats: conversations.size,
    lastAskedAt: new Date(last).toISOString(),
    score: Math.round(score * 1000) / 1000,
    conversationIds: [...conversations].sort((a, b) => b[1] - a[1]).map(([id]) => id),
  };
}

/** Groups, most pressing first (score, then asks, then wording), without the hidden ones. */
export function groupGaps(asks: readonly GapAsk[], options: GroupOptions): GroupedGap[] {
  const wordings = byWording(asks);
  const { vectors, grams } = tfidfVectors(wordings.map((w) => w.key));
  const find = link(vectors, grams, options.threshold ?? GAPS.similarity);
  const components = new Map<number, number[]>();
  wordings.forEach((_, i) => {
    const root = find(i);
    const list = components.get(root);
    if (list) list.push(i);
    else components.set(root, [i]);
  });
  const hidden = options.hidden ?? new Set<string>();
  const groups: GroupedGap[] = [];
  for (const members of components.values()) {
    let total = 0;
    let hiddenAsks = 0;
    for (const i of members) {
      total += wordings[i]!.count;
      if (hidden.has(wordings[i]!.key)) hiddenAsks += wordings[i]!.count;
    }
    if (hiddenAsks * 2 >= total) continue;
    groups.push(describe(members, wordings, vectors, options));
  }
  return groups.sort((a, b) => b.score - a.score || b.asks - a.asks || byText(a.key, b.key));
}

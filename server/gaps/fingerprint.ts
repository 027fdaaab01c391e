/**
 * Finds agent replies sent again and again, near word for word: each reply's fingerprint is
 * the set of its word 3-shingles after the normaliser, and two replies are near-identical when
 * the Jaccard index of their sets reaches the threshold. Candidate pairs come from a prefix
 * filter (each set's rarest shingles are indexed; two sets that reach the threshold must share
 * one of them), so the work grows with the pairs that could match, not with the square.
 */
import { GAPS, type RepeatedReply } from '../../protocol/gaps.js';
import type { AgentId, IsoTime } from '../../protocol/types.js';
import { tokenize } from '../../widget/search/normalize.js';

/** One agent message as the store gives it. */
export interface SentReply {
  text: string;
  conversationId: string;
  agentId: AgentId | null;
  at: IsoTime;
  /** What the visitor said last before this reply, when anything. */
  asked?: string | null;
}

export interface RepeatOptions {
  /** @default GAPS.replySimilarity */
  threshold?: number;
  /** @default GAPS.replyMinCount */
  minCount?: number;
  /**
   * Replies shorter than this many words are left out: "thanks" and "one moment" repeat a lot
   * but are not worth a saved reply.
   * @default 3
   */
  minWords?: number;
}

/** Word 3-shingles of a text after the normaliser; a text of fewer words is one shingle. */
export function shingles(text: string, size = 3): string[] {
  return shinglesOf(tokenize(text), size);
}

function shinglesOf(tokens: readonly string[], size = 3): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length < size) return [tokens.join(' ')];
  const out = new Set<string>();
  for (let i = 0; i + size <= tokens.length; i++) out.add(tokens.slice(i, i + size).join(' '));
  return [...out];
}

/** |A ∩ B| / |A ∪ B| of two sets given as sorted arrays of distinct numbers. */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if ((a[i] as number) < (b[j] as number)) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 0 : both / union;
}

/** Jaccard of two texts' shingle sets: 1 for the same words in the same order. */
export function textSimilarity(a: string, b: string): number {
  const left = new Set(shingles(a));
  const right = new Set(shingles(b));
  let both = 0;
  for (const s of left) if (right.has(s)) both++;
  const union = left.size + right.size - both;
  return union === 0 ? 0 : both / union;
}

interface Text {
  replies: SentReply[];
  /** Shingle ids ascending; ids are handed out rarest first, so a set starts with its rarest. */
  set: number[];
}

function byText(replies: readonly SentReply[], minWords: number): Text[] {
  const map = new Map<string, Text>();
  const raw: string[][] = [];
  for (const reply of replies) {
    const tokens = tokenize(reply.text);
    if (tokens.length < minWords) continue;
    const key = tokens.join(' ');
    const text = map.get(key);
    if (text) text.replies.push(reply);
    else {
      map.set(key, { replies: [reply], set: [] });
      raw.push(shinglesOf(tokens));
    }
  }
  const texts = [...map.values()];
  // First-seen ids and document frequencies, then ids renumbered by rarity.
  const seen = new Map<string, number>();
  const df: number[] = [];
  const sets = raw.map((set) =>
    set.map((s) => {
      let id = seen.get(s);
      if (id === undefined) seen.set(s, (id = df.push(0) - 1));
      df[id] = (df[id] as number) + 1;
      return id;
    }),
  );
  const rank = new Int32Array(df.length);
  Array.from(df.keys())
    .sort((a, b) => (df[a] as number) - (df[b] as number) || a - b)
    .forEach((id, r) => (rank[id] = r));
  texts.forEach((t, i) => (t.set = sets[i]!.map((id) => rank[id] as number).sort((a, b) => a - b)));
  return texts;
}

/** Pairs of texts whose Jaccard reaches `threshold`, found through their prefixes. */
function similarPairs(texts: readonly Text[], threshold: number): [number, number][] {
  const index = new Map<number, number[]>();
  const pairs: [number, number][] = [];
  texts.forEach((text, i) => {
    const prefix = text.set.length - Math.ceil(threshold * text.set.length) + 1;
    const seen = new Set<number>();
    for (const id of text.set.slice(0, prefix)) {
      for (const j of index.get(id) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        if (jaccard(text.set, texts[j]!.set) >= threshold) pairs.push([j, i]);
      }
      const list = index.get(id);
      if (list) list.push(i);
      else index.set(id, [i]);
    }
  });
  return pairs;
}

/** Groups of near-identical replies sent at least `minCount` times, most sent first. */
export function repeatedReplies(replies: readonly SentReply[], options: RepeatOptions = {}): RepeatedReply[] {
  const texts = byText(replies, options.minWords ?? 3);
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  for (const [a, b] of similarPairs(texts, options.threshold ?? GAPS.replySimilarity)) parent[find(b)] = find(a);
  const groups = new Map<number, Text[]>();
  texts.forEach((text, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(text);
    else groups.set(root, [text]);
  });
  const out: RepeatedReply[] = [];
  for (const members of groups.values()) {
    const sent = members.flatMap((m) => m.replies);
    if (sent.length < (options.minCount ?? GAPS.replyMinCount)) continue;
    // The wording sent most often (the latest on a tie) stands for the group.
    const typical = [...members].sort(
      (a, b) => b.replies.length - a.replies.length || latest(b.replies).localeCompare(latest(a.replies)),
    )[0]!;
    const spelling = mostUsed(typical.replies.map((r) => r.text.trim()));
    out.push({
      text: spelling,
      count: sent.length,
      conversations: new Set(sent.map((r) => r.conversationId)).size,
      agents: new Set(sent.map((r) => r.agentId ?? '')).size,
      lastSentAt: latest(sent),
      question: [...sent].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).find((r) => r.asked)?.asked ?? null,
    });
  }
  return out.sort((a, b) => b.count - a.count || b.lastSentAt.localeCompare(a.lastSentAt));
}

const latest = (replies: readonly SentReply[]): IsoTime =>
  replies.reduce((max, r) => (r.at > max ? r.at : max), replies[0]?.at ?? '');

function mostUsed(spellings: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of spellings) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * Paraphrase by the support vocabulary: a query phrase that is a member of a group also looks
 * for the group's other members, weighted below literal matches.
 */
import type { IndexView } from './index-view.js';

type Group = string[][];
/** Adds, to the query words a vocabulary phrase covers, the other words of its group. */
export type Expander = (stems: string[], slots: Map<number, number>[]) => void;

/**
 * Where the words of a vocabulary phrase occur in the query, in order, with at most two other
 * words between neighbours ("money" … "back" in "get my money sent back"), or undefined. Each
 * query word is the set of words it may stand for.
 */
export function findPhrase(stems: readonly ReadonlySet<string>[], phrase: readonly string[]): number[] | undefined {
  for (let i = 0; i < stems.length; i++) {
    if (!stems[i]?.has(phrase[0] as string)) continue;
    const at = [i];
    for (let j = 1, k = i + 1; j < phrase.length && k < stems.length && k <= (at[j - 1] as number) + 3; k++) {
      if (stems[k]?.has(phrase[j] as string)) {
        at.push(k);
        j++;
      }
    }
    if (at.length === phrase.length) return at;
  }
  return undefined;
}

/**
 * Of a phrase, only its rarest word: "sim card" looks for "sim", not every "card"; and only
 * if the FAQ has all of its words, or no entry can say it.
 */
function rarestTerm(view: IndexView, phrase: readonly string[]): number | undefined {
  let id: number | undefined;
  for (const t of phrase) {
    const tid = view.termIds.get(t);
    if (tid === undefined) return undefined;
    if (!view.stop.has(t) && (id === undefined || view.postingsOf(tid).length < view.postingsOf(id).length)) id = tid;
  }
  return id;
}

/** Creates the expander over the vocabulary `view` carries (none when `enabled` is false). */
export function createExpander(view: IndexView, enabled: boolean): Expander {
  // A group is parsed only when its text has a query word, so neither loading the FAQ nor the
  // first keystroke parses the hundreds of groups the vocabulary has.
  const texts = ((enabled && view.vocabulary) || '').split(';');
  const parsed: Group[] = [];
  // Typing re-sends the same words with one more letter: each word scans the groups once.
  const starting = new Map<string, [Group, string[]][]>();
  const phrasesStarting = (word: string): [Group, string[]][] => {
    let found = starting.get(word);
    if (found) return found;
    found = [];
    texts.forEach((g, i) => {
      if (!g.includes(word)) return;
      const group = (parsed[i] ??= g.split('|').map((m) => m.split(' ')));
      for (const member of group) if (member[0] === word) found.push([group, member]);
    });
    // A group is read once per query: by its longest member there, so "حساب کاربری" (user
    // account) is one account, not «حساب» and a «کاربری» left to match on its own.
    found.sort((a, b) => b[1].length - a[1].length);
    if (starting.size > 500) starting.clear();
    starting.set(word, found);
    return found;
  };
  return (stems, slots) => {
    const words = stems.map((s) => new Set([s]));
    // A phrase may also be said with one-word synonyms of its words: "package" is a "plan",
    // so "bigger package" is the phrase "bigger plan". A single word is never taken further.
    const said = stems.map((s) => {
      const set = new Set([s]);
      for (const [group, member] of phrasesStarting(s)) {
        if (!member[1]) for (const other of group) if (!other[1]) set.add(other[0] as string);
      }
      return set;
    });
    const seen = new Set<Group>();
    for (const s of new Set(said.flatMap((set) => [...set]))) {
      for (const [group, member] of phrasesStarting(s)) {
        const at = seen.has(group) ? undefined : findPhrase(member[1] ? said : words, member);
        if (!at) continue;
        seen.add(group);
        for (const other of group) {
          if (other === member) continue;
          const id = rarestTerm(view, other);
          // A word the query has itself is no paraphrase of another of its words.
          if (id === undefined || slots.some((slot) => slot.get(id) === 1)) continue;
          for (const i of at) {
            const slot = slots[i] as Map<number, number>;
            slot.set(id, Math.max(slot.get(id) ?? 0, other.length > 1 ? 0.7 : 0.85));
          }
        }
      }
    }
  };
}

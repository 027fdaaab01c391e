/**
 * Which answers are translations of each other: the help centre's `hreflang` links, and the
 * search, where a word found in one language's version of an answer counts for the other's.
 * An entry may name its counterpart with `translationOf: "<id>"`; otherwise ids that differ
 * only in their locale prefix pair up ("en-refund" ↔ "fa-refund"), the convention the demo
 * FAQ follows.
 */
import type { FaqEntry } from './types.js';

type Entry = Pick<FaqEntry, 'id' | 'locale' | 'translationOf'>;

const withoutLocale = (entry: Entry): string | undefined => {
  const prefix = `${entry.locale}-`;
  return entry.id.startsWith(prefix) && entry.id.length > prefix.length ? entry.id.slice(prefix.length) : undefined;
};

/** Entry id → the id of the same answer in the other locale (both directions). */
export function pairTranslations(entries: readonly Entry[]): Map<string, string> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const pairs = new Map<string, string>();
  const link = (a: Entry, b: Entry | undefined): void => {
    if (!b || a.locale === b.locale || pairs.has(a.id) || pairs.has(b.id)) return;
    pairs.set(a.id, b.id);
    pairs.set(b.id, a.id);
  };
  for (const entry of entries) {
    if (entry.translationOf) link(entry, byId.get(entry.translationOf));
  }
  const byStem = new Map<string, Entry[]>();
  for (const entry of entries) {
    const stem = withoutLocale(entry);
    if (stem !== undefined) byStem.set(stem, [...(byStem.get(stem) ?? []), entry]);
  }
  for (const group of byStem.values()) if (group.length === 2) link(group[0] as Entry, group[1]);
  return pairs;
}

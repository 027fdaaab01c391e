/**
 * Which answers are translations of each other, for `hreflang` links. An entry may name its
 * counterpart with `translationOf: "<id>"`; otherwise ids that differ only in their locale
 * prefix pair up ("en-refund" ↔ "fa-refund"), the convention the demo FAQ follows.
 */
import type { FaqEntry } from '../../protocol/types.js';

const withoutLocale = (entry: FaqEntry): string | undefined => {
  const prefix = `${entry.locale}-`;
  return entry.id.startsWith(prefix) && entry.id.length > prefix.length ? entry.id.slice(prefix.length) : undefined;
};

/** Entry id → the id of the same answer in the other locale (both directions). */
export function pairTranslations(entries: readonly FaqEntry[]): Map<string, string> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const pairs = new Map<string, string>();
  const link = (a: FaqEntry, b: FaqEntry | undefined): void => {
    if (!b || a.locale === b.locale || pairs.has(a.id) || pairs.has(b.id)) return;
    pairs.set(a.id, b.id);
    pairs.set(b.id, a.id);
  };
  for (const entry of entries) {
    if (entry.translationOf) link(entry, byId.get(entry.translationOf));
  }
  const byStem = new Map<string, FaqEntry[]>();
  for (const entry of entries) {
    const stem = withoutLocale(entry);
    if (stem !== undefined) byStem.set(stem, [...(byStem.get(stem) ?? []), entry]);
  }
  for (const group of byStem.values()) if (group.length === 2) link(group[0] as FaqEntry, group[1]);
  return pairs;
}

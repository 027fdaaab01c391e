/**
 * Help-centre addresses: a slug made from the question, readable in either script ("where-is-my-order",
 * "سفارشم-کجاست"), the same for the same FAQ, and unique per site and locale.
 */
import type { FaqEntry } from '../../protocol/types.js';

/** Longest slug before it is cut at a word boundary, in characters. */
const MAX_SLUG = 60;

/**
 * Lowercase letters and digits of any script joined by "-". Persian zero-width non-joiners and
 * Arabic diacritics are dropped, so "می‌خواهم" and "میخواهم" give the same slug.
 */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    // Each joiner and diacritic is removed on its own: the class is meant to split them.
    // eslint-disable-next-line no-misleading-character-class
    .replace(/[\u200c\u200d\u064b-\u065f\u0670]/g, '')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG && slug) break;
    slug = next.slice(0, MAX_SLUG);
  }
  return slug;
}

/**
 * One slug per entry id. A question whose slug is taken (or empty) gets its id appended, so
 * the result does not depend on the order of the FAQ; a counter settles what is left.
 */
export function assignSlugs(entries: readonly FaqEntry[]): Map<string, string> {
  const byLocale = new Map<string, FaqEntry[]>();
  for (const entry of entries) byLocale.set(entry.locale, [...(byLocale.get(entry.locale) ?? []), entry]);
  const out = new Map<string, string>();
  for (const group of byLocale.values()) {
    const counts = new Map<string, number>();
    for (const entry of group) {
      const slug = slugify(entry.question);
      counts.set(slug, (counts.get(slug) ?? 0) + 1);
    }
    const taken = new Set<string>();
    for (const entry of group) {
      const plain = slugify(entry.question);
      let slug = plain && counts.get(plain) === 1 ? plain : [plain, slugify(entry.id) || 'answer'].filter(Boolean).join('-');
      for (let n = 2; taken.has(slug); n++) slug = `${plain || 'answer'}-${n}`;
      taken.add(slug);
      out.set(entry.id, slug);
    }
  }
  return out;
}

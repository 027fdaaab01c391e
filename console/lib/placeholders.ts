/**
 * Saved-reply placeholders: `{name}`, `{agent}` and `{site}` are filled in before the
 * reply lands in the reply box, so the agent sees — and can edit — exactly what will be sent.
 */

export interface PlaceholderValues {
  /** The visitor's name; blank or missing falls back to a friendly word in `locale`. */
  name?: string | null;
  agent?: string | null;
  site?: string | null;
  /** The visitor's locale (e.g. "fa-IR"): decides the fallback for a missing name. */
  locale?: string | null;
}

/** What `{name}` becomes when the visitor never told us their name. */
export const NAME_FALLBACK = { en: 'there', fa: 'دوست عزیز' } as const;

/** "fa", "fa-IR", "FA" → the Persian fallback; anything else → English. */
export function nameFallback(locale: string | null | undefined): string {
  return locale && /^fa\b/i.test(locale.trim()) ? NAME_FALLBACK.fa : NAME_FALLBACK.en;
}

/**
 * Replaces the known placeholders in `template`. Unknown ones (`{order}`) are left as typed so
 * the agent notices them; replacement values are inserted literally, never re-scanned.
 *
 * @example fillPlaceholders('Hi {name}, {agent} here.', { name: 'Sara', agent: 'Ali' })
 * // → 'Hi Sara, Ali here.'
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  const name = values.name?.trim() || nameFallback(values.locale);
  const known: Record<string, string> = {
    name,
    agent: values.agent?.trim() ?? '',
    site: values.site?.trim() ?? '',
  };
  return template.replace(/\{(name|agent|site)\}/g, (_, key: string) => known[key] ?? '');
}

/**
 * What the help centre knows about one site's FAQ version: entries per locale, their slugs,
 * their translations and the search. Built once per FAQ version, not per request.
 */
import type { FaqArticle } from '../../protocol/faq.js';
import type { FaqEntry, Locale } from '../../protocol/types.js';
import type { FaqLibrary } from '../faq/index.js';
import { createHelpSearch, type HelpSearch } from './search.js';
import { assignSlugs } from './slugs.js';
import { htmlToText } from './text.js';
import { pairTranslations } from '../../protocol/translations.js';

export interface HelpCatalog {
  /** The FAQ version this was built from (its content hash). */
  version: string;
  entries(locale: Locale): FaqEntry[];
  byId(id: string): FaqEntry | undefined;
  bySlug(locale: Locale, slug: string): FaqEntry | undefined;
  slugOf(entry: FaqEntry): string;
  translationOf(entry: FaqEntry): FaqEntry | undefined;
  article(entry: FaqEntry): FaqArticle;
  /** The answer as plain text (for descriptions and JSON-LD), made once per entry. */
  text(entry: FaqEntry): string;
  search: HelpSearch;
}

const built = new WeakMap<FaqLibrary, HelpCatalog>();

/** The catalog of the library's current FAQ version (rebuilt after a reload). */
export function helpCatalog(library: FaqLibrary): HelpCatalog {
  const { version, body } = library.payload();
  const cached = built.get(library);
  if (cached?.version === version) return cached;
  const catalog = buildCatalog(library, version, body);
  built.set(library, catalog);
  return catalog;
}

function buildCatalog(library: FaqLibrary, version: string, payloadJson: string): HelpCatalog {
  const all = library.entries();
  const byId = new Map(all.map((e) => [e.id, e]));
  const slugs = assignSlugs(all);
  const bySlug = new Map(all.map((e) => [`${e.locale}/${slugs.get(e.id)}`, e]));
  const translations = pairTranslations(all);
  const texts = new Map<string, string>();
  let search: HelpSearch | undefined;
  return {
    version,
    entries: (locale) => all.filter((e) => e.locale === locale),
    byId: (id) => byId.get(id),
    bySlug: (locale, slug) => bySlug.get(`${locale}/${slug}`),
    slugOf: (entry) => slugs.get(entry.id) as string,
    translationOf(entry) {
      const id = translations.get(entry.id);
      return id === undefined ? undefined : byId.get(id);
    },
    article: (entry) => library.article(entry.id) as FaqArticle,
    text(entry) {
      let text = texts.get(entry.id);
      if (text === undefined) texts.set(entry.id, (text = htmlToText((library.article(entry.id) as FaqArticle).html)));
      return text;
    },
    search: (query, locale, limit) => (search ??= createHelpSearch(payloadJson))(query, locale, limit),
  };
}

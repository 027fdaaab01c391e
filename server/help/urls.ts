/** Help-centre addresses: `/help`, `/help/<slug>`, `/help/fa`, `/help/fa/<slug>`, per site. */
import type { Locale } from '../../protocol/types.js';

export interface HelpUrls {
  /** Path of the locale's front page, with the search query when there is one. */
  home(locale: Locale, query?: string): string;
  article(locale: Locale, slug: string): string;
  /** The absolute form of a path made here, for canonical and alternate links. */
  absolute(path: string): string;
}

/**
 * @param origin scheme and host the page was asked for, e.g. "https://help.example"
 * @param site the site key; only a site other than the default one appears in the address
 */
export function createHelpUrls(origin: string, site: string | undefined): HelpUrls {
  const withParams = (path: string, params: [string, string][]): string => {
    const all = site === undefined ? params : [['site', site] as [string, string], ...params];
    return all.length ? `${path}?${new URLSearchParams(all).toString()}` : path;
  };
  const root = (locale: Locale) => (locale === 'en' ? '/help' : `/help/${locale}`);
  return {
    home: (locale, query) => withParams(root(locale), query ? [['q', query]] : []),
    article: (locale, slug) => withParams(`${root(locale)}/${encodeURIComponent(slug)}`, []),
    absolute: (path) => `${origin}${path}`,
  };
}

/**
 * Per-site runtime: its config, its FAQ library, and the origin rule the HTTP API and the
 * socket handshake both apply.
 */
import type { Locale } from '../protocol/types.js';
import type { SiteConfig } from './config.js';

/** The site's name for visitors of `locale`: that language's name, else the site's own language's, else any. */
export function siteName(site: Pick<SiteConfig, 'name' | 'locale'>, locale: Locale = site.locale): string {
  if (typeof site.name === 'string') return site.name;
  return site.name[locale] ?? site.name[site.locale] ?? site.name.en ?? site.name.fa ?? 'Pasokh';
}

/** The site's name in each language it has one for (every language when it has one name). */
export function siteNames(site: Pick<SiteConfig, 'name' | 'locale'>): Record<Locale, string> {
  return { en: siteName(site, 'en'), fa: siteName(site, 'fa') };
}

/**
 * Whether a page at `origin` may use `site`'s widget. The server's own origin (the demo page,
 * same-origin embeds) is always allowed; a request without an Origin header comes from a
 * non-browser client, which an Origin check cannot stop anyway.
 */
export function isOriginAllowed(site: SiteConfig, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (site.allowedOrigins.includes('*')) return true;
  if (site.allowedOrigins.includes(origin)) return true;
  if (host) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return false;
}

/** `/sitemap.xml`: every answer's address in every locale, and nothing else. */
import { escapeHtml } from './html.js';

/** A sitemaps.org urlset of absolute URLs (XML-escaped: "&" in a query is "&amp;"). */
export function renderSitemap(urls: readonly string[]): string {
  const items = urls.map((url) => `  <url><loc>${escapeHtml(url)}</loc></url>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}</urlset>\n`;
}

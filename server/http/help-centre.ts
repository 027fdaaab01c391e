/**
 * The public help centre, rendered on the server with no script: `/help`, `/help/<slug>`,
 * `/help/fa`, `/help/fa/<slug>`, and `/sitemap.xml`. The site is `?site=KEY`, else the first
 * configured site. Pages carry an ETag made from the FAQ version and the page itself.
 */
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaqEntry, Locale } from '../../protocol/types.js';
import type { SiteConfig } from '../config.js';
import { siteName } from '../sites.js';
import type { FaqLibrary } from '../faq/index.js';
import { helpCatalog, type HelpCatalog } from '../help/catalog.js';
import { renderArticle, renderHome, renderNotFound, type HelpContext } from '../help/pages.js';
import { renderSitemap } from '../help/sitemap.js';
import { HELP_CSS_HASH } from '../help/style.js';
import { createHelpUrls } from '../help/urls.js';
import type { Store } from '../store/store.js';

export interface HelpCentreDeps {
  sites: readonly SiteConfig[];
  faq(site: string): FaqLibrary | undefined;
  store: Pick<Store, 'faqInsights'>;
}

/** No script at all (JSON-LD is a data block, which script-src does not govern), one stylesheet by hash. */
const HELP_CSP = [
  "default-src 'none'",
  `style-src ${HELP_CSS_HASH}`,
  "script-src 'none'",
  // The favicon link is a data: URL (no request); answers carry no images.
  'img-src data:',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const POPULAR = 6;
const POPULAR_TTL_MS = 60_000;
const POPULAR_DAYS = 30;
const MAX_QUERY = 200;
const RESULTS = 10;

interface Resolved {
  site: SiteConfig;
  /** Set when the site was chosen by `?site=` and is not the default. */
  key?: string;
  catalog: HelpCatalog;
}

export function registerHelpCentre(app: FastifyInstance, deps: HelpCentreDeps): void {
  const popular = createPopularCache(deps, app.log);

  const resolve = (request: FastifyRequest): Resolved | undefined => {
    const asked = (request.query as Record<string, unknown>).site;
    const site = typeof asked === 'string' && asked ? deps.sites.find((s) => s.key === asked) : deps.sites[0];
    const library = site && deps.faq(site.key);
    if (!site || !library) return undefined;
    return { site, ...(site === deps.sites[0] ? {} : { key: site.key }), catalog: helpCatalog(library) };
  };
  const contextOf = (request: FastifyRequest, locale: Locale, found: Resolved): HelpContext => ({
    locale,
    siteName: siteName(found.site, locale),
    ...(found.key ? { site: found.key } : {}),
    catalog: found.catalog,
    urls: createHelpUrls(`${request.protocol}://${request.host}`, found.key),
  });
  const notFound = (request: FastifyRequest, reply: FastifyReply, locale: Locale) => {
    const found = resolve(request) ?? fallbackSite(deps);
    const body = found
      ? renderNotFound(contextOf(request, locale, found))
      : '<!DOCTYPE html><title>Not found</title><h1>Not found</h1>';
    return sendPage(request, reply.code(404), body, undefined);
  };

  const home = (locale: Locale) => async (request: FastifyRequest, reply: FastifyReply) => {
    const found = resolve(request);
    if (!found) return notFound(request, reply, locale);
    const raw = (request.query as Record<string, unknown>).q;
    const query = typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY) : '';
    const ctx = contextOf(request, locale, found);
    const { ids, near } = query ? found.catalog.search(query, locale, RESULTS) : { ids: [], near: false };
    const body = renderHome(ctx, {
      ...(query ? { query } : {}),
      results: ids.map((id) => found.catalog.byId(id) as FaqEntry),
      near,
      popular: await popular(found.site.key, found.catalog, locale),
    });
    return sendPage(request, reply, body, found.catalog.version);
  };

  const article = (locale: Locale) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { slug } = request.params as { slug: string };
    // "/help/" and "/help/fa/" are the front pages.
    if (slug === '') return reply.redirect(request.url.replace(/\/(?=\?|$)/, ''), 301);
    const found = resolve(request);
    const entry = found?.catalog.bySlug(locale, slug);
    if (found && entry)
      return sendPage(request, reply, renderArticle(contextOf(request, locale, found), entry), found.catalog.version);
    // An answer's id (what the widget knows) leads to its page under its slug.
    const byId = found?.catalog.byId(slug);
    if (found && byId)
      return reply.redirect(contextOf(request, byId.locale, found).urls.article(byId.locale, found.catalog.slugOf(byId)), 301);
    return notFound(request, reply, locale);
  };

  app.get('/help', home('en'));
  app.get('/help/fa', home('fa'));
  app.get('/help/fa/:slug', article('fa'));
  app.get('/help/:slug', article('en'));
  app.get('/sitemap.xml', async (request, reply) => {
    const urls = sitemapUrls(request, deps);
    reply.header('Cache-Control', 'no-cache');
    reply.type('application/xml; charset=utf-8');
    return reply.send(renderSitemap(urls));
  });
}

/** The default site, for a friendly 404 when `?site=` names no site. */
function fallbackSite(deps: HelpCentreDeps): Resolved | undefined {
  const site = deps.sites[0];
  const library = site && deps.faq(site.key);
  return site && library ? { site, catalog: helpCatalog(library) } : undefined;
}

/** Every answer of every site, in both locales; other sites than the default carry `?site=`. */
function sitemapUrls(request: FastifyRequest, deps: HelpCentreDeps): string[] {
  const origin = `${request.protocol}://${request.host}`;
  return deps.sites.flatMap((site, i) => {
    const library = deps.faq(site.key);
    if (!library) return [];
    const catalog = helpCatalog(library);
    const urls = createHelpUrls(origin, i === 0 ? undefined : site.key);
    return (['en', 'fa'] as const).flatMap((locale) =>
      catalog.entries(locale).map((e) => urls.absolute(urls.article(locale, catalog.slugOf(e)))),
    );
  });
}

/** HTML with the help centre's headers; answers 304 when the browser holds this very page. */
function sendPage(request: FastifyRequest, reply: FastifyReply, body: string, version: string | undefined) {
  reply.header('Content-Security-Policy', HELP_CSP);
  reply.header('X-Frame-Options', 'DENY');
  reply.type('text/html; charset=utf-8');
  if (version === undefined) return reply.header('Cache-Control', 'no-store').send(body);
  const etag = `"${version}-${createHash('sha256').update(body).digest('base64url').slice(0, 12)}"`;
  reply.header('ETag', etag);
  reply.header('Cache-Control', 'no-cache');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(body);
}

/**
 * The most viewed answers of a locale in the last 30 days, from the FAQ view events; the FAQ's
 * own order fills the list when there are few views. Cached a minute per site, so a busy front
 * page does not run the insights query on every request.
 */
function createPopularCache(deps: HelpCentreDeps, log: FastifyBaseLogger) {
  const cache = new Map<string, { at: number; ids: string[] }>();
  return async (site: string, catalog: HelpCatalog, locale: Locale): Promise<FaqEntry[]> => {
    let hit = cache.get(site);
    if (!hit || Date.now() - hit.at > POPULAR_TTL_MS) {
      const since = new Date(Date.now() - POPULAR_DAYS * 86_400_000).toISOString();
      // A store that cannot answer leaves the FAQ order: the front page still works.
      const views = await deps.store.faqInsights(site, since, 200).then(
        (r) => r.views,
        (error: unknown) => {
          log.warn({ err: error }, 'help centre: no view counts, showing answers in FAQ order');
          return [];
        },
      );
      hit = { at: Date.now(), ids: views.map((v) => v.articleId) };
      cache.set(site, hit);
    }
    const viewed = hit.ids.map((id) => catalog.byId(id)).filter((e): e is FaqEntry => e?.locale === locale);
    const rest = catalog.entries(locale).filter((e) => !viewed.includes(e));
    return [...viewed, ...rest].slice(0, POPULAR);
  };
}

/**
 * What the visitor did on this page before asking: searches and articles opened. Sent with the
 * first chat message so the agent does not have to ask (the `context` of `message:send`). Capped to the
 * limits of protocol/schemas.ts so the server never refuses a first message over its context.
 */
import type { Locale, VisitorContext } from '../../protocol/types.js';

const MAX_ITEMS = 50;
const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

export interface PageSession {
  addSearch(query: string, hits: number): void;
  addArticle(id: string, title?: string): void;
  setHelpful(id: string, helpful: boolean): void;
  context(locale: Locale): VisitorContext;
}

/** Creates the record for this page view; `page` is injectable for tests. */
export function createPageSession(
  page: () => { url: string; title: string; referrer: string; userAgent: string } = () => ({
    url: location.href,
    title: document.title,
    referrer: document.referrer,
    userAgent: navigator.userAgent,
  }),
): PageSession {
  const searches: NonNullable<VisitorContext['searches']> = [];
  const articles: NonNullable<VisitorContext['articles']> = [];
  return {
    addSearch(query, hits) {
      searches.push({ query: clip(query, 200), hits: Math.min(hits, 1000), at: new Date().toISOString() });
      if (searches.length > MAX_ITEMS) searches.shift();
    },
    addArticle(id, title) {
      if (articles.some((article) => article.id === id)) return;
      articles.push({ id: clip(id, 128), ...(title ? { title: clip(title, 512) } : {}) });
      if (articles.length > MAX_ITEMS) articles.shift();
    },
    setHelpful(id, helpful) {
      const article = articles.find((item) => item.id === id);
      if (article) article.helpful = helpful;
    },
    context(locale) {
      const { url, title, referrer, userAgent } = page();
      const context: VisitorContext = { url: clip(url, 2048), title: clip(title, 512), locale, userAgent: clip(userAgent, 512) };
      if (referrer) context.referrer = clip(referrer, 2048);
      if (searches.length) context.searches = searches.slice();
      if (articles.length) context.articles = articles.map((article) => ({ ...article }));
      return context;
    },
  };
}

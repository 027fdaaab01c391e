/**
 * The widget's HTTP calls. They go to the Pasokh origin, not the host page's, and carry no
 * cookies: the visitor is known by its token, not by a session.
 */
import type { FaqArticle, FaqPayload } from '../../protocol/faq.js';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The search payload (docs + prebuilt index); the browser revalidates it with its ETag. */
export function fetchFaq(origin: string, site: string): Promise<FaqPayload> {
  return getJson(`${origin}/api/faq?site=${encodeURIComponent(site)}`);
}

const articles = new Map<string, Promise<FaqArticle>>();

/** One answer with sanitised HTML; cached for the page view, failures are not cached. */
export function fetchArticle(origin: string, site: string, id: string): Promise<FaqArticle> {
  const key = `${site}\n${id}`;
  let pending = articles.get(key);
  if (!pending) {
    pending = getJson<FaqArticle>(`${origin}/api/faq/${encodeURIComponent(id)}?site=${encodeURIComponent(site)}`);
    pending.catch(() => articles.delete(key));
    articles.set(key, pending);
  }
  return pending;
}

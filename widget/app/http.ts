/**
 * The widget's HTTP calls. They go to the Pasokh origin, not the host page's, and carry no
 * cookies: the visitor is known by its token, not by a session.
 */
import type { FaqPayload } from '../../protocol/faq.js';

/** GETs JSON without cookies; rejects on a non-2xx answer. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The search payload (docs + prebuilt index); the browser revalidates it with its ETag. */
export function fetchFaq(origin: string, site: string): Promise<FaqPayload> {
  return getJson(`${origin}/api/faq?site=${encodeURIComponent(site)}`);
}

/**
 * The widget's HTTP calls. They go to the Pasokh origin, not the host page's, and carry no
 * cookies: the visitor is known by its token, not by a session.
 */
import type { FaqPayload } from '../../protocol/faq.js';

/** A non-2xx answer; `code` is the server's error code when it sent one (e.g. origin_not_allowed). */
export type HttpFailure = Error & { code?: string };

/** GETs JSON without cookies; rejects with an HttpFailure on a non-2xx answer. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
    throw Object.assign(new Error(`${url} answered HTTP ${response.status}`), { code: body?.error?.code }) as HttpFailure;
  }
  return (await response.json()) as T;
}

/** The search payload (docs + prebuilt index); the browser revalidates it with its ETag. */
export function fetchFaq(origin: string, site: string): Promise<FaqPayload> {
  return getJson(`${origin}/api/faq?site=${encodeURIComponent(site)}`);
}

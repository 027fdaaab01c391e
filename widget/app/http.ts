/**
 * The widget's HTTP calls. They go to the Pasokh origin, not the host page's, and carry no
 * cookies: the visitor is known by its token, not by a session.
 */
import type { ErrorCode } from '../../protocol/errors.js';
import type { FaqPayload } from '../../protocol/faq.js';

/** A refusal: the server's code from the catalogue (protocol/errors.ts) when it sent one. */
export type RequestError = Error & { code?: ErrorCode };

/** GETs JSON without cookies; rejects on a non-2xx answer with a RequestError. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: ErrorCode; message?: string } } | null;
    throw Object.assign(new Error(body?.error?.message ?? `${url} answered HTTP ${response.status}`), {
      code: body?.error?.code,
    }) as RequestError;
  }
  return (await response.json()) as T;
}

/** The search payload (docs + prebuilt index); the browser revalidates it with its ETag. */
export function fetchFaq(origin: string, site: string): Promise<FaqPayload> {
  return getJson(`${origin}/api/faq?site=${encodeURIComponent(site)}`);
}

/**
 * Fetches the FAQ search payload once per mount and builds the in-browser search for the current
 * locale from the server's prebuilt index (no round trip per keystroke).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FaqPayload, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { createFaqSearch } from '../search/index.js';
import { fetchFaq } from './http.js';

export type FaqSearch = ReturnType<typeof createFaqSearch>;

export interface FaqState {
  status: 'loading' | 'ready' | 'error';
  search: FaqSearch | null;
  docs: Map<string, FaqSearchDoc>;
  /** The locale's entries in the site owner's order, for the "popular" list. */
  popular: FaqSearchDoc[];
  retry(): void;
}

let shared: Promise<FaqPayload> | undefined;

export function useFaq(origin: string, site: string, locale: Locale, onError: (message: string) => void): FaqState {
  const [payload, setPayload] = useState<FaqPayload | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setFailed(false);
    shared ??= fetchFaq(origin, site);
    shared.then(
      (value) => live && setPayload(value),
      (reason: unknown) => {
        shared = undefined;
        if (!live) return;
        setFailed(true);
        onError(String(reason));
      },
    );
    return () => {
      live = false;
    };
  }, [origin, site, attempt]);

  const built = useMemo(() => {
    if (!payload) return null;
    const docs = new Map(payload.docs.map((doc) => [doc.id, doc]));
    const inLocale = payload.docs.filter((doc) => doc.locale === locale);
    const search = createFaqSearch(payload.docs, { locale, index: payload.index, vocabulary: payload.vocabulary });
    return { docs, search, popular: (inLocale.length ? inLocale : payload.docs).slice(0, 6) };
  }, [payload, locale]);

  return {
    status: built ? 'ready' : failed ? 'error' : 'loading',
    search: built?.search ?? null,
    docs: built?.docs ?? new Map(),
    popular: built?.popular ?? [],
    retry: () => setAttempt((n) => n + 1),
  };
}

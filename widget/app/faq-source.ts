/**
 * The FAQ search payload, fetched once per page view (started as soon as the app chunk runs, in
 * parallel with the panel's strings), and the in-browser search built from the server's prebuilt
 * index once per locale: no round trip per keystroke.
 */
import type { FaqPayload, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { createFaqSearch, type FaqSearch, type FuseConstructor } from '../search/faq-search.js';
import { fetchFaq, type HttpFailure } from './http.js';

/** `refused`: this page's origin may not use the site (the site owner's setting, not the network). */
export type FaqStatus = 'loading' | 'ready' | 'error' | 'refused';

export interface FaqIndex {
  search: FaqSearch;
  docs: Map<string, FaqSearchDoc>;
  /** The locale's entries in the site owner's order, for the "popular" list. */
  popular: FaqSearchDoc[];
}

export interface FaqSource {
  status(): FaqStatus;
  /** The search for `locale`; null until the payload is in. */
  index(locale: Locale): FaqIndex | null;
  /** Fetches again after a failure. */
  retry(): void;
  /** Called whenever the status changes. */
  subscribe(listener: () => void): () => void;
}

/** Starts fetching at once; `onError` reports a failed fetch (a `pasokh:error` event). */
export function createFaqSource(origin: string, site: string, onError: (code: string, message: string) => void): FaqSource {
  let payload: FaqPayload | null = null;
  let failed = false;
  let refused = false;
  const built: Partial<Record<Locale, FaqIndex>> = {};
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  // fuse.js (7.6 KB gzip) is only for typos: it comes on the first word that needs it, and the
  // results are recomputed when it is in (issue 6's search-path budget).
  let fuse: FuseConstructor | undefined;
  let fuseLoading = false;
  const loadFuse = () => {
    if (fuseLoading) return;
    fuseLoading = true;
    import('fuse.js/basic').then(
      (module) => {
        fuse = module.default;
        changed();
      },
      () => {
        fuseLoading = false;
      },
    );
  };

  const fetchNow = () =>
    fetchFaq(origin, site).then(
      (value) => {
        payload = value;
        changed();
      },
      (reason: HttpFailure) => {
        failed = true;
        refused = reason.code === 'origin_not_allowed';
        // A refusal was announced by the loader already, when the config was refused.
        if (!refused) onError('faq_failed', String(reason));
        changed();
      },
    );
  void fetchNow();

  return {
    status: () => (payload ? 'ready' : refused ? 'refused' : failed ? 'error' : 'loading'),
    index(locale) {
      if (!payload) return null;
      if (!built[locale]) {
        const inLocale = payload.docs.filter((doc) => doc.locale === locale);
        built[locale] = {
          search: createFaqSearch(payload.docs, { locale, index: payload.index, vocabulary: payload.vocabulary, fuzzy: () => fuse, onFuzzyNeeded: loadFuse }),
          docs: new Map(payload.docs.map((doc) => [doc.id, doc])),
          popular: (inLocale.length ? inLocale : payload.docs).slice(0, 6),
        };
      }
      return built[locale];
    },
    retry() {
      failed = false;
      changed();
      void fetchNow();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

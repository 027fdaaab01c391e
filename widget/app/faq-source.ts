/**
 * The FAQ search payload, fetched once per page view (started as soon as the app chunk runs, in
 * parallel with the panel's strings), and the in-browser search built from the server's prebuilt
 * index once per locale: no round trip per keystroke.
 */
import type { ErrorCode } from '../../protocol/errors.js';
import type { FaqPayload, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { createFaqSearch, type FaqSearch } from '../search/faq-search.js';
import { fetchFaq, type RequestError } from './http.js';

/** `refused`: this page's origin may not use the site (the site owner's setting, not the network). */
export type FaqStatus = 'loading' | 'ready' | 'error' | 'refused';

export interface FaqIndex {
  search: FaqSearch;
  docs: Map<string, FaqSearchDoc>;
  /** The locale's most viewed entries (the payload's order, else the site owner's), for the "popular" list. */
  popular: FaqSearchDoc[];
}

export interface FaqSource {
  status(): FaqStatus;
  /** The search for `locale`; null until the payload is in. */
  index(locale: Locale): FaqIndex | null;
  /** Fetches again after a failure. */
  retry(): void;
  /** Asks the server whether the FAQ changed (a 304 when not) and swaps it in when it did. */
  revalidate(): void;
  /** Called whenever the status changes. */
  subscribe(listener: () => void): () => void;
}

/** The docs with the most viewed first (`popular`: ids, most viewed first), the rest in FAQ order. */
function byViews(docs: FaqSearchDoc[], popular: readonly string[] | undefined): FaqSearchDoc[] {
  if (!popular?.length) return docs;
  const rank = new Map(popular.map((id, i) => [id, i]));
  return [...docs].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
}

/**
 * Starts fetching at once; `onError` reports a failed fetch (a `pasokh:error` event), with the
 * server's code when it refused (an unknown site, an origin not allowed).
 */
export function createFaqSource(origin: string, site: string, onError: (message: string, code?: ErrorCode) => void): FaqSource {
  let payload: FaqPayload | null = null;
  let failed = false;
  let refused = false;
  const built: Partial<Record<Locale, FaqIndex>> = {};
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  // The typo matcher with fuse.js, and the other keyboard layout (for text typed on the wrong
  // one), come on the first word the FAQ lacks, and the results are recomputed when
  // they are in (the search path's size budget).
  let typos: typeof import('../search/typos.js') | undefined;
  let typosLoading = false;
  const loadTypos = () => {
    if (typosLoading) return;
    typosLoading = true;
    import('../search/typos.js').then(
      (module) => {
        typos = module;
        changed();
      },
      () => {
        typosLoading = false;
      },
    );
  };

  // A new version replaces the indexes built from the old one.
  const take = (value: FaqPayload) => {
    if (payload?.version === value.version) return;
    payload = value;
    for (const locale of Object.keys(built) as Locale[]) delete built[locale];
    changed();
  };
  const fetchNow = () =>
    fetchFaq(origin, site).then(take, (reason: RequestError) => {
      failed = true;
      refused = reason.code === 'origin_not_allowed';
      // A refusal was announced by the loader already, when the config was refused.
      if (!refused) onError(reason.message, reason.code);
      changed();
    });
  void fetchNow();

  return {
    status: () => (payload ? 'ready' : refused ? 'refused' : failed ? 'error' : 'loading'),
    index(locale) {
      if (!payload) return null;
      if (!built[locale]) {
        const inLocale = byViews(payload.docs, payload.popular).filter((doc) => doc.locale === locale);
        built[locale] = {
          search: createFaqSearch(payload.docs, {
            locale,
            index: payload.index,
            vocabulary: payload.vocabulary,
            fuzzy: () => typos?.createTypoMatcher,
            keyboard: () => typos?.otherKeyboard,
            onFuzzyNeeded: loadTypos,
          }),
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
    revalidate() {
      // A failed revalidation keeps the FAQ the visitor has; only a first load reports errors.
      if (payload) fetchFaq(origin, site).then(take, () => {});
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

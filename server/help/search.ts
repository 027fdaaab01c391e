/**
 * The help centre's search box runs on the server with the widget's own search code, over the
 * same payload (docs + prebuilt index) the widget downloads, and with the page's locale as the
 * widget has it, so both find the same answers: on the Persian page a Latin word alone ("PDF",
 * a product name) is a Persian visitor's, and a Latin word the FAQ lacks may be Persian typed
 * in Latin letters.
 */
import type { FaqPayload } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { createFaqSearch, type FaqSearch } from '../../widget/search/index.js';

/**
 * Ids of the answers for a query, best first; when none answers it, of the entries closest to it
 * (`near`), as the widget lists them.
 */
export type HelpSearch = (query: string, locale: Locale, limit: number) => { ids: string[]; near: boolean };

/** The one place that calls the widget's search; built once per FAQ version, a searcher per locale. */
export function createHelpSearch(payloadJson: string): HelpSearch {
  const payload = JSON.parse(payloadJson) as FaqPayload;
  const localeOf = new Map(payload.docs.map((d) => [d.id, d.locale]));
  const searches = new Map<Locale, FaqSearch>();
  const searchFor = (locale: Locale): FaqSearch => {
    let search = searches.get(locale);
    if (!search) {
      search = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary, locale });
      searches.set(locale, search);
    }
    return search;
  };
  return (query, locale, limit) => {
    const search = searchFor(locale);
    const hits = search.search(query);
    const near = !hits.length;
    const ids = (near ? search.near(query) : hits).map((hit) => hit.id).filter((id) => localeOf.get(id) === locale);
    return { ids: ids.slice(0, limit), near };
  };
}

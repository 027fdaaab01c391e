/**
 * The help centre's search box runs on the server with the widget's own search code, over the
 * same payload (docs + prebuilt index) the widget downloads, so both find the same answers.
 */
import type { FaqPayload } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { createFaqSearch } from '../../widget/search/index.js';

/** Ids of the answers for a query, best first. */
export type HelpSearch = (query: string, locale: Locale, limit: number) => string[];

/** The one place that calls the widget's search; built once per FAQ version. */
export function createHelpSearch(payloadJson: string): HelpSearch {
  const payload = JSON.parse(payloadJson) as FaqPayload;
  const faq = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary });
  return (query, locale, limit) =>
    faq
      .search(query)
      .map((hit) => hit.id)
      .filter((id) => payload.docs.some((d) => d.id === id && d.locale === locale))
      .slice(0, limit);
}

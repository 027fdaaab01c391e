/**
 * Merging what the visitor did before asking (VisitorContext) into a conversation: the page
 * fields describe "now" and are overwritten; searches and articles are history and are
 * appended without repeats, keeping the most recent ones.
 */
import type { VisitorContext } from '../../protocol/types.js';
import { queryKey } from './rows.js';

/** Enough history for the agent; bounded so a chatty widget cannot grow a row without limit. */
export const CONTEXT_HISTORY_LIMIT = 50;

const PAGE_FIELDS = ['url', 'title', 'referrer', 'locale', 'userAgent'] as const;

export function mergeContext(base: VisitorContext, update: VisitorContext | undefined): VisitorContext {
  const merged: VisitorContext = {};
  for (const field of PAGE_FIELDS) {
    const value = update?.[field] ?? base[field];
    if (typeof value === 'string') merged[field] = value;
  }

  const searches = new Map<string, NonNullable<VisitorContext['searches']>[number]>();
  for (const search of [...(base.searches ?? []), ...(update?.searches ?? [])]) {
    if (typeof search?.query !== 'string') continue;
    const key = queryKey(search.query);
    if (key !== '' && !searches.has(key)) searches.set(key, search);
  }
  if (searches.size > 0) merged.searches = [...searches.values()].slice(-CONTEXT_HISTORY_LIMIT);

  const articles = new Map<string, NonNullable<VisitorContext['articles']>[number]>();
  for (const article of [...(base.articles ?? []), ...(update?.articles ?? [])]) {
    if (typeof article?.id !== 'string') continue;
    // A later report about the same article (say, a "helpful" vote) refines the earlier one.
    articles.set(article.id, { ...articles.get(article.id), ...article });
  }
  if (articles.size > 0) merged.articles = [...articles.values()].slice(-CONTEXT_HISTORY_LIMIT);

  return merged;
}

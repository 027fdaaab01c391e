/**
 * What a FAQ library serves from, whatever the FAQ came from (files or the database): the
 * entries, the search payload serialised once per FAQ version, and each answer rendered once,
 * when first opened.
 */
import type { FaqArticle } from '../../protocol/faq.js';
import type { FaqEntry } from '../../protocol/types.js';
import { buildFaqPayload, type BuiltPayload } from './payload.js';
import { renderAnswer } from './render.js';

export interface FaqSnapshot {
  entries: FaqEntry[];
  byId: Map<string, FaqEntry>;
  payload: BuiltPayload;
  /** Answers rendered so far, by id. */
  articles: Map<string, FaqArticle>;
}

/** One answer as the widget's article view shows it: sanitised HTML of the Markdown. */
export function toArticle(entry: FaqEntry): FaqArticle {
  const article: FaqArticle = { id: entry.id, locale: entry.locale, question: entry.question, html: renderAnswer(entry.answer) };
  if (entry.category) article.category = entry.category;
  return article;
}

export function faqSnapshot(site: string, entries: FaqEntry[], vocabulary: boolean): FaqSnapshot {
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    payload: buildFaqPayload(site, entries, vocabulary),
    articles: new Map(),
  };
}

/** The reading half of a FAQ library, over whichever snapshot `current` returns at the time. */
export function serveSnapshot(current: () => FaqSnapshot) {
  return {
    payload: () => current().payload,
    article(id: string): FaqArticle | undefined {
      const snapshot = current();
      const cached = snapshot.articles.get(id);
      if (cached) return cached;
      const entry = snapshot.byId.get(id);
      if (!entry) return undefined;
      const article = toArticle(entry);
      snapshot.articles.set(id, article);
      return article;
    },
    entries: () => current().entries,
  };
}

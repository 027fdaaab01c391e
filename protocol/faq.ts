/**
 * What `GET /api/faq` and `GET /api/faq/:id` return. The search payload carries only what
 * ranking and the result list need; an answer's HTML comes when the visitor opens it.
 */
import type { Locale } from './types.js';

/** One entry as the browser's search sees it: no full answer. */
export interface FaqSearchDoc {
  id: string;
  locale: Locale;
  question: string;
  keywords?: string[];
  synonyms?: string[];
  category?: string;
  /** Wordings visitors used for this entry (learned phrasings): indexed, a little below the question. */
  learned?: string[];
  /** The first words of the answer as plain text, for ranking and the result snippet. */
  excerpt: string;
}

export interface FaqPayload {
  site: string;
  /** Content hash; also the ETag. */
  version: string;
  locales: Locale[];
  docs: FaqSearchDoc[];
  /**
   * The prebuilt search index (`SearchIndex` of widget/search: the FAQ's distinct normalised
   * terms, stop words and, when on, the support vocabulary), built once per FAQ version on the
   * server; the browser builds fuse.js indexes over it lazily, per first letter, for typos.
   */
  index: unknown;
  /** Whether the built-in support vocabulary (refund ↔ money back …) is used. */
  vocabulary: boolean;
  /**
   * Entry ids, most viewed first, for the list shown with no query or no hit; entries not in
   * it follow in FAQ order. Absent: FAQ order.
   */
  popular?: string[];
}

export interface FaqArticle {
  id: string;
  locale: Locale;
  question: string;
  /** Sanitised HTML rendered from the Markdown answer. */
  html: string;
  category?: string;
}

export interface FaqHit {
  id: string;
  /** 0 is a perfect match, 1 no match at all (Fuse's convention). */
  score: number;
  /** Character ranges [start, endInclusive] in the question that matched, for highlighting. */
  matches: { key: string; indices: [number, number][] }[];
}

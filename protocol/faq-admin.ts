/**
 * The FAQ as the console edits it: shared by the console's HTTP API (server/http/faq-admin.ts),
 * the console (console/lib/faq-api.ts) and the store. Pure types.
 */
import type { AgentId, IsoTime, Locale, SiteKey } from './types.js';

/** The editable part of an answer: what a save writes and a revision keeps. */
export interface FaqContent {
  locale: Locale;
  question: string;
  /** Markdown source. */
  answer: string;
  keywords: string[];
  /** Other ways visitors ask the same question; search treats them like the question. */
  phrasings: string[];
  category: string | null;
  /** Id of the same answer in the other locale. */
  translationOf: string | null;
}

/**
 * `draft`: the working copy has changes visitors do not see yet (or was never published);
 * `published`: the working copy is what visitors see.
 */
export type FaqEntryStatus = 'draft' | 'published';

export interface FaqEntryRecord extends FaqContent {
  site: SiteKey;
  id: string;
  status: FaqEntryStatus;
  /** What visitors see; null until the first publish. */
  published: FaqContent | null;
  /** 1 for the first save, +1 for each later save, publish or restore. */
  revision: number;
  updatedAt: IsoTime;
  updatedBy: AgentId | null;
  /** Set while the entry is deleted (an undo clears it); deleted entries are never served. */
  deletedAt: IsoTime | null;
}

export interface FaqRevisionRecord {
  revision: number;
  content: FaqContent;
  status: FaqEntryStatus;
  savedAt: IsoTime;
  savedBy: AgentId | null;
}

/** A published entry as search and the help centre read it. */
export interface PublishedFaqEntry extends FaqContent {
  id: string;
}

/** Where a site's FAQ is managed: files are read-only in the console. */
export type FaqSourceKind = 'files' | 'database';

/** `GET /api/console/faq?site=`. */
export interface FaqAdminList {
  site: SiteKey;
  source: FaqSourceKind;
  /** False for files, or for an agent the site does not let edit. */
  editable: boolean;
  entries: FaqEntryRecord[];
}

/** What the store keeps of a FAQ edited in the console (see migrations/0007-faq-entries.ts). */
import type { AgentId, IsoTime, Locale, SiteKey } from '../../protocol/types.js';

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

export interface SaveFaqEntryInput {
  site: SiteKey;
  /** Absent: a new entry with a new id. An unknown id creates the entry under it. */
  id?: string;
  content: FaqContent;
  /** Publish in the same step (visitors see it at once). @default false */
  publish?: boolean;
  by: AgentId | null;
  /** The revision the editor started from: a save over a newer one throws ConflictError. */
  baseRevision?: number;
}

/** A published entry as search and the help centre read it. */
export interface PublishedFaqEntry extends FaqContent {
  id: string;
}

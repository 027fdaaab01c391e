/**
 * The gap finder and repeated replies (`/api/console/gaps`, `/api/console/repeated-replies`):
 * what visitors asked that the FAQ did not answer, grouped by similarity, and agent replies
 * sent again and again. Shared by the server routes and the console. Pure types and limits.
 */
import type { FaqEntryRecord } from './faq-admin.js';
import type { IsoTime, SiteKey } from './types.js';

/** The limits the server applies and the console relies on. */
export const GAPS = {
  /** How far back failed searches and chats are read. */
  lookbackDays: 90,
  /** A search with hits counts as failed when the visitor opened no answer within this time. */
  clickWindowMinutes: 10,
  /** Cosine of character 3-gram TF-IDF vectors at or above which two wordings join one group. */
  similarity: 0.3,
  /** Half-life of a visitor's weight in the ranking: an ask two weeks old counts half. */
  halfLifeDays: 14,
  /** Example wordings shown per group. */
  examples: 5,
  /** Groups listed. */
  maxGroups: 50,
  /** Near-identical agent replies: Jaccard of word 3-shingles at or above this. */
  replySimilarity: 0.8,
  /** Sent at least this many times to be offered as a saved reply. */
  replyMinCount: 3,
} as const;

/** Where a gap was seen: a search that found nothing or was not followed by a click, or a chat after one. */
export type GapSourceKind = 'search' | 'chat';

/** One wording of a group with how often it was asked. */
export interface GapWording {
  text: string;
  count: number;
}

/** A group of similar unanswered questions, as the console lists it. */
export interface GapGroup {
  /** Stable while the group's most typical wording stays the same: the normalised medoid. */
  key: string;
  /** The most typical wording (the group's medoid), as a visitor wrote it. */
  question: string;
  /** The most asked wordings, most asked first (at most GAPS.examples). */
  examples: GapWording[];
  /** Searches and chats in the group. */
  asks: number;
  visitors: number;
  /** Chats that began with a question of this group after a failed search. */
  chats: number;
  lastAskedAt: IsoTime;
  /** Distinct visitors, each weighted by the age of their last ask (half-life GAPS.halfLifeDays). */
  score: number;
  /** The draft answer made from this group, while it exists and is unpublished. */
  draftId: string | null;
}

/** `GET /api/console/gaps?site=`. */
export interface GapList {
  site: SiteKey;
  /** Whether this agent may draft answers and add phrasings (the FAQ editor's rule). */
  editable: boolean;
  groups: GapGroup[];
}

/**
 * `POST /api/console/gaps/dismiss?site=` (hides the group) and `POST /api/console/gaps/draft?site=`
 * (a draft answer from it; the same draft again on a repeat). The server finds the group by its
 * key among the groups it computes now, so a client cannot mark wordings nobody asked.
 */
export interface GapRequest {
  key: string;
}

/** `POST /api/console/gaps/phrasing?site=`: adds the group's wordings to answer `entryId`'s phrasings. */
export interface GapPhrasingRequest {
  key: string;
  entryId: string;
}

/** `POST /api/console/repeated-replies/draft?site=`: a draft answer whose answer is this reply. */
export interface RepeatedReplyDraftRequest {
  text: string;
}

/** The answer of the draft and phrasing routes. */
export interface GapEntryResponse {
  entry: FaqEntryRecord;
  /** True when this call made the draft; false when it returned the one made before. */
  created?: boolean;
}

/** A reply agents have sent, near word for word, several times. */
export interface RepeatedReply {
  /** The most typical text of the group, as an agent wrote it. */
  text: string;
  /** Messages in the group. */
  count: number;
  conversations: number;
  agents: number;
  lastSentAt: IsoTime;
  /** What the visitor had just asked before the latest of these replies: an FAQ question to start from. */
  question: string | null;
}

/** `GET /api/console/repeated-replies?site=`. */
export interface RepeatedReplyList {
  site: SiteKey;
  replies: RepeatedReply[];
}

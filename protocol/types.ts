/**
 * Shapes shared by the widget, the console and the server. Pure types: importing this file
 * costs the widget bundle nothing.
 */
import type { AttachmentRef } from './attachments.js';
import type { AnswerCard } from './answers.js';
import type { RiskReason } from './at-risk.js';

export type SiteKey = string;
export type VisitorId = string;
export type AgentId = string;
export type ConversationId = string;
export type MessageId = string;
/** Made by the sender (a UUID); unique per conversation, so a resend is recognised. */
export type ClientId = string;
/** ISO 8601 timestamp, UTC. */
export type IsoTime = string;

export type Locale = 'en' | 'fa';
export const LOCALES: readonly Locale[] = ['en', 'fa'];

export type AuthorKind = 'visitor' | 'agent' | 'system';

export interface Author {
  kind: AuthorKind;
  id?: string;
  name?: string;
}

export interface Message {
  id: MessageId;
  conversationId: ConversationId;
  /** 1, 2, 3… per conversation with no gaps, assigned by the store in the saving transaction. */
  seq: number;
  clientId: ClientId;
  author: Author;
  text: string;
  createdAt: IsoTime;
  /** An agents-only note: never sent to the visitor. */
  internal?: boolean;
  /** Files sent with the text (which may then be empty); absent when none. */
  attachments?: AttachmentRef[];
  /** An FAQ answer the agent sent: the widget shows a button that opens it. */
  card?: AnswerCard;
}

export type ConversationStatus = 'open' | 'closed';

/** What the visitor did before asking: shown to the agent who answers. */
export interface VisitorContext {
  url?: string;
  title?: string;
  referrer?: string;
  locale?: string;
  userAgent?: string;
  searches?: { query: string; hits: number; at?: IsoTime }[];
  articles?: { id: string; title?: string; helpful?: boolean }[];
}

/** A visitor field a site can vouch for by signing it (identity hash: id; identity token: all three). */
export type VerifiableField = 'id' | 'name' | 'email';

export interface VisitorProfile {
  id: VisitorId;
  name?: string;
  email?: string;
  /** Set when the site vouched for the visitor's user id (identity hash or identity token). */
  verified?: boolean;
  /**
   * The fields the site signed, and only those: a name or email the page merely passed along
   * is not listed, even for a verified user. Absent when none.
   */
  verifiedFields?: VerifiableField[];
  firstSeenAt: IsoTime;
}

/** One row of the agent's queue. */
export interface ConversationSummary {
  id: ConversationId;
  site: SiteKey;
  status: ConversationStatus;
  /** Left while nobody was online: the visitor gave an email and expects a reply later. */
  offline: boolean;
  visitor: VisitorProfile;
  assignee: { id: AgentId; name: string } | null;
  createdAt: IsoTime;
  /** When the visitor's oldest unanswered message arrived; null when nothing waits. */
  waitingSince: IsoTime | null;
  lastSeq: number;
  /** What the queue row previews (protocol/queue-rules.ts queuePreviewOf). */
  lastMessage: QueuePreview | null;
  context: VisitorContext;
}

/** A queue row's last message, as much of it as the row shows. */
export interface QueuePreview {
  text: string;
  authorKind: AuthorKind;
  createdAt: IsoTime;
  /** The names of the files it carries; absent when none. A file sent alone has no text to show. */
  files?: string[];
}

export interface ConversationDetail extends ConversationSummary {
  messages: Message[];
  /** Earlier conversations of the same visitor, newest first. */
  previous: {
    id: ConversationId;
    createdAt: IsoTime;
    status: ConversationStatus;
    lastMessage: string | null;
    /** The last message's files; absent when it carries none (shown when it has no words). */
    files?: string[];
  }[];
  survey: { score: number; comment?: string } | null;
  /** Why the visitor is at risk of leaving unhappy (protocol/at-risk.ts); empty when not. */
  risk: RiskReason[];
}

export interface Presence {
  online: boolean;
  /** Rolling median first-response time, rounded up; null until there is history. */
  replyMinutes: number | null;
}

export type AgentRole = 'admin' | 'agent';
export type AgentStatus = 'online' | 'away';

export interface AgentProfile {
  id: AgentId;
  email: string;
  name: string;
  role: AgentRole;
  disabled: boolean;
  /** The site keys the agent serves; null: every site. */
  sites: SiteKey[] | null;
}

/** A FAQ entry as written by the site owner. */
export interface FaqEntry {
  id: string;
  locale: Locale;
  question: string;
  /** Markdown source. */
  answer: string;
  keywords?: string[];
  synonyms?: string[];
  category?: string;
  /** Id of the same answer in the other locale (the help centre links the two). */
  translationOf?: string;
}

/** `deflect`: the visitor opened an answer suggested while typing a chat message. */
export type FaqEventKind = 'search' | 'view' | 'helpful' | 'deflect';

export interface FaqEvent {
  kind: FaqEventKind;
  site: SiteKey;
  visitorId?: VisitorId;
  query?: string;
  hits?: number;
  articleId?: string;
  helpful?: boolean;
  locale?: Locale;
  at: IsoTime;
}

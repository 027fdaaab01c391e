/**
 * The one persistence interface. SQLite (embedded default) and PostgreSQL (scaled out) both
 * implement it and both must pass tests/integration/store-contract.ts.
 */
import type {
  AgentId,
  AgentRole,
  Author,
  ClientId,
  ConversationId,
  ConversationStatus,
  FaqEvent,
  IsoTime,
  Message,
  SiteKey,
  VerifiableField,
  VisitorContext,
  VisitorId,
} from '../../protocol/types.js';
import type {
  DeliveryStatus,
  DeliveryTarget,
  DeliveryView,
  IntegrationEvent,
  IntegrationEventType,
  WebhookKind,
} from '../../protocol/integrations.js';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { AuditEntry, ErasureReport, VisitorExport } from '../../protocol/privacy.js';
import type { AnswerCard, LearnedPhrasing } from '../../protocol/answers.js';
import type { LearnPhrasingInput } from './learned-phrasings.js';

export interface VisitorRecord {
  id: VisitorId;
  site: SiteKey;
  /** The site's own user id, when the site identified the visitor. */
  externalId: string | null;
  name: string | null;
  email: string | null;
  locale: string | null;
  firstSeenAt: IsoTime;
  lastSeenAt: IsoTime;
  /** The fields the site signed; a name or email the page merely passed along is not listed. */
  verifiedFields: VerifiableField[];
  /** When the visitor's data was erased; the row stays as an "erased visitor" for statistics. */
  erasedAt: IsoTime | null;
}

export interface ConversationRecord {
  id: ConversationId;
  site: SiteKey;
  visitorId: VisitorId;
  status: ConversationStatus;
  offline: boolean;
  assigneeId: AgentId | null;
  context: VisitorContext;
  lastSeq: number;
  createdAt: IsoTime;
  closedAt: IsoTime | null;
  /** When the first agent message was saved: the basis of "usually replies in N minutes". */
  firstResponseAt: IsoTime | null;
  surveyScore: number | null;
  surveyComment: string | null;
  /**
   * When the oldest visitor message not yet followed by an agent reply arrived (internal notes
   * are not replies); null when nothing waits or the conversation is closed. The queue's
   * `waitingSince`, kept by the store as messages are saved.
   */
  waitingSince: IsoTime | null;
}

/** What the console's history search may narrow closed conversations by. */
export interface HistoryFilter {
  sites?: SiteKey[];
  /** Part of the visitor's name, email or external id (any case). */
  visitor?: string;
  /** Words said in the conversation (any case). */
  text?: string;
  /** Who had it when it closed. */
  agentId?: AgentId;
  /** Started at or after / at or before. */
  from?: IsoTime;
  to?: IsoTime;
  /** @default 50 */
  limit?: number;
}

export interface AgentRecord {
  id: AgentId;
  email: string;
  name: string;
  role: AgentRole;
  passwordHash: string;
  disabled: boolean;
  createdAt: IsoTime;
  /** The site keys the agent serves; null: every site (the default). */
  sites: SiteKey[] | null;
}

export interface SessionRecord {
  /** The stored hash of the cookie's token; the token itself is never stored. */
  tokenHash: string;
  agentId: AgentId;
  createdAt: IsoTime;
  expiresAt: IsoTime;
}

export interface NewMessage {
  clientId: ClientId;
  author: Author;
  text: string;
  internal?: boolean;
  /** Files already saved (saveAttachment) that the message carries. */
  attachments?: AttachmentRef[];
  card?: AnswerCard;
}

/** An uploaded file: what a message carries, plus who may see it and where it came from. */
export interface AttachmentRecord extends AttachmentRef {
  site: SiteKey;
  /** The visitor of the conversation it is for, whoever uploaded it. */
  visitorId: VisitorId;
  /** Null until a visitor's first message opens the conversation. */
  conversationId: ConversationId | null;
  uploaderKind: 'visitor' | 'agent';
  uploaderId: string | null;
  sha256: string;
  createdAt: IsoTime;
}

export interface AppendResult {
  message: Message;
  /** True when this clientId was already stored: the original message is returned, nothing is written. */
  duplicate: boolean;
}

export interface AppendVisitorResult extends AppendResult {
  conversation: ConversationRecord;
  /** True when this call opened the conversation. */
  created: boolean;
}

/** One item of a group commit: several appends saved in one transaction. */
export interface BatchAppend {
  conversationId: ConversationId;
  message: NewMessage;
}

/** Per item: a conflict or an unknown conversation fails that item alone; nothing of it is written. */
export type BatchAppendResult = { ok: true; result: AppendResult } | { ok: false; error: ConflictError | NotFoundError };

/** One item of a visitor group commit: what appendVisitorMessage takes. */
export interface VisitorAppend {
  site: SiteKey;
  visitorId: VisitorId;
  message: NewMessage;
  context?: VisitorContext;
  offline?: boolean;
}

/** Per item, as BatchAppendResult: a conflict or an unknown visitor fails that item alone. */
export type BatchVisitorAppendResult =
  { ok: true; result: AppendVisitorResult } | { ok: false; error: ConflictError | NotFoundError };

export interface SavedReplyRecord {
  id: string;
  site: SiteKey | null;
  title: string;
  text: string;
  createdBy: AgentId | null;
  updatedAt: IsoTime;
}

/** A destination the dispatcher chose for an event. */
export interface NewDelivery {
  /** Stable per destination: one delivery per event and endpoint. */
  endpoint: string;
  target: DeliveryTarget;
  destination: string;
  /** Not attempted before this time (a reply emailed only if the visitor stays away). */
  notBefore?: IsoTime;
}

/** A delivery a worker holds under lease, with its event. `attempts` counts this one. */
export interface ClaimedDelivery {
  id: string;
  endpoint: string;
  target: DeliveryTarget;
  destination: string;
  attempts: number;
  event: IntegrationEvent;
}

/** A webhook or Slack endpoint added in the console. */
export interface WebhookEndpointRecord {
  id: string;
  site: SiteKey;
  type: WebhookKind;
  url: string;
  /** Null for Slack: its URL is the credential. */
  secret: string | null;
  events: IntegrationEventType[];
  enabled: boolean;
  createdAt: IsoTime;
  updatedAt: IsoTime;
}

/** Without `id` a new endpoint; with it, every field of that one replaced. */
export type SaveWebhookEndpointInput = Omit<WebhookEndpointRecord, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };

export interface DeliveryOutcome {
  status: DeliveryStatus;
  responseCode: number | null;
  error: string | null;
  /** When to try again; used only with status 'pending'. */
  nextAttemptAt: IsoTime | null;
}

export type { FaqInsights, SurveyStats } from '../../protocol/http.js';
export type {
  FaqContent,
  FaqEntryRecord,
  FaqEntryStatus,
  FaqRevisionRecord,
  PublishedFaqEntry,
  SaveFaqEntryInput,
} from './faq-records.js';
import type { FaqEntryRecord, FaqRevisionRecord, PublishedFaqEntry, SaveFaqEntryInput } from './faq-records.js';
import type { FaqInsights, SurveyStats } from '../../protocol/http.js';
import type { RiskSignals } from '../../protocol/at-risk.js';
import type { InsightSeries } from '../../protocol/insights.js';
import type { AnswerCounts } from './insight-answers.js';
import type { RiskCandidate } from './insight-risk.js';
import type { InsightRange } from './insight-series.js';
import type { GapAsk } from '../gaps/group.js';
import type { SentReply } from '../gaps/fingerprint.js';
import type { GapAction, GapMark } from './gaps.js';
export type { AnswerCounts, InsightRange, RiskCandidate };
export type { GapAction, GapAsk, GapMark, SentReply };

/** Thrown by appendMessage when a clientId is reused with a different text. */
export class ConflictError extends Error {
  readonly code = 'conflict' as const;
}
/** Thrown when a referenced row does not exist. */
export class NotFoundError extends Error {
  readonly code = 'not_found' as const;
}

export interface Store {
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // visitors
  createVisitor(input: {
    site: SiteKey;
    tokenHash: string;
    externalId?: string | null;
    name?: string | null;
    email?: string | null;
    locale?: string | null;
    verifiedFields?: VerifiableField[];
  }): Promise<VisitorRecord>;
  findVisitorByTokenHash(site: SiteKey, tokenHash: string): Promise<VisitorRecord | null>;
  findVisitorByExternalId(site: SiteKey, externalId: string): Promise<VisitorRecord | null>;
  getVisitor(id: VisitorId): Promise<VisitorRecord | null>;
  /**
   * Updates the given fields and lastSeenAt. `verifiedFields`, when given, replaces the list;
   * when not, a name or email in the patch is unsigned and drops out of the list, so a field
   * is never shown as verified with a value nobody signed.
   */
  updateVisitor(
    id: VisitorId,
    patch: {
      name?: string | null;
      email?: string | null;
      locale?: string | null;
      tokenHash?: string;
      verifiedFields?: VerifiableField[];
    },
  ): Promise<VisitorRecord>;

  // conversations and messages
  /**
   * Saves a visitor's message in its open conversation, opening one when none is open, in one
   * transaction: two racing first messages open exactly one conversation. The context is stored
   * when the conversation is created and merged (searches/articles appended) otherwise.
   */
  appendVisitorMessage(input: {
    site: SiteKey;
    visitorId: VisitorId;
    message: NewMessage;
    context?: VisitorContext;
    offline?: boolean;
  }): Promise<AppendVisitorResult>;
  /**
   * Saves a message in an existing conversation, assigning the next seq in the same transaction.
   * The same clientId again returns the original message with duplicate=true; the same clientId
   * with another text throws ConflictError. Throws NotFoundError for an unknown conversation.
   * An agent message sets firstResponseAt when it is the first.
   */
  appendMessage(conversationId: ConversationId, message: NewMessage): Promise<AppendResult>;
  /**
   * Group commit: appendMessage for each item, in order, in one transaction (one fsync).
   * Results are in input order; the same rules per item as appendMessage.
   */
  appendMessages(batch: BatchAppend[]): Promise<BatchAppendResult[]>;
  /**
   * Group commit of visitor messages: appendVisitorMessage for each item, in order, in one
   * transaction (one fsync). Results are in input order; the same rules per item.
   */
  appendVisitorMessages(batch: VisitorAppend[]): Promise<BatchVisitorAppendResult[]>;
  /** Messages with seq > afterSeq in seq order, at most `limit` (default 500). */
  listMessages(
    conversationId: ConversationId,
    options: { afterSeq?: number; limit?: number; includeInternal: boolean },
  ): Promise<Message[]>;
  getConversation(id: ConversationId): Promise<ConversationRecord | null>;
  /** The visitor's open conversation, if any. */
  findOpenConversation(visitorId: VisitorId): Promise<ConversationRecord | null>;
  /** The visitor's conversations, newest first. */
  listVisitorConversations(visitorId: VisitorId, limit?: number): Promise<ConversationRecord[]>;
  /** Closed conversations matching every given part of `filter`, newest first (at most 200). */
  searchClosedConversations(filter: HistoryFilter): Promise<ConversationRecord[]>;
  /** Conversations for the agent queue, oldest first. */
  listConversations(filter: {
    sites?: SiteKey[];
    status?: ConversationStatus;
    assigneeId?: AgentId | null;
    limit?: number;
  }): Promise<ConversationRecord[]>;
  /**
   * Sets the assignee. With `onlyIfUnassigned`, returns null (and changes nothing) when another
   * agent already holds it, so two agents claiming at once cannot both win.
   */
  assignConversation(
    id: ConversationId,
    agentId: AgentId | null,
    options?: { onlyIfUnassigned?: boolean },
  ): Promise<ConversationRecord | null>;
  closeConversation(id: ConversationId): Promise<ConversationRecord>;
  /** Records the post-conversation survey (last answer wins). */
  saveSurvey(id: ConversationId, score: number, comment: string | null): Promise<void>;
  /** First-response durations in seconds of the most recent conversations that had one. */
  recentFirstResponseSeconds(site: SiteKey, limit: number): Promise<number[]>;
  surveyStats(site: SiteKey | null, since: IsoTime): Promise<SurveyStats>;

  // agents and sessions
  /** `sites` null or absent: the agent serves every site. */
  createAgent(input: {
    email: string;
    name: string;
    role: AgentRole;
    passwordHash: string;
    sites?: SiteKey[] | null;
  }): Promise<AgentRecord>;
  findAgentByEmail(email: string): Promise<AgentRecord | null>;
  getAgent(id: AgentId): Promise<AgentRecord | null>;
  listAgents(): Promise<AgentRecord[]>;
  /** `sites: null` makes the agent serve every site again. */
  updateAgent(
    id: AgentId,
    patch: { name?: string; role?: AgentRole; passwordHash?: string; disabled?: boolean; sites?: SiteKey[] | null },
  ): Promise<AgentRecord>;
  deleteAgent(id: AgentId): Promise<void>;
  createSession(input: { tokenHash: string; agentId: AgentId; expiresAt: IsoTime }): Promise<SessionRecord>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Signs the agent out everywhere, or everywhere but the session `except` (its token hash). */
  deleteAgentSessions(agentId: AgentId, options?: { except?: string }): Promise<void>;

  // saved replies
  listSavedReplies(site: SiteKey | null): Promise<SavedReplyRecord[]>;
  saveSavedReply(input: {
    id?: string;
    site: SiteKey | null;
    title: string;
    text: string;
    createdBy: AgentId | null;
  }): Promise<SavedReplyRecord>;
  deleteSavedReply(id: string): Promise<void>;

  // FAQ analytics
  recordFaqEvents(events: FaqEvent[]): Promise<void>;
  faqInsights(site: SiteKey, since: IsoTime, limit?: number): Promise<FaqInsights>;

  // integrations outbox (written only by a store opened with `outbox: true`)
  /**
   * Events not yet dispatched, oldest first. Each was written in the transaction of the
   * change it reports: a new message or conversation, an offline message, an assignment, a
   * close, a survey answer.
   */
  pendingEvents(limit: number): Promise<IntegrationEvent[]>;
  /** Creates the event's deliveries (one per endpoint, so again is harmless) and marks it dispatched. */
  dispatchEvent(eventId: string, deliveries: NewDelivery[]): Promise<void>;
  /** Takes up to `limit` due deliveries for `leaseMs`; no two owners hold one at once. */
  claimDeliveries(input: { owner: string; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]>;
  /** Records an attempt; false when `owner` no longer holds the lease (nothing is written). */
  finishDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean>;
  /** Newest first. */
  listDeliveries(filter: { sites?: SiteKey[]; limit?: number }): Promise<DeliveryView[]>;
  /** Makes a delivery due now again, delivered or not. Throws NotFoundError for an unknown id. */
  resendDelivery(id: string): Promise<DeliveryView>;
  /** Deletes dispatched events older than `before` with no delivery still pending; returns how many. */
  pruneOutbox(before: IsoTime): Promise<number>;
  /**
   * Endpoints added in the console, by site then age. While any is enabled the store writes
   * outbox events even when it was opened without `outbox` (other processes notice within
   * a few seconds).
   */
  listWebhookEndpoints(filter?: { site?: SiteKey; enabledOnly?: boolean }): Promise<WebhookEndpointRecord[]>;
  getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null>;
  /** Creates, or with `id` updates (NotFoundError for an unknown id). */
  saveWebhookEndpoint(input: SaveWebhookEndpointInput): Promise<WebhookEndpointRecord>;
  /** False when there was no such endpoint. */
  deleteWebhookEndpoint(id: string): Promise<boolean>;

  // attachments (server/attachments/)
  saveAttachment(record: AttachmentRecord): Promise<void>;
  /** The ones of these ids that exist, in no particular order. */
  getAttachments(ids: string[]): Promise<AttachmentRecord[]>;
  /** Every file of the visitor's conversations, oldest first. */
  listVisitorAttachments(visitorId: VisitorId): Promise<AttachmentRecord[]>;
  /** The ids of the files in conversations closed before `before`: what the retention sweep would take. */
  listClosedConversationAttachmentsBefore(before: IsoTime): Promise<string[]>;
  /** The database's copy of a file's bytes (AttachmentStorage "database"); the same id again is kept as it was. */
  putAttachmentBytes(id: string, bytes: Uint8Array): Promise<void>;
  getAttachmentBytes(id: string): Promise<Uint8Array | null>;
  deleteAttachmentBytes(ids: string[]): Promise<number>;
  /** The key download links are signed with: one per install, made on first use. */
  attachmentSigningKey(): Promise<string>;

  // data rights
  /** The visitor with this id, or every visitor with this email (any case, any site). */
  findVisitors(idOrEmail: string): Promise<VisitorRecord[]>;
  /** Everything stored about a visitor, or null for an unknown id. */
  exportVisitor(id: VisitorId): Promise<VisitorExport | null>;
  /**
   * In one transaction: deletes the visitor's messages (whoever wrote them), attachments (rows,
   * and bytes kept in the database; the caller deletes bytes kept elsewhere), FAQ events and
   * outbox events, empties their conversations' context and survey comment, and blanks the
   * identity (name, email, external id, locale, token). Conversations stay, with their status,
   * times, seq counts and scores, as an erased visitor's. Null for an unknown id.
   */
  eraseVisitor(id: VisitorId): Promise<ErasureReport | null>;
  /**
   * The retention sweep: conversations closed before `before`, with their messages and
   * attachments (rows, and bytes kept in the database; the caller deletes bytes kept elsewhere);
   * returns how many conversations.
   */
  deleteClosedConversationsBefore(before: IsoTime): Promise<number>;
  recordAudit(entry: { actor: string; action: string; target: string; detail?: Record<string, unknown> }): Promise<void>;
  /** Newest first. */
  listAudit(limit?: number): Promise<AuditEntry[]>;
  // FAQ edited in the console
  /** A site's entries in the owner's order; deleted ones only with `includeDeleted`. */
  listFaqEntries(site: SiteKey, options?: { includeDeleted?: boolean }): Promise<FaqEntryRecord[]>;
  getFaqEntry(site: SiteKey, id: string): Promise<FaqEntryRecord | null>;
  /** Creates or updates the working copy (publishing it too with `publish`), keeping a revision. */
  saveFaqEntry(input: SaveFaqEntryInput): Promise<FaqEntryRecord>;
  /** Makes the working copy what visitors see. Throws NotFoundError for an unknown entry. */
  publishFaqEntry(site: SiteKey, id: string, by: AgentId | null): Promise<FaqEntryRecord>;
  /** Soft delete (`deleted: true`) and its undo (`deleted: false`). */
  setFaqEntryDeleted(site: SiteKey, id: string, deleted: boolean, by: AgentId | null): Promise<FaqEntryRecord>;
  /** Every saved version, newest first. */
  listFaqRevisions(site: SiteKey, id: string): Promise<FaqRevisionRecord[]>;
  /** Puts revision `revision` back as a draft working copy. */
  restoreFaqRevision(site: SiteKey, id: string, revision: number, by: AgentId | null): Promise<FaqEntryRecord>;
  /** Writes the entries as published, each under its id, in one transaction. */
  importFaqEntries(
    site: SiteKey,
    entries: PublishedFaqEntry[],
    by: AgentId | null,
  ): Promise<{ created: number; updated: number }>;
  /** What visitors see: published content of the entries not deleted, in the owner's order. */
  publishedFaqEntries(site: SiteKey): Promise<PublishedFaqEntry[]>;
  /** A short string that changes whenever any of the site's entries changes. */
  faqStamp(site: SiteKey): Promise<string>;
  // insights (charts, per-answer numbers, visitors at risk)
  /** Day-by-day numbers from `since`'s UTC date to `until`'s (exclusive bound), empty days included. */
  insightSeries(site: SiteKey, range: InsightRange): Promise<InsightSeries>;
  /** Every answer read or voted on in the range, most viewed first. */
  answerStats(site: SiteKey, range: InsightRange): Promise<AnswerCounts[]>;
  /** Visitors whose signals may meet the at-risk rule (the caller applies it), most recently seen first. */
  riskCandidates(site: SiteKey, now: IsoTime, limit: number): Promise<RiskCandidate[]>;
  /** One visitor's surveys, "not helpful" votes and conversations within the at-risk rule's lookback. */
  visitorRiskSignals(visitorId: VisitorId, now: IsoTime): Promise<RiskSignals>;
  // gap finder and repeated replies (server/gaps/)
  /**
   * Searches since `since` that found nothing or whose results the visitor did not open within
   * GAPS.clickWindowMinutes, and the first message of conversations that followed a search
   * without an answer read; each source capped to its newest GAP_LIMITS rows.
   */
  gapAsks(site: SiteKey, since: IsoTime): Promise<GapAsk[]>;
  /** The first agent reply (not a note) of each of these conversations that has one, by conversation id. */
  firstAgentReplies(conversationIds: string[]): Promise<Record<string, string>>;
  /** Agent replies (not notes) in the site's conversations since `since`, newest first, capped. */
  agentReplies(site: SiteKey, since: IsoTime): Promise<SentReply[]>;
  listGapMarks(site: SiteKey): Promise<GapMark[]>;
  /** Marks normalised wordings; the same wording and action again replaces the mark. */
  markGaps(input: {
    site: SiteKey;
    wordings: string[];
    action: GapAction;
    entryId: string | null;
    by: AgentId | null;
  }): Promise<void>;
  // search learned from use (learned-phrasings.ts)
  /**
   * Counts `voter` (a visitor or, with `source: 'agent'`, an agent) for a wording of an entry,
   * promoting it once `afterVisitors` distinct visitors or one agent vouched for it. Null when
   * an owner removed that wording of that entry (it is not learned again), or when the wording
   * is a new candidate and the entry already keeps `maxCandidates` candidates, each vouched for
   * by two or more visitors; otherwise a full entry drops its oldest one-visitor candidate.
   */
  learnPhrasing(input: LearnPhrasingInput): Promise<LearnedPhrasing | null>;
  /** Phrasings not removed, oldest first; only the searched ones with `promotedOnly`. */
  listLearnedPhrasings(site: SiteKey, options?: { promotedOnly?: boolean; entryId?: string }): Promise<LearnedPhrasing[]>;
  /** False when there is no such phrasing (or it was removed already). */
  removeLearnedPhrasing(site: SiteKey, id: string): Promise<boolean>;
  /** The visitor's newest search or chat-draft query since `since`, or null. */
  lastVisitorQuery(site: SiteKey, visitorId: VisitorId, since: IsoTime): Promise<string | null>;
}

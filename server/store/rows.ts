/** Row ↔ record mapping and the few value rules both databases share. */
import type { Selectable } from 'kysely';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { AnswerCard } from '../../protocol/answers.js';
import type { Author, FaqEvent, IsoTime, Message, VerifiableField, VisitorContext } from '../../protocol/types.js';
import type { AgentRecord, ConversationRecord, SavedReplyRecord, SessionRecord, VisitorRecord } from './store.js';
import type {
  AgentsTable,
  ConversationsTable,
  FaqEventsTable,
  Flag,
  MessagesTable,
  SavedRepliesTable,
  SessionsTable,
  VisitorsTable,
} from './schema.js';

export function nowIso(): IsoTime {
  return new Date().toISOString();
}

/**
 * One canonical spelling of a time, so that text comparison is time comparison: every stored
 * timestamp and every bound we compare against goes through here.
 */
export function toIso(value: IsoTime): IsoTime {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not a timestamp: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export function flag(value: boolean | undefined | null): Flag {
  return value === true ? 1 : 0;
}

/** Trim, collapse inner whitespace, lowercase: "  Refund  Policy" and "refund policy" group together. */
export function queryKey(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** pg returns bigint aggregates as strings; SQLite returns numbers. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export function toVisitor(row: Selectable<VisitorsTable>): VisitorRecord {
  return {
    id: row.id,
    site: row.site,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    verifiedFields: parseList(row.verified_fields).filter(isVerifiableField),
    erasedAt: row.erased_at,
  };
}

/** A JSON array of strings stored as text; anything else reads as null. */
export function parseList(json: string | null): string[] {
  if (json === null) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function isVerifiableField(field: string): field is VerifiableField {
  return field === 'id' || field === 'name' || field === 'email';
}

export function parseContext(json: string): VisitorContext {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as VisitorContext) : {};
  } catch {
    return {};
  }
}

export function toConversation(row: Selectable<ConversationsTable>): ConversationRecord {
  return {
    id: row.id,
    site: row.site,
    visitorId: row.visitor_id,
    status: row.status,
    offline: num(row.offline) === 1,
    assigneeId: row.assignee_id,
    context: parseContext(row.context),
    lastSeq: num(row.last_seq),
    createdAt: row.created_at,
    closedAt: row.closed_at,
    firstResponseAt: row.first_response_at,
    surveyScore: row.survey_score === null ? null : num(row.survey_score),
    surveyComment: row.survey_comment,
    waitingSince: row.waiting_since,
  };
}

export function toMessage(row: Selectable<MessagesTable>): Message {
  const author: Author = { kind: row.author_kind };
  if (row.author_id !== null) author.id = row.author_id;
  if (row.author_name !== null) author.name = row.author_name;
  const message: Message = {
    id: row.id,
    conversationId: row.conversation_id,
    seq: num(row.seq),
    clientId: row.client_id,
    author,
    text: row.text,
    createdAt: row.created_at,
  };
  // Omitted rather than false: visitors never learn that internal notes exist.
  if (num(row.internal) === 1) message.internal = true;
  if (row.attachments) message.attachments = JSON.parse(row.attachments) as AttachmentRef[];
  if (row.card) message.card = JSON.parse(row.card) as AnswerCard;
  return message;
}

export function toAgent(row: Selectable<AgentsTable>): AgentRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    disabled: num(row.disabled) === 1,
    createdAt: row.created_at,
    sites: row.sites === null ? null : parseList(row.sites),
  };
}

export function toSession(row: Selectable<SessionsTable>): SessionRecord {
  return { tokenHash: row.token_hash, agentId: row.agent_id, createdAt: row.created_at, expiresAt: row.expires_at };
}

export function toSavedReply(row: Selectable<SavedRepliesTable>): SavedReplyRecord {
  return { id: row.id, site: row.site, title: row.title, text: row.text, createdBy: row.created_by, updatedAt: row.updated_at };
}

export function faqEventRow(event: FaqEvent, id: string): FaqEventsTable {
  const query = typeof event.query === 'string' ? event.query.trim() : null;
  return {
    id,
    site: event.site,
    kind: event.kind,
    visitor_id: event.visitorId ?? null,
    query,
    query_key: query === null ? null : queryKey(query),
    hits: typeof event.hits === 'number' && Number.isFinite(event.hits) ? Math.max(0, Math.trunc(event.hits)) : null,
    article_id: event.articleId ?? null,
    helpful: typeof event.helpful === 'boolean' ? flag(event.helpful) : null,
    locale: event.locale ?? null,
    at: toIso(event.at),
  };
}

/**
 * Row shapes of the tables, as Kysely sees them. One schema for SQLite and PostgreSQL, so only
 * portable column types: ids and timestamps are text (timestamps are ISO 8601 UTC strings from
 * `Date#toISOString`, which sort as text), flags are integers 0/1, JSON is text.
 */

/** 0 or 1: SQLite has no boolean type and one schema serves both databases. */
export type Flag = 0 | 1;

export interface VisitorsTable {
  id: string;
  site: string;
  token_hash: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  locale: string | null;
  first_seen_at: string;
  last_seen_at: string;
  /** JSON array of the fields the site signed ("id", "name", "email"); null: none. */
  verified_fields: string | null;
  /** Set when the visitor's data was erased: the row stays so statistics keep their counts. */
  erased_at: string | null;
}

export interface ConversationsTable {
  id: string;
  site: string;
  visitor_id: string;
  status: 'open' | 'closed';
  offline: Flag;
  assignee_id: string | null;
  /** VisitorContext as JSON. */
  context: string;
  last_seq: number;
  created_at: string;
  closed_at: string | null;
  first_response_at: string | null;
  /** When the oldest visitor message not yet answered by an agent arrived; null when none waits. */
  waiting_since: string | null;
  survey_score: number | null;
  survey_comment: string | null;
  survey_at: string | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author_kind: 'visitor' | 'agent' | 'system';
  author_id: string | null;
  author_name: string | null;
  text: string;
  internal: Flag;
  created_at: string;
  /** JSON AttachmentRef[]; null when the message has none. */
  attachments: string | null;
  /** JSON of the AnswerCard sent with the message, if any (migration 0014). */
  card: string | null;
}

export interface AgentsTable {
  id: string;
  email: string;
  /** trim + lowercase of `email`: the unique login key. */
  email_key: string;
  name: string;
  role: 'admin' | 'agent';
  password_hash: string;
  disabled: Flag;
  created_at: string;
  /** JSON array of the site keys the agent serves; null: every site. */
  sites: string | null;
}

export interface SessionsTable {
  token_hash: string;
  agent_id: string;
  created_at: string;
  expires_at: string;
}

export interface SavedRepliesTable {
  id: string;
  site: string | null;
  title: string;
  text: string;
  created_by: string | null;
  updated_at: string;
}

export interface FaqEventsTable {
  id: string;
  site: string;
  kind: 'search' | 'view' | 'helpful' | 'deflect';
  visitor_id: string | null;
  query: string | null;
  /** The query trimmed, whitespace collapsed and lowercased: what insights group by. */
  query_key: string | null;
  hits: number | null;
  article_id: string | null;
  helpful: Flag | null;
  locale: string | null;
  at: string;
}

export interface OutboxEventsTable {
  id: string;
  site: string;
  /** An IntegrationEventType. */
  type: string;
  /** Whom the event is about: erasing the visitor erases it. */
  visitor_id: string;
  created_at: string;
  /** The event's `data` as JSON. */
  data: string;
  /** 1 once its deliveries were created. */
  dispatched: Flag;
}

export interface DeliveriesTable {
  id: string;
  event_id: string;
  /** Which destination of the site (a stable key derived from the config). */
  endpoint: string;
  target: 'webhook' | 'slack' | 'mail';
  destination: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  next_attempt_at: string | null;
  /** The worker that holds the row until lease_until; another may take it after. */
  lease_owner: string | null;
  lease_until: string | null;
  response_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** Who did it: an agent's email, or "cli" / "retention". */
  actor: string;
  action: string;
  target: string;
  /** JSON. */
  detail: string;
}

export interface WebhookEndpointsTable {
  id: string;
  site: string;
  type: 'webhook' | 'slack';
  url: string;
  /** Null for Slack. */
  secret: string | null;
  /** JSON array of IntegrationEventType. */
  events: string;
  enabled: Flag;
  created_at: string;
  updated_at: string;
}

export interface FaqEntriesTable {
  site: string;
  id: string;
  /** The owner's order: the widget's "popular" list is the first few. */
  position: number;
  locale: 'en' | 'fa';
  question: string;
  answer: string;
  /** JSON arrays of strings. */
  keywords: string;
  phrasings: string;
  category: string | null;
  translation_of: string | null;
  status: 'draft' | 'published';
  /** JSON of the published FaqContent; null until the first publish. */
  published: string | null;
  revision: number;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
}

export interface FaqRevisionsTable {
  site: string;
  entry_id: string;
  revision: number;
  /** JSON of the FaqContent saved. */
  content: string;
  status: 'draft' | 'published';
  saved_at: string;
  saved_by: string | null;
}

/** An owner's action on a gap finder wording (migration 0012). */
export interface GapMarksTable {
  site: string;
  /** The normalised wording (server/gaps/similarity.ts gapKey). */
  wording: string;
  action: 'dismissed' | 'phrasing' | 'draft';
  /** The answer drafted from it, or that it became a phrasing of. */
  entry_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface AttachmentsTable {
  id: string;
  site: string;
  visitor_id: string;
  conversation_id: string | null;
  uploader_kind: 'visitor' | 'agent';
  uploader_id: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface AttachmentBytesTable {
  id: string;
  bytes: Uint8Array;
}

export interface AttachmentKeysTable {
  name: string;
  secret: string;
}

/** A wording learned for an FAQ entry (migration 0014). */
export interface LearnedPhrasingsTable {
  id: string;
  site: string;
  entry_id: string;
  locale: 'en' | 'fa';
  /** The matching form (widget/search normalize): one row per wording and entry. */
  wording: string;
  text: string;
  source: 'visitor' | 'agent';
  visitors: number;
  promoted: Flag;
  created_at: string;
  removed_at: string | null;
}

/** One visitor (`v:<id>`) or agent (`a:<id>`) who vouched for a learned phrasing. */
export interface LearnedPhrasingVotersTable {
  phrasing_id: string;
  voter: string;
  created_at: string;
}

export interface Database {
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  saved_replies: SavedRepliesTable;
  faq_events: FaqEventsTable;
  outbox_events: OutboxEventsTable;
  deliveries: DeliveriesTable;
  audit_log: AuditLogTable;
  faq_entries: FaqEntriesTable;
  faq_revisions: FaqRevisionsTable;
  webhook_endpoints: WebhookEndpointsTable;
  gap_marks: GapMarksTable;
  attachments: AttachmentsTable;
  attachment_bytes: AttachmentBytesTable;
  attachment_keys: AttachmentKeysTable;
  learned_phrasings: LearnedPhrasingsTable;
  learned_phrasing_voters: LearnedPhrasingVotersTable;
}

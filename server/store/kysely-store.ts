/**
 * The Store on top of Kysely: every query is written once and runs on SQLite and PostgreSQL.
 * sqlite.ts and postgres.ts only open the connection and say whether row locks exist.
 */
import { newId } from './ids.js';
import type { Kysely, Transaction } from 'kysely';
import type { AgentId, ConversationId, FaqEvent, IsoTime, Message, SiteKey, VisitorId } from '../../protocol/types.js';
import type { DeliveryView, IntegrationEvent } from '../../protocol/integrations.js';
import { appendBatch, appendVisitor, appendVisitorBatch, type AppendOptions, type VisitorAppendInput } from './append.js';
import { createFaqEntries, type FaqEntries } from './faq-entries.js';
import type { FaqEntryRecord, FaqRevisionRecord, PublishedFaqEntry, SaveFaqEntryInput } from './faq-records.js';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.js';
import { searchClosedConversations } from './history.js';
import { faqInsights, surveyStats } from './insights.js';
import { answerStats, type AnswerCounts } from './insight-answers.js';
import { riskCandidates, visitorRiskSignals, type RiskCandidate } from './insight-risk.js';
import { insightSeries, type InsightRange } from './insight-series.js';
import * as gaps from './gaps.js';
import * as learned from './learned-phrasings.js';
import type { LearnedPhrasing } from '../../protocol/answers.js';
import type { GapAsk } from '../gaps/group.js';
import type { SentReply } from '../gaps/fingerprint.js';
import type { RiskSignals } from '../../protocol/at-risk.js';
import type { InsightSeries } from '../../protocol/insights.js';
import { migrateToLatest } from './migrations/index.js';
import * as outbox from './outbox.js';
import * as endpoints from './webhook-endpoints.js';
import * as privacy from './privacy.js';
import * as files from './attachments.js';
import type { AuditEntry, ErasureReport, VisitorExport } from '../../protocol/privacy.js';
import {
  faqEventRow,
  nowIso,
  parseList,
  toAgent,
  toConversation,
  toIso,
  toMessage,
  toSavedReply,
  toSession,
  toVisitor,
} from './rows.js';
import type { Database } from './schema.js';
import {
  ConflictError,
  NotFoundError,
  type AgentRecord,
  type AttachmentRecord,
  type AppendResult,
  type AppendVisitorResult,
  type BatchAppend,
  type BatchAppendResult,
  type BatchVisitorAppendResult,
  type ClaimedDelivery,
  type ConversationRecord,
  type DeliveryOutcome,
  type NewDelivery,
  type FaqInsights,
  type HistoryFilter,
  type NewMessage,
  type SavedReplyRecord,
  type SessionRecord,
  type Store,
  type SurveyStats,
  type VisitorRecord,
  type SaveWebhookEndpointInput,
  type WebhookEndpointRecord,
} from './store.js';

export interface KyselyStoreOptions {
  /** True on PostgreSQL: take SELECT … FOR UPDATE locks. */
  rowLocks: boolean;
  /** PostgreSQL schema holding the tables (and Kysely's migration table). */
  schema?: string;
  /**
   * Write integration events (webhooks, email) to the outbox with each change.
   * @default false
   */
  outbox?: boolean;
}

/** How often a store opened without `outbox` looks for enabled console endpoints another process added. */
const ENDPOINT_CHECK_MS = 5000;

/** Rows per INSERT for bulk writes: well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;

/** A set of strings as stored: JSON, each once, sorted, so equal sets are equal text. */
function fieldList(values: readonly string[]): string {
  return JSON.stringify([...new Set(values)].sort());
}

/** Email as a login key: "  Sara@Example.com" and "sara@example.com" are one account. */
function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #options: KyselyStoreOptions;
  readonly #append: AppendOptions;
  readonly #faq: FaqEntries;
  #closed: Promise<void> | undefined;
  #endpointCheck: NodeJS.Timeout | undefined;

  constructor(db: Kysely<Database>, options: KyselyStoreOptions) {
    this.#db = db;
    this.#options = options;
    this.#append = { rowLocks: options.rowLocks, outbox: options.outbox === true };
    this.#faq = createFaqEntries(db, options.rowLocks);
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.#db, this.#options.schema === undefined ? {} : { schema: this.#options.schema });
    await this.#refreshOutbox();
    if (this.#options.outbox !== true) {
      // Another process may add the first endpoint in the console: look again now and then.
      this.#endpointCheck = setInterval(() => {
        this.#refreshOutbox().catch(() => undefined);
      }, ENDPOINT_CHECK_MS);
      this.#endpointCheck.unref();
    }
  }

  /** Events are written when the config asks for them or an endpoint added in the console is enabled. */
  async #refreshOutbox(): Promise<void> {
    if (this.#options.outbox === true || this.#closed !== undefined) return;
    this.#append.outbox = await endpoints.hasEnabledWebhookEndpoints(this.#db);
  }

  close(): Promise<void> {
    clearInterval(this.#endpointCheck);
    this.#closed ??= this.#db.destroy();
    return this.#closed;
  }

  // ---------- visitors ----------

  async createVisitor(input: Parameters<Store['createVisitor']>[0]): Promise<VisitorRecord> {
    const now = nowIso();
    const row = {
      id: newId(),
      site: input.site,
      token_hash: input.tokenHash,
      external_id: input.externalId ?? null,
      name: input.name ?? null,
      email: input.email ?? null,
      locale: input.locale ?? null,
      first_seen_at: now,
      last_seen_at: now,
      verified_fields: fieldList(input.verifiedFields ?? []),
      erased_at: null,
    };
    try {
      await this.#db.insertInto('visitors').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A visitor with this token already exists', { cause: error });
      throw error;
    }
    return toVisitor(row);
  }

  async findVisitorByTokenHash(site: SiteKey, tokenHash: string): Promise<VisitorRecord | null> {
    const row = await this.#db
      .selectFrom('visitors')
      .selectAll()
      .where('site', '=', site)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row === undefined ? null : toVisitor(row);
  }

  async findVisitorByExternalId(site: SiteKey, externalId: string): Promise<VisitorRecord | null> {
    // Not unique in the schema (a site may identify a user on two devices before we link
    // them): the first visitor seen is the canonical one.
    const row = await this.#db
      .selectFrom('visitors')
      .selectAll()
      .where('site', '=', site)
      .where('external_id', '=', externalId)
      .orderBy('first_seen_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toVisitor(row);
  }

  async getVisitor(id: VisitorId): Promise<VisitorRecord | null> {
    const row = await this.#db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toVisitor(row);
  }

  async updateVisitor(id: VisitorId, patch: Parameters<Store['updateVisitor']>[1]): Promise<VisitorRecord> {
    const row = await this.#db.transaction().execute(async (trx) => {
      const verified =
        patch.verifiedFields !== undefined ? fieldList(patch.verifiedFields) : await this.#unsignedChange(trx, id, patch);
      return trx
        .updateTable('visitors')
        .set({
          last_seen_at: nowIso(),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.locale !== undefined && { locale: patch.locale }),
          ...(patch.tokenHash !== undefined && { token_hash: patch.tokenHash }),
          ...(verified !== undefined && { verified_fields: verified }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    });
    if (row === undefined) throw new NotFoundError(`No visitor ${id}`);
    return toVisitor(row);
  }

  /** The verified list after an unsigned patch: a signed name or email it changes is no longer signed. */
  async #unsignedChange(
    trx: Transaction<Database>,
    id: VisitorId,
    patch: { name?: string | null; email?: string | null },
  ): Promise<string | undefined> {
    if (patch.name === undefined && patch.email === undefined) return undefined;
    const current = await trx
      .selectFrom('visitors')
      .select(['name', 'email', 'verified_fields'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (current === undefined) return undefined;
    const changed = (field: string) =>
      (field === 'name' && patch.name !== undefined && patch.name !== current.name) ||
      (field === 'email' && patch.email !== undefined && patch.email !== current.email);
    return fieldList(parseList(current.verified_fields).filter((field) => !changed(field)));
  }

  // ---------- conversations and messages ----------

  appendVisitorMessage(input: VisitorAppendInput): Promise<AppendVisitorResult> {
    return this.#db.transaction().execute((trx) => appendVisitor(trx, input, this.#append));
  }

  async appendMessage(conversationId: ConversationId, message: NewMessage): Promise<AppendResult> {
    const [outcome] = await this.appendMessages([{ conversationId, message }]);
    if (outcome === undefined) throw new Error('appendMessages returned no result');
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  async appendMessages(batch: BatchAppend[]): Promise<BatchAppendResult[]> {
    if (batch.length === 0) return [];
    return this.#db.transaction().execute((trx) => appendBatch(trx, batch, this.#append));
  }

  async appendVisitorMessages(batch: VisitorAppendInput[]): Promise<BatchVisitorAppendResult[]> {
    if (batch.length === 0) return [];
    return this.#db.transaction().execute((trx) => appendVisitorBatch(trx, batch, this.#append));
  }

  async listMessages(
    conversationId: ConversationId,
    options: { afterSeq?: number; limit?: number; includeInternal: boolean },
  ): Promise<Message[]> {
    const limit = Math.max(0, Math.trunc(options.limit ?? 500));
    if (limit === 0) return [];
    const rows = await this.#db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', options.afterSeq ?? 0)
      .$if(!options.includeInternal, (q) => q.where('internal', '=', 0))
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  async getConversation(id: ConversationId): Promise<ConversationRecord | null> {
    const row = await this.#db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toConversation(row);
  }

  async findOpenConversation(visitorId: VisitorId): Promise<ConversationRecord | null> {
    const row = await this.#db
      .selectFrom('conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return row === undefined ? null : toConversation(row);
  }

  async listVisitorConversations(visitorId: VisitorId, limit = 20): Promise<ConversationRecord[]> {
    const rows = await this.#db
      .selectFrom('conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toConversation);
  }

  async listConversations(filter: Parameters<Store['listConversations']>[0]): Promise<ConversationRecord[]> {
    if (filter.sites !== undefined && filter.sites.length === 0) return [];
    const { sites, status, assigneeId } = filter;
    const rows = await this.#db
      .selectFrom('conversations')
      .selectAll()
      .$if(sites !== undefined, (q) => q.where('site', 'in', sites ?? []))
      .$if(status !== undefined, (q) => q.where('status', '=', status ?? 'open'))
      .$if(assigneeId === null, (q) => q.where('assignee_id', 'is', null))
      .$if(typeof assigneeId === 'string', (q) => q.where('assignee_id', '=', assigneeId ?? ''))
      .orderBy('created_at')
      .orderBy('id')
      .limit(filter.limit ?? 500)
      .execute();
    return rows.map(toConversation);
  }

  async assignConversation(
    id: ConversationId,
    agentId: AgentId | null,
    options: { onlyIfUnassigned?: boolean } = {},
  ): Promise<ConversationRecord | null> {
    let row;
    try {
      row = await this.#db.transaction().execute(async (trx) => {
        const before = this.#append.outbox
          ? await trx
              .selectFrom('conversations')
              .select('assignee_id')
              .where('id', '=', id)
              .$if(this.#options.rowLocks, (q) => q.forUpdate())
              .executeTakeFirst()
          : undefined;
        // One conditional UPDATE: the database decides the race, not a read-then-write.
        const updated = await trx
          .updateTable('conversations')
          .set({ assignee_id: agentId })
          .where('id', '=', id)
          .$if(options.onlyIfUnassigned === true, (q) =>
            q.where((eb) =>
              eb.or([eb('assignee_id', 'is', null), ...(agentId === null ? [] : [eb('assignee_id', '=', agentId)])]),
            ),
          )
          .returningAll()
          .executeTakeFirst();
        if (updated !== undefined && agentId !== null && before !== undefined && before.assignee_id !== agentId) {
          const events: outbox.EventBuffer = [];
          outbox.conversationEvent(events, updated, 'conversation.assigned', { assigneeId: agentId });
          await outbox.writeEvents(trx, events);
        }
        return updated;
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError(`No agent ${agentId}`, { cause: error });
      throw error;
    }
    if (row !== undefined) return toConversation(row);
    if ((await this.getConversation(id)) === null) throw new NotFoundError(`No conversation ${id}`);
    return null;
  }

  async closeConversation(id: ConversationId): Promise<ConversationRecord> {
    const now = nowIso();
    const row = await this.#db.transaction().execute(async (trx) => {
      const before = this.#append.outbox
        ? await trx
            .selectFrom('conversations')
            .select('status')
            .where('id', '=', id)
            .$if(this.#options.rowLocks, (q) => q.forUpdate())
            .executeTakeFirst()
        : undefined;
      const closed = await trx
        .updateTable('conversations')
        .set((eb) => ({
          status: 'closed',
          closed_at: eb.fn.coalesce('closed_at', eb.val(now)),
          waiting_since: null,
        }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (closed !== undefined && before?.status === 'open') {
        const events: outbox.EventBuffer = [];
        outbox.conversationEvent(events, closed, 'conversation.closed', { closedAt: closed.closed_at });
        await outbox.writeEvents(trx, events);
      }
      return closed;
    });
    if (row === undefined) throw new NotFoundError(`No conversation ${id}`);
    return toConversation(row);
  }

  async saveSurvey(id: ConversationId, score: number, comment: string | null): Promise<void> {
    if (!Number.isInteger(score) || score < 0 || score > 10)
      throw new RangeError(`A survey score is an integer 0–10, got ${score}`);
    const row = await this.#db.transaction().execute(async (trx) => {
      const saved = await trx
        .updateTable('conversations')
        .set({ survey_score: score, survey_comment: comment, survey_at: nowIso() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (saved !== undefined && this.#append.outbox) {
        const events: outbox.EventBuffer = [];
        outbox.conversationEvent(events, saved, 'survey.answered', { score, comment });
        await outbox.writeEvents(trx, events);
      }
      return saved;
    });
    if (row === undefined) throw new NotFoundError(`No conversation ${id}`);
  }

  async recentFirstResponseSeconds(site: SiteKey, limit: number): Promise<number[]> {
    const rows = await this.#db
      .selectFrom('conversations')
      .select(['created_at', 'first_response_at'])
      .where('site', '=', site)
      .where('first_response_at', 'is not', null)
      .orderBy('first_response_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) =>
      Math.max(0, (Date.parse(row.first_response_at ?? row.created_at) - Date.parse(row.created_at)) / 1000),
    );
  }

  surveyStats(site: SiteKey | null, since: IsoTime): Promise<SurveyStats> {
    return surveyStats(this.#db, site, toIso(since));
  }

  // ---------- agents and sessions ----------

  async createAgent(input: Parameters<Store['createAgent']>[0]): Promise<AgentRecord> {
    const row = {
      id: newId(),
      email: input.email.trim(),
      email_key: emailKey(input.email),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      disabled: 0 as const,
      created_at: nowIso(),
      sites: input.sites ? fieldList(input.sites) : null,
    };
    try {
      await this.#db.insertInto('agents').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An agent with email ${row.email} already exists`, { cause: error });
      throw error;
    }
    return toAgent(row);
  }

  async findAgentByEmail(email: string): Promise<AgentRecord | null> {
    const row = await this.#db.selectFrom('agents').selectAll().where('email_key', '=', emailKey(email)).executeTakeFirst();
    return row === undefined ? null : toAgent(row);
  }

  async getAgent(id: AgentId): Promise<AgentRecord | null> {
    const row = await this.#db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toAgent(row);
  }

  async listAgents(): Promise<AgentRecord[]> {
    const rows = await this.#db.selectFrom('agents').selectAll().orderBy('created_at').orderBy('email_key').execute();
    return rows.map(toAgent);
  }

  async updateAgent(id: AgentId, patch: Parameters<Store['updateAgent']>[1]): Promise<AgentRecord> {
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled ? (1 as const) : (0 as const) }),
      ...(patch.sites !== undefined && { sites: patch.sites === null ? null : fieldList(patch.sites) }),
    };
    const row =
      Object.keys(set).length === 0
        ? await this.#db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst()
        : await this.#db.updateTable('agents').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`No agent ${id}`);
    return toAgent(row);
  }

  async deleteAgent(id: AgentId): Promise<void> {
    // Foreign keys do the rest: sessions go, conversations and saved replies keep a null author.
    await this.#db.deleteFrom('agents').where('id', '=', id).execute();
  }

  async createSession(input: { tokenHash: string; agentId: AgentId; expiresAt: IsoTime }): Promise<SessionRecord> {
    const now = nowIso();
    const row = { token_hash: input.tokenHash, agent_id: input.agentId, created_at: now, expires_at: toIso(input.expiresAt) };
    try {
      await this.#db.transaction().execute(async (trx) => {
        // Logins are rare, so this is where the agent's expired sessions are swept away.
        await trx.deleteFrom('sessions').where('agent_id', '=', input.agentId).where('expires_at', '<=', now).execute();
        await trx.insertInto('sessions').values(row).execute();
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError(`No agent ${input.agentId}`, { cause: error });
      if (isUniqueViolation(error)) throw new ConflictError('This session token already exists', { cause: error });
      throw error;
    }
    return toSession(row);
  }

  /** An expired session is not found. */
  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', nowIso())
      .executeTakeFirst();
    return row === undefined ? null : toSession(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteAgentSessions(agentId: AgentId, options: { except?: string } = {}): Promise<void> {
    const { except } = options;
    await this.#db
      .deleteFrom('sessions')
      .where('agent_id', '=', agentId)
      .$if(except !== undefined, (query) => query.where('token_hash', '!=', except!))
      .execute();
  }

  // ---------- saved replies ----------

  /** A site's replies plus the global ones (site null); with `null`, every reply of every site. */
  async listSavedReplies(site: SiteKey | null): Promise<SavedReplyRecord[]> {
    const rows = await this.#db
      .selectFrom('saved_replies')
      .selectAll()
      .$if(site !== null, (q) => q.where((eb) => eb.or([eb('site', '=', site ?? ''), eb('site', 'is', null)])))
      .orderBy('title')
      .orderBy('id')
      .execute();
    return rows.map(toSavedReply);
  }

  /** Creates, or with an `id` replaces (creating it under that id when missing). */
  async saveSavedReply(input: Parameters<Store['saveSavedReply']>[0]): Promise<SavedReplyRecord> {
    const row = {
      id: input.id ?? newId(),
      site: input.site,
      title: input.title,
      text: input.text,
      created_by: input.createdBy,
      updated_at: nowIso(),
    };
    try {
      await this.#db
        .insertInto('saved_replies')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ site: row.site, title: row.title, text: row.text, updated_at: row.updated_at }),
        )
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError(`No agent ${input.createdBy}`, { cause: error });
      throw error;
    }
    const saved = await this.#db.selectFrom('saved_replies').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return toSavedReply(saved);
  }

  async deleteSavedReply(id: string): Promise<void> {
    await this.#db.deleteFrom('saved_replies').where('id', '=', id).execute();
  }

  // ---------- FAQ analytics ----------

  async recordFaqEvents(events: FaqEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => faqEventRow(event, newId()));
    await this.#db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('faq_events')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    });
  }

  searchClosedConversations(filter: HistoryFilter): Promise<ConversationRecord[]> {
    return searchClosedConversations(this.#db, {
      ...filter,
      ...(filter.from ? { from: toIso(filter.from) } : {}),
      ...(filter.to ? { to: toIso(filter.to) } : {}),
    });
  }

  faqInsights(site: SiteKey, since: IsoTime, limit = 10): Promise<FaqInsights> {
    return faqInsights(this.#db, site, toIso(since), limit);
  }

  // ---------- integrations outbox ----------

  pendingEvents(limit: number): Promise<IntegrationEvent[]> {
    return outbox.pendingEvents(this.#db, limit);
  }

  dispatchEvent(eventId: string, deliveries: NewDelivery[]): Promise<void> {
    return outbox.dispatchEvent(this.#db, eventId, deliveries);
  }

  claimDeliveries(input: { owner: string; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
    return outbox.claimDeliveries(this.#db, { ...input, rowLocks: this.#options.rowLocks });
  }

  finishDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    return outbox.finishDelivery(this.#db, id, owner, outcome);
  }

  listDeliveries(filter: { sites?: SiteKey[]; limit?: number }): Promise<DeliveryView[]> {
    return outbox.listDeliveries(this.#db, filter);
  }

  resendDelivery(id: string): Promise<DeliveryView> {
    return outbox.resendDelivery(this.#db, id);
  }

  pruneOutbox(before: IsoTime): Promise<number> {
    return privacy.pruneOutbox(this.#db, toIso(before));
  }

  // ---------- webhook endpoints added in the console ----------

  listWebhookEndpoints(filter: { site?: SiteKey; enabledOnly?: boolean } = {}): Promise<WebhookEndpointRecord[]> {
    return endpoints.listWebhookEndpoints(this.#db, filter);
  }

  getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    return endpoints.getWebhookEndpoint(this.#db, id);
  }

  async saveWebhookEndpoint(input: SaveWebhookEndpointInput): Promise<WebhookEndpointRecord> {
    const saved = await endpoints.saveWebhookEndpoint(this.#db, input);
    await this.#refreshOutbox();
    return saved;
  }

  async deleteWebhookEndpoint(id: string): Promise<boolean> {
    const deleted = await endpoints.deleteWebhookEndpoint(this.#db, id);
    await this.#refreshOutbox();
    return deleted;
  }

  // ---------- data rights ----------

  findVisitors(idOrEmail: string): Promise<VisitorRecord[]> {
    return privacy.findVisitors(this.#db, idOrEmail);
  }

  saveAttachment(record: AttachmentRecord): Promise<void> {
    return files.saveAttachment(this.#db, record);
  }

  getAttachments(ids: string[]): Promise<AttachmentRecord[]> {
    return files.getAttachments(this.#db, ids);
  }

  listVisitorAttachments(visitorId: VisitorId): Promise<AttachmentRecord[]> {
    return files.listVisitorAttachments(this.#db, visitorId);
  }

  listClosedConversationAttachmentsBefore(before: IsoTime): Promise<string[]> {
    return files.listClosedConversationAttachmentsBefore(this.#db, toIso(before));
  }

  putAttachmentBytes(id: string, bytes: Uint8Array): Promise<void> {
    return files.putAttachmentBytes(this.#db, id, bytes);
  }

  getAttachmentBytes(id: string): Promise<Uint8Array | null> {
    return files.getAttachmentBytes(this.#db, id);
  }

  deleteAttachmentBytes(ids: string[]): Promise<number> {
    return files.deleteAttachmentBytes(this.#db, ids);
  }

  attachmentSigningKey(): Promise<string> {
    return files.attachmentSigningKey(this.#db);
  }

  exportVisitor(id: VisitorId): Promise<VisitorExport | null> {
    return privacy.exportVisitor(this.#db, id);
  }

  eraseVisitor(id: VisitorId): Promise<ErasureReport | null> {
    return privacy.eraseVisitor(this.#db, id, this.#options.rowLocks);
  }

  deleteClosedConversationsBefore(before: IsoTime): Promise<number> {
    return privacy.deleteClosedConversationsBefore(this.#db, toIso(before));
  }

  recordAudit(entry: { actor: string; action: string; target: string; detail?: Record<string, unknown> }): Promise<void> {
    return privacy.recordAudit(this.#db, entry);
  }

  listAudit(limit = 100): Promise<AuditEntry[]> {
    return privacy.listAudit(this.#db, limit);
  }

  // ---------- FAQ edited in the console (faq-entries.ts) ----------

  listFaqEntries(site: SiteKey, options?: { includeDeleted?: boolean }): Promise<FaqEntryRecord[]> {
    return this.#faq.list(site, options);
  }

  getFaqEntry(site: SiteKey, id: string): Promise<FaqEntryRecord | null> {
    return this.#faq.get(site, id);
  }

  saveFaqEntry(input: SaveFaqEntryInput): Promise<FaqEntryRecord> {
    return this.#faq.save(input);
  }

  publishFaqEntry(site: SiteKey, id: string, by: AgentId | null): Promise<FaqEntryRecord> {
    return this.#faq.publish(site, id, by);
  }

  setFaqEntryDeleted(site: SiteKey, id: string, deleted: boolean, by: AgentId | null): Promise<FaqEntryRecord> {
    return this.#faq.setDeleted(site, id, deleted, by);
  }

  listFaqRevisions(site: SiteKey, id: string): Promise<FaqRevisionRecord[]> {
    return this.#faq.revisions(site, id);
  }

  restoreFaqRevision(site: SiteKey, id: string, revision: number, by: AgentId | null): Promise<FaqEntryRecord> {
    return this.#faq.restore(site, id, revision, by);
  }

  importFaqEntries(
    site: SiteKey,
    entries: PublishedFaqEntry[],
    by: AgentId | null,
  ): Promise<{ created: number; updated: number }> {
    return this.#faq.importPublished(site, entries, by);
  }

  publishedFaqEntries(site: SiteKey): Promise<PublishedFaqEntry[]> {
    return this.#faq.published(site);
  }

  faqStamp(site: SiteKey): Promise<string> {
    return this.#faq.stamp(site);
  }

  // ---------- insights ----------

  insightSeries(site: SiteKey, range: InsightRange): Promise<InsightSeries> {
    return insightSeries(this.#db, site, { since: toIso(range.since), until: toIso(range.until) });
  }

  answerStats(site: SiteKey, range: InsightRange): Promise<AnswerCounts[]> {
    return answerStats(this.#db, site, { since: toIso(range.since), until: toIso(range.until) });
  }

  riskCandidates(site: SiteKey, now: IsoTime, limit: number): Promise<RiskCandidate[]> {
    return riskCandidates(this.#db, site, toIso(now), Math.max(1, Math.min(500, limit)));
  }

  visitorRiskSignals(visitorId: VisitorId, now: IsoTime): Promise<RiskSignals> {
    return visitorRiskSignals(this.#db, visitorId, toIso(now));
  }

  // ---------- gap finder and repeated replies (gaps.ts) ----------

  gapAsks(site: SiteKey, since: IsoTime): Promise<GapAsk[]> {
    return gaps.gapAsks(this.#db, site, toIso(since));
  }

  firstAgentReplies(conversationIds: string[]): Promise<Record<string, string>> {
    return gaps.firstAgentReplies(this.#db, conversationIds);
  }

  agentReplies(site: SiteKey, since: IsoTime): Promise<SentReply[]> {
    return gaps.agentReplies(this.#db, site, toIso(since));
  }

  listGapMarks(site: SiteKey): Promise<gaps.GapMark[]> {
    return gaps.listGapMarks(this.#db, site);
  }

  markGaps(input: Parameters<Store['markGaps']>[0]): Promise<void> {
    return gaps.markGaps(this.#db, input);
  }

  // ---------- search learned from use (learned-phrasings.ts) ----------

  learnPhrasing(input: learned.LearnPhrasingInput): Promise<LearnedPhrasing | null> {
    return learned.learnPhrasing(this.#db, input);
  }

  listLearnedPhrasings(site: SiteKey, options?: { promotedOnly?: boolean; entryId?: string }): Promise<LearnedPhrasing[]> {
    return learned.listLearnedPhrasings(this.#db, site, options);
  }

  removeLearnedPhrasing(site: SiteKey, id: string): Promise<boolean> {
    return learned.removeLearnedPhrasing(this.#db, site, id);
  }

  lastVisitorQuery(site: SiteKey, visitorId: VisitorId, since: IsoTime): Promise<string | null> {
    return learned.lastVisitorQuery(this.#db, site, visitorId, toIso(since));
  }
}

/**
 * Data rights in the store: everything about a visitor as one export, erasure (messages,
 * events, identity; the conversations stay as an erased visitor's, with their counts), the
 * retention sweep, and the audit log. Shared by SQLite and PostgreSQL like the rest.
 */
import type { Kysely } from 'kysely';
import type { AuditEntry, ErasureReport, VisitorExport } from '../../protocol/privacy.js';
import { deleteConversationAttachments, deleteVisitorAttachments, listVisitorAttachments } from './attachments.js';
import { newId } from './ids.js';
import { nowIso, parseContext, toMessage, toVisitor } from './rows.js';
import type { Database } from './schema.js';
import type { VisitorRecord } from './store.js';

/** A visitor id, or an email (any case): every visitor with it, on every site. */
export async function findVisitors(db: Kysely<Database>, ref: string): Promise<VisitorRecord[]> {
  const key = ref.trim();
  if (key === '') return [];
  const rows = key.includes('@')
    ? await db
        .selectFrom('visitors')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', key.toLowerCase()))
        .orderBy('first_seen_at')
        .execute()
    : await db.selectFrom('visitors').selectAll().where('id', '=', key).execute();
  return rows.map(toVisitor);
}

export async function exportVisitor(db: Kysely<Database>, visitorId: string): Promise<VisitorExport | null> {
  const visitor = await db.selectFrom('visitors').selectAll().where('id', '=', visitorId).executeTakeFirst();
  if (visitor === undefined) return null;
  const conversations = await db
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const messages =
    conversations.length === 0
      ? []
      : await db
          .selectFrom('messages')
          .selectAll()
          .where(
            'conversation_id',
            'in',
            conversations.map((c) => c.id),
          )
          .orderBy('seq')
          .execute();
  const events = await db
    .selectFrom('faq_events')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const attachments = await listVisitorAttachments(db, visitorId);
  const { erasedAt, ...identity } = toVisitor(visitor);
  return {
    exportedAt: nowIso(),
    visitor: { ...identity, erasedAt },
    conversations: conversations.map((c) => ({
      id: c.id,
      status: c.status,
      offline: c.offline === 1,
      createdAt: c.created_at,
      closedAt: c.closed_at,
      context: parseContext(c.context),
      survey: c.survey_score === null ? null : { score: c.survey_score, comment: c.survey_comment, answeredAt: c.survey_at },
      // Internal notes are the agents' working notes, not the visitor's data as they gave it.
      messages: messages.filter((m) => m.conversation_id === c.id && m.internal === 0).map(toMessage),
    })),
    events: events.map((e) => ({
      kind: e.kind,
      query: e.query,
      articleId: e.article_id,
      helpful: e.helpful === null ? null : e.helpful === 1,
      at: e.at,
    })),
    attachments: attachments.map(({ site: _site, visitorId: _visitor, uploaderId: _uploader, ...file }) => file),
  };
}

/** One transaction: the visitor is either wholly erased or untouched. */
export async function eraseVisitor(db: Kysely<Database>, visitorId: string, rowLocks: boolean): Promise<ErasureReport | null> {
  return db.transaction().execute(async (trx) => {
    const visitor = await trx
      .selectFrom('visitors')
      .select('id')
      .where('id', '=', visitorId)
      .$if(rowLocks, (q) => q.forUpdate())
      .executeTakeFirst();
    if (visitor === undefined) return null;
    const conversations = (await trx.selectFrom('conversations').select('id').where('visitor_id', '=', visitorId).execute()).map(
      (c) => c.id,
    );
    const messages =
      conversations.length === 0
        ? 0n
        : (await trx.deleteFrom('messages').where('conversation_id', 'in', conversations).executeTakeFirst()).numDeletedRows;
    // What the visitor wrote or where they were goes; status, times, seq counts and the score stay.
    await trx
      .updateTable('conversations')
      .set({ context: '{}', survey_comment: null })
      .where('visitor_id', '=', visitorId)
      .execute();
    const events = (await trx.deleteFrom('faq_events').where('visitor_id', '=', visitorId).executeTakeFirst()).numDeletedRows;
    await trx.deleteFrom('outbox_events').where('visitor_id', '=', visitorId).execute();
    const attachments = await deleteVisitorAttachments(trx, visitorId);
    // Which wordings the visitor vouched for goes; a learned phrasing keeps its count (a number).
    await trx.deleteFrom('learned_phrasing_voters').where('voter', '=', `v:${visitorId}`).execute();
    await trx
      .updateTable('visitors')
      // A token hash no token can have: the browser that held the visitor's token is a stranger now.
      .set({ name: null, email: null, external_id: null, locale: null, token_hash: `erased:${visitorId}`, erased_at: nowIso() })
      .where('id', '=', visitorId)
      .execute();
    return { visitorId, conversations: conversations.length, messages: Number(messages), events: Number(events), attachments };
  });
}

/** The retention sweep: closed conversations closed before `before`, with their messages and events. */
export async function deleteClosedConversationsBefore(db: Kysely<Database>, before: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = (
      await trx.selectFrom('conversations').select('id').where('status', '=', 'closed').where('closed_at', '<', before).execute()
    ).map((c) => c.id);
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      await trx.deleteFrom('messages').where('conversation_id', 'in', chunk).execute();
      await deleteConversationAttachments(trx, chunk);
      await trx.deleteFrom('conversations').where('id', 'in', chunk).execute();
    }
    await trx.deleteFrom('outbox_events').where('created_at', '<', before).execute();
    return ids.length;
  });
}

/** Dispatched events older than `before` with nothing left to deliver (their deliveries go with them). */
export async function pruneOutbox(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('outbox_events')
    .where('dispatched', '=', 1)
    .where('created_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries')
            .select('deliveries.id')
            .whereRef('deliveries.event_id', '=', 'outbox_events.id')
            .where('deliveries.status', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordAudit(
  db: Kysely<Database>,
  entry: { actor: string; action: string; target: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** Newest first. */
export async function listAudit(db: Kysely<Database>, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

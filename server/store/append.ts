/**
 * Saving messages: the one place seqs are assigned. Everything here runs inside a transaction
 * that holds the conversation row (SELECT … FOR UPDATE on PostgreSQL; on SQLite the single
 * connection and BEGIN IMMEDIATE serialise writers), so reading last_seq, inserting seq + 1 and
 * writing last_seq back cannot interleave with another append to the same conversation.
 */
import { firstResponseAfter, waitingSinceAfter } from '../../protocol/queue-rules.js';
import { newId } from './ids.js';
import type { Selectable, Transaction } from 'kysely';
import { mergeContext } from './context.js';
import { messageEvents, writeEvents, type EventBuffer } from './outbox.js';
import { flag, nowIso, parseContext, toConversation, toMessage } from './rows.js';
import type { ConversationsTable, Database, MessagesTable } from './schema.js';
import {
  ConflictError,
  NotFoundError,
  type AppendResult,
  type AppendVisitorResult,
  type BatchAppend,
  type BatchAppendResult,
  type BatchVisitorAppendResult,
  type NewMessage,
  type VisitorAppend,
} from './store.js';

type Trx = Transaction<Database>;
type ConversationRow = Selectable<ConversationsTable>;

export interface AppendOptions {
  /** PostgreSQL: take row locks. SQLite has no FOR UPDATE and needs none. */
  rowLocks: boolean;
  /** Write integration events to the outbox in the same transaction. */
  outbox: boolean;
}

async function lockConversations(trx: Trx, ids: string[], options: AppendOptions): Promise<Map<string, ConversationRow>> {
  if (ids.length === 0) return new Map();
  // Sorted, so two batches touching the same conversations lock them in the same order.
  const rows = await trx
    .selectFrom('conversations')
    .selectAll()
    .where('id', 'in', [...new Set(ids)].sort())
    .orderBy('id')
    .$if(options.rowLocks, (q) => q.forUpdate())
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

function sameSender(row: Selectable<MessagesTable>, message: NewMessage): boolean {
  const files = message.attachments?.length ? JSON.stringify(message.attachments) : null;
  return (
    row.text === message.text &&
    row.author_kind === message.author.kind &&
    row.author_id === (message.author.id ?? null) &&
    (row.attachments ?? null) === files
  );
}

/** The stored message for a resend, or a ConflictError when the clientId was used for something else. */
function resend(row: Selectable<MessagesTable>, message: NewMessage): AppendResult {
  if (!sameSender(row, message)) {
    throw new ConflictError(`clientId ${message.clientId} was already used for a different message`);
  }
  return { message: toMessage(row), duplicate: true };
}

/** The conversation's wait and first response after a saved message, by the queue's rules. */
function keepQueueState(conversation: ConversationRow, row: Selectable<MessagesTable>): void {
  const saved = { author: { kind: row.author_kind }, internal: row.internal === 1, createdAt: row.created_at };
  conversation.waiting_since = waitingSinceAfter(conversation.waiting_since, saved);
  conversation.first_response_at = firstResponseAfter(conversation.first_response_at, saved);
}

/** The row of the conversation's next message (seq = last_seq + 1); the caller inserts it. */
function newMessageRow(conversation: ConversationRow, message: NewMessage): Selectable<MessagesTable> {
  return {
    id: newId(),
    conversation_id: conversation.id,
    seq: conversation.last_seq + 1,
    client_id: message.clientId,
    author_kind: message.author.kind,
    author_id: message.author.id ?? null,
    author_name: message.author.name ?? null,
    text: message.text,
    internal: flag(message.internal),
    created_at: nowIso(),
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    card: message.card ? JSON.stringify(message.card) : null,
  };
}

/**
 * A visitor may upload before their first message opens the conversation: the files it carries
 * belong to that conversation from now on (erasure and the retention sweep find them by it).
 */
async function placeAttachments(trx: Trx, row: Selectable<MessagesTable>): Promise<void> {
  if (row.attachments === null) return;
  const ids = (JSON.parse(row.attachments) as { id: string }[]).map((a) => a.id);
  await trx
    .updateTable('attachments')
    .set({ conversation_id: row.conversation_id })
    .where('id', 'in', ids)
    .where('conversation_id', 'is', null)
    .execute();
}

/**
 * Appends to a locked conversation row and updates that row object in memory; the caller
 * writes the row back with saveConversationState once per transaction.
 */
async function appendToLocked(trx: Trx, conversation: ConversationRow, message: NewMessage): Promise<AppendResult> {
  const existing = await trx
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversation.id)
    .where('client_id', '=', message.clientId)
    .executeTakeFirst();
  if (existing !== undefined) return resend(existing, message);

  const row = newMessageRow(conversation, message);
  await trx.insertInto('messages').values(row).execute();
  await placeAttachments(trx, row);

  conversation.last_seq = row.seq;
  keepQueueState(conversation, row);
  return { message: toMessage(row), duplicate: false };
}

async function saveConversationState(trx: Trx, row: ConversationRow): Promise<void> {
  await trx
    .updateTable('conversations')
    .set({
      last_seq: row.last_seq,
      first_response_at: row.first_response_at,
      waiting_since: row.waiting_since,
      context: row.context,
      offline: row.offline,
    })
    .where('id', '=', row.id)
    .execute();
}

/** Group commit: see Store.appendMessages. Runs inside the caller's transaction. */
export async function appendBatch(trx: Trx, batch: BatchAppend[], options: AppendOptions): Promise<BatchAppendResult[]> {
  const conversations = await lockConversations(
    trx,
    batch.map((item) => item.conversationId),
    options,
  );
  const dirty = new Set<ConversationRow>();
  const events: EventBuffer = [];
  const results: BatchAppendResult[] = [];
  for (const item of batch) {
    const conversation = conversations.get(item.conversationId);
    if (conversation === undefined) {
      results.push({ ok: false, error: new NotFoundError(`No conversation ${item.conversationId}`) });
      continue;
    }
    try {
      const result = await appendToLocked(trx, conversation, item.message);
      if (!result.duplicate) {
        dirty.add(conversation);
        messageEvents(events, conversation, result.message, false, false);
      }
      results.push({ ok: true, result });
    } catch (error) {
      // A conflict is detected before anything of its item is written, so the batch goes on.
      if (!(error instanceof ConflictError)) throw error;
      results.push({ ok: false, error });
    }
  }
  for (const conversation of dirty) await saveConversationState(trx, conversation);
  if (options.outbox) await writeEvents(trx, events);
  return results;
}

export type VisitorAppendInput = VisitorAppend;

/** See Store.appendVisitorMessage. Runs inside the caller's transaction. */
export async function appendVisitor(trx: Trx, input: VisitorAppendInput, options: AppendOptions): Promise<AppendVisitorResult> {
  // The visitor row lock serialises this visitor's appends, so "find the open conversation or
  // open one" cannot run twice at once; the partial unique index backs it up.
  const visitor = await trx
    .selectFrom('visitors')
    .select(['id', 'site'])
    .where('id', '=', input.visitorId)
    .$if(options.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  if (visitor === undefined || visitor.site !== input.site) {
    throw new NotFoundError(`No visitor ${input.visitorId} on site ${input.site}`);
  }

  // A resend is recognised even when its conversation was closed in the meantime: answering it
  // by opening a new conversation would store the message twice.
  const earlier = await trx
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .selectAll('messages')
    .where('conversations.visitor_id', '=', input.visitorId)
    .where('messages.client_id', '=', input.message.clientId)
    .executeTakeFirst();
  if (earlier !== undefined) {
    const duplicate = resend(earlier, input.message);
    const conversation = await trx
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', earlier.conversation_id)
      .executeTakeFirstOrThrow();
    return { ...duplicate, conversation: toConversation(conversation), created: false };
  }

  let conversation = await trx
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', '=', input.visitorId)
    .where('status', '=', 'open')
    .$if(options.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  const created = conversation === undefined;
  if (conversation === undefined) {
    conversation = newConversationRow(input);
    await trx.insertInto('conversations').values(conversation).execute();
  } else {
    if (input.context !== undefined) {
      conversation.context = JSON.stringify(mergeContext(parseContext(conversation.context), input.context));
    }
    if (input.offline === true) conversation.offline = 1;
  }

  const result = await appendToLocked(trx, conversation, input.message);
  await saveConversationState(trx, conversation);
  if (options.outbox && !result.duplicate) {
    const events: EventBuffer = [];
    messageEvents(events, conversation, result.message, created, input.offline === true);
    await writeEvents(trx, events);
  }
  return { ...result, conversation: toConversation(conversation), created };
}

/** Rows per multi-row INSERT of messages: 10 columns each, well under SQLite's parameter limit. */
const MESSAGE_INSERT_CHUNK = 100;

function newConversationRow(input: VisitorAppendInput): ConversationRow {
  return {
    id: newId(),
    site: input.site,
    visitor_id: input.visitorId,
    status: 'open',
    offline: flag(input.offline),
    assignee_id: null,
    context: JSON.stringify(mergeContext({}, input.context)),
    last_seq: 0,
    created_at: nowIso(),
    closed_at: null,
    first_response_at: null,
    waiting_since: null,
    survey_score: null,
    survey_comment: null,
    survey_at: null,
  };
}

/**
 * Group commit for visitor messages: appendVisitor's rules for each item, in order, in the
 * caller's transaction, with the reads done once for the whole batch (visitors, earlier uses of
 * the clientIds, open conversations) and the messages inserted in bulk, so a batch costs a
 * handful of statements instead of six per message. A conflict or an unknown visitor fails
 * that item alone (both are found before the item writes anything); any other error fails the
 * whole batch.
 */
export async function appendVisitorBatch(
  trx: Trx,
  batch: VisitorAppendInput[],
  options: AppendOptions,
): Promise<BatchVisitorAppendResult[]> {
  if (batch.length === 0) return [];
  const visitorIds = [...new Set(batch.map((item) => item.visitorId))].sort();
  // Locks sorted, visitors before conversations (appendBatch takes conversations sorted too):
  // two processes committing overlapping batches cannot deadlock.
  const visitors = await trx
    .selectFrom('visitors')
    .select(['id', 'site'])
    .where('id', 'in', visitorIds)
    .orderBy('id')
    .$if(options.rowLocks, (q) => q.forUpdate())
    .execute();
  const siteOf = new Map(visitors.map((v) => [v.id, v.site]));
  const open = new Map<string, ConversationRow>();
  for (const row of await trx
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', 'in', visitorIds)
    .where('status', '=', 'open')
    .orderBy('id')
    .$if(options.rowLocks, (q) => q.forUpdate())
    .execute()) {
    open.set(row.visitor_id, row);
  }
  // A resend is recognised even when its conversation was closed in the meantime.
  const key = (visitorId: string, clientId: string) => `${visitorId}\u0000${clientId}`;
  const earlier = new Map<string, Selectable<MessagesTable>>();
  for (const row of await trx
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .selectAll('messages')
    .select('conversations.visitor_id as visitor_id')
    .where('conversations.visitor_id', 'in', visitorIds)
    .where('messages.client_id', 'in', [...new Set(batch.map((item) => item.message.clientId))])
    .execute()) {
    const { visitor_id: visitorId, ...message } = row;
    earlier.set(key(visitorId, message.client_id), message);
  }

  const results: BatchVisitorAppendResult[] = [];
  const inserts: Selectable<MessagesTable>[] = [];
  const dirty = new Set<ConversationRow>();
  const events: EventBuffer = [];
  for (const input of batch) {
    if (siteOf.get(input.visitorId) !== input.site) {
      results.push({ ok: false, error: new NotFoundError(`No visitor ${input.visitorId} on site ${input.site}`) });
      continue;
    }
    const before = earlier.get(key(input.visitorId, input.message.clientId));
    if (before !== undefined) {
      try {
        const duplicate = resend(before, input.message);
        const home =
          [...dirty, ...open.values()].find((c) => c.id === before.conversation_id) ??
          (await trx.selectFrom('conversations').selectAll().where('id', '=', before.conversation_id).executeTakeFirstOrThrow());
        results.push({ ok: true, result: { ...duplicate, conversation: toConversation(home), created: false } });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        results.push({ ok: false, error });
      }
      continue;
    }

    let conversation = open.get(input.visitorId);
    const created = conversation === undefined;
    if (conversation === undefined) {
      conversation = newConversationRow(input);
      await trx.insertInto('conversations').values(conversation).execute();
      open.set(input.visitorId, conversation);
    } else {
      if (input.context !== undefined)
        conversation.context = JSON.stringify(mergeContext(parseContext(conversation.context), input.context));
      if (input.offline === true) conversation.offline = 1;
    }
    const row = newMessageRow(conversation, input.message);
    inserts.push(row);
    earlier.set(key(input.visitorId, row.client_id), row);
    conversation.last_seq = row.seq;
    keepQueueState(conversation, row);
    dirty.add(conversation);
    const message = toMessage(row);
    messageEvents(events, conversation, message, created, input.offline === true);
    results.push({ ok: true, result: { message, duplicate: false, conversation: toConversation(conversation), created } });
  }

  for (let i = 0; i < inserts.length; i += MESSAGE_INSERT_CHUNK) {
    await trx
      .insertInto('messages')
      .values(inserts.slice(i, i + MESSAGE_INSERT_CHUNK))
      .execute();
  }
  for (const row of inserts) await placeAttachments(trx, row);
  for (const conversation of dirty) await saveConversationState(trx, conversation);
  if (options.outbox) await writeEvents(trx, events);
  return results;
}

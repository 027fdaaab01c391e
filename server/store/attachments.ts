/**
 * Attachments in the store: their rows (who may see them, what they are), their bytes for
 * installs that keep them in the database, and the key that signs download links. Shared by
 * SQLite and PostgreSQL like the rest.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AttachmentMime } from '../../protocol/attachments.js';
import type { AttachmentsTable, Database } from './schema.js';
import type { AttachmentRecord } from './store.js';

/** Ids per IN list: well under SQLite's parameter limit. */
const CHUNK = 200;

function toAttachment(row: Selectable<AttachmentsTable>): AttachmentRecord {
  return {
    id: row.id,
    site: row.site,
    visitorId: row.visitor_id,
    conversationId: row.conversation_id,
    uploaderKind: row.uploader_kind,
    uploaderId: row.uploader_id,
    name: row.name,
    mime: row.mime as AttachmentMime,
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

export async function saveAttachment(db: Kysely<Database>, record: AttachmentRecord): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: record.id,
      site: record.site,
      visitor_id: record.visitorId,
      conversation_id: record.conversationId,
      uploader_kind: record.uploaderKind,
      uploader_id: record.uploaderId,
      name: record.name,
      mime: record.mime,
      size: record.size,
      sha256: record.sha256,
      created_at: record.createdAt,
    })
    .execute();
}

/** The rows with these ids that exist, in no particular order. */
export async function getAttachments(db: Kysely<Database>, ids: readonly string[]): Promise<AttachmentRecord[]> {
  const found: AttachmentRecord[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('attachments')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    found.push(...rows.map(toAttachment));
  }
  return found;
}

/** Oldest first. */
export async function listVisitorAttachments(db: Kysely<Database>, visitorId: string): Promise<AttachmentRecord[]> {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

export async function listClosedConversationAttachmentsBefore(db: Kysely<Database>, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attachments')
    .select('attachments.id')
    .innerJoin('conversations', 'conversations.id', 'attachments.conversation_id')
    .where('conversations.status', '=', 'closed')
    .where('conversations.closed_at', '<', before)
    .execute();
  return rows.map((r) => r.id);
}

export async function putAttachmentBytes(db: Kysely<Database>, id: string, bytes: Uint8Array): Promise<void> {
  await db
    .insertInto('attachment_bytes')
    .values({ id, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function getAttachmentBytes(db: Kysely<Database>, id: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('attachment_bytes').select('bytes').where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : new Uint8Array(row.bytes);
}

export async function deleteAttachmentBytes(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const result = await db
      .deleteFrom('attachment_bytes')
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/**
 * The link-signing key: made by whichever process asks first, then the same for all, so a link
 * one process signs is good at any other behind the load balancer.
 */
export async function attachmentSigningKey(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto('attachment_keys')
    .values({ name: 'links', secret: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('attachment_keys').select('secret').where('name', '=', 'links').executeTakeFirstOrThrow();
  return row.secret;
}

/** Inside erasure's or the retention sweep's transaction: the rows and database bytes of these conversations' files. */
export async function deleteConversationAttachments(db: Kysely<Database>, conversationIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < conversationIds.length; i += CHUNK) {
    const chunk = conversationIds.slice(i, i + CHUNK);
    await db
      .deleteFrom('attachment_bytes')
      .where('id', 'in', db.selectFrom('attachments').select('id').where('conversation_id', 'in', chunk))
      .execute();
    const result = await db.deleteFrom('attachments').where('conversation_id', 'in', chunk).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Inside erasure's transaction: every file of the visitor, in a conversation or not yet sent. */
export async function deleteVisitorAttachments(db: Kysely<Database>, visitorId: string): Promise<number> {
  await db
    .deleteFrom('attachment_bytes')
    .where('id', 'in', db.selectFrom('attachments').select('id').where('visitor_id', '=', visitorId))
    .execute();
  const result = await db.deleteFrom('attachments').where('visitor_id', '=', visitorId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

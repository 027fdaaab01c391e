/**
 * Attachments: one row per uploaded file (who may see it follows from its visitor and site),
 * the files a message carries as a JSON list on the message (read with the message, no join),
 * the bytes in a table of their own for installs that keep them in the database (PostgreSQL
 * when scaled out: every process reads the same bytes), and the key that signs download links,
 * made once and shared by every process through the database.
 */
import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

export const attachments: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      // The visitor whose conversation it belongs to, whoever uploaded it: theirs to see and export.
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text')
      .addColumn('uploader_kind', 'text', (c) => c.notNull())
      .addColumn('uploader_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_visitor').on('attachments').column('visitor_id').execute();
    await db.schema
      .createTable('attachment_bytes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('bytes', postgres ? sql`bytea` : sql`blob`, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('attachment_keys')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('messages').addColumn('attachments', 'text').execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('messages').dropColumn('attachments').execute();
    await db.schema.dropTable('attachment_keys').ifExists().execute();
    await db.schema.dropTable('attachment_bytes').ifExists().execute();
    await db.schema.dropTable('attachments').ifExists().execute();
  },
};

/**
 * The first schema. Portable on purpose (see ../schema.ts): text ids and ISO timestamps,
 * integer flags, JSON as text, so the same migration runs on SQLite and PostgreSQL.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const initial: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('visitors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('name', 'text')
      .addColumn('email', 'text')
      .addColumn('locale', 'text')
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('visitors_site_token_hash').unique().on('visitors').columns(['site', 'token_hash']).execute();
    await db.schema.createIndex('visitors_site_external_id').on('visitors').columns(['site', 'external_id']).execute();

    await db.schema
      .createTable('agents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('agents_email_key').unique().on('agents').column('email_key').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_agent_id').on('sessions').column('agent_id').execute();

    await db.schema
      .createTable('conversations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('offline', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('assignee_id', 'text', (c) => c.references('agents.id').onDelete('set null'))
      .addColumn('context', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('first_response_at', 'text')
      .addColumn('waiting_since', 'text')
      .addColumn('survey_score', 'integer')
      .addColumn('survey_comment', 'text')
      .addColumn('survey_at', 'text')
      .execute();
    await db.schema
      .createIndex('conversations_site_status')
      .on('conversations')
      .columns(['site', 'status', 'created_at'])
      .execute();
    await db.schema.createIndex('conversations_visitor').on('conversations').columns(['visitor_id', 'created_at']).execute();
    // At most one open conversation per visitor, whatever races the application loses.
    await db.schema
      .createIndex('conversations_one_open_per_visitor')
      .unique()
      .on('conversations')
      .column('visitor_id')
      .where(sql.ref('status'), '=', 'open')
      .execute();
    await db.schema
      .createIndex('conversations_site_first_response')
      .on('conversations')
      .columns(['site', 'first_response_at'])
      .execute();
    await db.schema.createIndex('conversations_site_survey').on('conversations').columns(['site', 'survey_at']).execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('author_kind', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text')
      .addColumn('author_name', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('messages_conversation_seq')
      .unique()
      .on('messages')
      .columns(['conversation_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('messages_conversation_client_id')
      .unique()
      .on('messages')
      .columns(['conversation_id', 'client_id'])
      .execute();

    await db.schema
      .createTable('saved_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('agents.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('saved_replies_site').on('saved_replies').column('site').execute();

    await db.schema
      .createTable('faq_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // No foreign key: the analytics beacon is fire-and-forget and may outlive a visitor row.
      .addColumn('visitor_id', 'text')
      .addColumn('query', 'text')
      .addColumn('query_key', 'text')
      .addColumn('hits', 'integer')
      .addColumn('article_id', 'text')
      .addColumn('helpful', 'integer')
      .addColumn('locale', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('faq_events_site_at').on('faq_events').columns(['site', 'at']).execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of ['faq_events', 'saved_replies', 'messages', 'conversations', 'sessions', 'agents', 'visitors']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/**
 * FAQ entries edited in the console: the working copy (draft) and the published content of each
 * answer, soft deletion (so a delete can be undone), and every saved version for restore.
 * Keywords, phrasings and the published content are JSON as text, as elsewhere in the schema.
 */
import type { Kysely, Migration } from 'kysely';

export const faqEntries: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('faq_entries')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('keywords', 'text', (c) => c.notNull())
      .addColumn('phrasings', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('translation_of', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('published', 'text')
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('deleted_at', 'text')
      .addPrimaryKeyConstraint('faq_entries_pk', ['site', 'id'])
      .execute();

    await db.schema
      .createTable('faq_revisions')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addColumn('saved_by', 'text')
      .addPrimaryKeyConstraint('faq_revisions_pk', ['site', 'entry_id', 'revision'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('faq_revisions').ifExists().execute();
    await db.schema.dropTable('faq_entries').ifExists().execute();
  },
};

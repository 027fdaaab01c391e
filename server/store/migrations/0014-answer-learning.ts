/**
 * Search that learns from use, and answers sent as cards. A learned phrasing is a visitor's
 * wording kept for an FAQ entry; each distinct visitor (or agent) who vouched for it is a row
 * of `learned_phrasing_voters`, so a vote counted twice is still one voter. A phrasing an owner
 * removed keeps its row (removed_at) so the same wording is not learned again. A message's
 * `card` is the JSON of the answer card an agent sent with it.
 */
import type { Kysely, Migration } from 'kysely';

export const answerLearning: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('learned_phrasings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('wording', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('promoted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'text')
      .addUniqueConstraint('learned_phrasings_wording', ['site', 'entry_id', 'wording'])
      .execute();
    await db.schema
      .createTable('learned_phrasing_voters')
      .addColumn('phrasing_id', 'text', (c) => c.notNull())
      .addColumn('voter', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learned_phrasing_voters_pk', ['phrasing_id', 'voter'])
      .execute();
    await db.schema.alterTable('messages').addColumn('card', 'text').execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('messages').dropColumn('card').execute();
    await db.schema.dropTable('learned_phrasing_voters').ifExists().execute();
    await db.schema.dropTable('learned_phrasings').ifExists().execute();
  },
};

/**
 * What an owner did with the gap finder's groups, per normalised wording: dismissed it, added
 * it as a phrasing of an answer, or drafted an answer from it. Groups are recomputed from the
 * searches on every read, so marks are kept per wording rather than per group: a group most of
 * whose asks are marked stays hidden, and a draft made once is found again.
 */
import type { Kysely, Migration } from 'kysely';

export const gapMarks: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('gap_marks')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('wording', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('gap_marks_pk', ['site', 'wording', 'action'])
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('gap_marks').ifExists().execute();
  },
};

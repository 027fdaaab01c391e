/** Webhook and Slack endpoints added in the console (the config file's are not stored). */
import type { Kysely, Selectable } from 'kysely';
import type { IntegrationEventType } from '../../protocol/integrations.js';
import { newId } from './ids.js';
import { nowIso } from './rows.js';
import type { Database, WebhookEndpointsTable } from './schema.js';
import { NotFoundError, type SaveWebhookEndpointInput, type WebhookEndpointRecord } from './store.js';

function toRecord(row: Selectable<WebhookEndpointsTable>): WebhookEndpointRecord {
  return {
    id: row.id,
    site: row.site,
    type: row.type,
    url: row.url,
    secret: row.secret,
    events: JSON.parse(row.events) as IntegrationEventType[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listWebhookEndpoints(
  db: Kysely<Database>,
  filter: { site?: string; enabledOnly?: boolean },
): Promise<WebhookEndpointRecord[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll();
  if (filter.site !== undefined) query = query.where('site', '=', filter.site);
  if (filter.enabledOnly) query = query.where('enabled', '=', 1);
  return (await query.orderBy('site').orderBy('id').execute()).map(toRecord);
}

export async function getWebhookEndpoint(db: Kysely<Database>, id: string): Promise<WebhookEndpointRecord | null> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toRecord(row);
}

/** Creates the endpoint, or with `id` replaces its fields (NotFoundError for an unknown id). */
export async function saveWebhookEndpoint(db: Kysely<Database>, input: SaveWebhookEndpointInput): Promise<WebhookEndpointRecord> {
  const now = nowIso();
  const fields = {
    site: input.site,
    type: input.type,
    url: input.url,
    secret: input.type === 'slack' ? null : input.secret,
    events: JSON.stringify([...new Set(input.events)]),
    enabled: input.enabled ? (1 as const) : (0 as const),
    updated_at: now,
  };
  if (input.id === undefined) {
    const id = newId();
    await db
      .insertInto('webhook_endpoints')
      .values({ id, ...fields, created_at: now })
      .execute();
    return (await getWebhookEndpoint(db, id))!;
  }
  const result = await db.updateTable('webhook_endpoints').set(fields).where('id', '=', input.id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError(`No webhook endpoint ${input.id}.`);
  return (await getWebhookEndpoint(db, input.id))!;
}

export async function deleteWebhookEndpoint(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function hasEnabledWebhookEndpoints(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}
